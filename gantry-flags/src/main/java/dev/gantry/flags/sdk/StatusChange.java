package dev.gantry.flags.sdk;

import java.util.Objects;
import java.util.Optional;

/**
 * The client's status changed, or the source reported a problem while the status stayed the
 * same (for example a rejected snapshot).
 *
 * @param previous status before
 * @param current status now
 * @param message what happened, for STALE and ERROR; never contains the SDK key
 */
public record StatusChange(ClientStatus previous, ClientStatus current, Optional<String> message) {
    /** Rejects nulls. */
    public StatusChange {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(message, "message");
    }
}
