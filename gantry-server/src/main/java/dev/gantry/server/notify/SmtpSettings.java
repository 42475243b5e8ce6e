package dev.gantry.server.notify;

import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP server email channels send through ({@code GANTRY_SMTP_*}).
 *
 * @param host the SMTP host
 * @param port the SMTP port (587 with STARTTLS, 25 without)
 * @param username the login, when the server wants one
 * @param password the password; never printed
 * @param from the sender when a channel gives no {@code from}
 * @param startTls whether to require STARTTLS before logging in
 */
public record SmtpSettings(String host, int port, Optional<String> username, Optional<String> password,
        Optional<String> from, boolean startTls) {
    /** Validates the port and host. */
    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("The SMTP host must not be empty.");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("The SMTP port must be between 1 and 65535, got " + port + ".");
        }
        if (password.isPresent() && username.isEmpty()) {
            throw new IllegalArgumentException("An SMTP password was given without a user (GANTRY_SMTP_USER).");
        }
    }

    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", username=" + username.orElse("(none)")
                + ", password=" + password.map(p -> "***").orElse("(none)") + ", from=" + from.orElse("(none)")
                + ", startTls=" + startTls + "]";
    }
}
