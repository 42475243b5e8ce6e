package dev.gantry.server.notify;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the outbox: a notification and how its delivery is going.
 *
 * @param id the outbox id (the API's {@code /notifications/{id}})
 * @param notification what to deliver, its channel as the plan wrote it
 * @param state where it is
 * @param attempts attempts made since it was enqueued or last retried by an operator
 * @param nextAttemptAt when the worker tries next (pending only)
 * @param lastError why the last attempt failed, redacted
 * @param createdAt when it was enqueued
 * @param deliveredAt when the receiver accepted it
 */
public record OutboxEntry(long id, Notification notification, OutboxState state, int attempts, Instant nextAttemptAt,
        Optional<String> lastError, Instant createdAt, Optional<Instant> deliveredAt) {
    /** Checks required members. */
    public OutboxEntry {
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(state, "state");
    }
}
