package dev.gantry.server.notify;

import dev.gantry.plan.NotificationChannel;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One message for one channel of a plan, handed to a {@link Notifier}. Delivery is at least
 * once to the receiver and exactly once per {@link #idempotencyKey} into the outbox.
 *
 * @param idempotencyKey unique per intended delivery; enqueuing the same key again does nothing
 *     and receivers that support it get it as a header, so a retry is recognisable
 * @param channel the plan's channel; its {@code ${VAR}} references resolve at delivery time
 * @param kind a trigger, a resolve, or a plain message
 * @param dedupKey groups a trigger with its resolve (PagerDuty's {@code dedup_key}), for example
 *     {@code platform/1.2.0/error-rate}
 * @param severity how urgent it is
 * @param title one line
 * @param text the body, plain text (Markdown for Slack and email is allowed)
 * @param facts labelled facts shown as fields (release, guard, value, threshold, ...), in order
 * @param link a page with details, if any
 */
public record Notification(String idempotencyKey, NotificationChannel channel, Kind kind, String dedupKey,
        Severity severity, String title, String text, Map<String, String> facts, Optional<String> link) {

    public Notification {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(channel, "channel");
        facts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facts));
    }

    /** What the message does at the receiver. */
    public enum Kind {
        /** Opens an alert (PagerDuty trigger); other channels show it as a message. */
        TRIGGER,
        /** Closes the alert opened with the same dedup key (PagerDuty resolve). */
        RESOLVE,
        /** A message that opens nothing: an announcement, a communication. */
        MESSAGE
    }

    /** How urgent a notification is (PagerDuty's severities). */
    public enum Severity { CRITICAL, ERROR, WARNING, INFO }
}
