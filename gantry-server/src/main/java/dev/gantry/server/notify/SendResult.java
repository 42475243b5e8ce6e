package dev.gantry.server.notify;

import java.time.Duration;
import java.util.Optional;

/** How one delivery attempt ended. Reasons never hold a secret (the worker redacts them again). */
sealed interface SendResult {
    /** The receiver accepted the message. */
    record Delivered() implements SendResult {}

    /**
     * A failure worth trying again (receiver down, 429, 5xx, timeout).
     *
     * @param reason what happened
     * @param retryAfter the receiver's {@code Retry-After}, when it gave one
     */
    record Retry(String reason, Optional<Duration> retryAfter) implements SendResult {
        Retry(String reason) {
            this(reason, Optional.empty());
        }
    }

    /**
     * A failure that no retry fixes (host not allowed, missing variable, 4xx); an operator may
     * retry after fixing the cause.
     *
     * @param reason what happened and how to fix it
     */
    record Failed(String reason) implements SendResult {}
}
