package dev.gantry.server.rollout;

import java.time.Instant;

/**
 * A release that the rollout controller (or an operator) has rolled back, as told to the parts
 * that react to it: the status page opens an incident, communications send the rollback message.
 *
 * @param product the release's product
 * @param version the release's version
 * @param revision the plan revision that was rolling out
 * @param cause why, in words ("guard error-rate: 0.12 > 0.05 for 5m", "aborted by alice")
 * @param automatic whether the controller did it on its own
 * @param deploymentRolledBack false when the point of no return was passed: the flag was killed
 *     but the deployment rolls forward
 * @param at when
 */
public record RolledBack(String product, String version, long revision, String cause, boolean automatic,
        boolean deploymentRolledBack, Instant at) {

    /** Something that reacts to a rollback. Must not throw; failures are its own to record. */
    @FunctionalInterface
    public interface Listener {
        void rolledBack(RolledBack event);
    }
}
