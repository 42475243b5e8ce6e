package dev.gantry.server.notify;

import java.util.Optional;

/**
 * How the server delivers notifications: retry timing, and the SMTP server for email channels
 * (none: email notifications fail with a message saying to set {@code GANTRY_SMTP_HOST}).
 *
 * @param backoff retry delays and the maximum age
 * @param smtp the SMTP server, if any
 */
public record NotificationSettings(Backoff backoff, Optional<SmtpSettings> smtp) {
    /** @return default retries, no SMTP */
    public static NotificationSettings defaults() {
        return new NotificationSettings(Backoff.defaults(), Optional.empty());
    }

    /** @return a copy with {@code smtp} */
    public NotificationSettings withSmtp(SmtpSettings settings) {
        return new NotificationSettings(backoff, Optional.of(settings));
    }

    /** @return a copy with {@code b} */
    public NotificationSettings withBackoff(Backoff b) {
        return new NotificationSettings(b, smtp);
    }
}
