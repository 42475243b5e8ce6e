package dev.gantry.server.comms;

import dev.gantry.plan.Communication;
import dev.gantry.plan.NotificationChannel;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A communication of a release's latest revision, rendered: what would be sent, where, when.
 *
 * @param product the release's product
 * @param version the release's version
 * @param revision the plan revision it was rendered from
 * @param communication the plan's entry
 * @param due when it goes out (trigger schedule with a day); empty for rollback-triggered ones
 * @param delivery how it reaches its audience
 * @param subject the subject or headline
 * @param body the rendered template (the subject when the entry has no template)
 * @param contentHash {@code sha256:} of everything an approver approves: subject, body, delivery, time
 * @param problem why it cannot be sent (its template was not pushed or does not render); empty when fine
 */
public record Draft(String product, String version, long revision, Communication communication, Optional<Instant> due,
        Delivery delivery, String subject, String body, String contentHash, Optional<String> problem) {
    public Draft {
        Objects.requireNonNull(communication, "communication");
        Objects.requireNonNull(delivery, "delivery");
    }

    /** @return the plan's id of the communication */
    public String id() {
        return communication.id();
    }

    /**
     * How a draft is delivered.
     *
     * @param kind through a channel, onto the status page, or by a person
     * @param channel the notification channel (kind CHANNEL)
     */
    public record Delivery(Kind kind, Optional<NotificationChannel> channel) {
        /** Delivery kinds. */
        public enum Kind { CHANNEL, STATUS_PAGE, BY_HAND }

        /** @return as shown: {@code channel:email-customers}, {@code status-page}, {@code by-hand} */
        public String text() {
            return switch (kind) {
                case CHANNEL -> "channel:" + channel.orElseThrow().id();
                case STATUS_PAGE -> "status-page";
                case BY_HAND -> "by-hand";
            };
        }
    }

    /** Where a draft stands. */
    public enum State {
        /** Not approved, and its time has not come. */
        DRAFT,
        /** Approved; sent when its trigger fires (rollback) or published by hand. */
        APPROVED,
        /** Approved and waiting for its time. */
        SCHEDULED,
        /** In the sent log as sent. */
        SENT,
        /** Its time has passed without an approval of this content: not sent. */
        OVERDUE,
        /** Sending failed; the sent log says why. */
        FAILED;

        /** @return the JSON name */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
