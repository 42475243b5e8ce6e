package dev.gantry.server.notify;

import java.util.Locale;
import java.util.Optional;

/** Where a notification is in the outbox. */
public enum OutboxState {
    /** Waiting for its (next) attempt. */
    PENDING,
    /** The receiver accepted it. */
    DELIVERED,
    /** Given up: a permanent refusal, or retries beyond the maximum age. An operator may retry it. */
    FAILED;

    /** @return the name in the table and the API: {@code pending}, {@code delivered}, {@code failed} */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the state named {@code wire}, or empty for an unknown name */
    public static Optional<OutboxState> fromWire(String wire) {
        for (OutboxState s : values()) {
            if (s.wire().equals(wire)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
