package dev.gantry.rollout;

import java.util.Objects;

/**
 * Names a rollout in the keys of its effects.
 *
 * @param rolloutId unique per rollout (the server's id); effect keys are
 *     {@code rolloutId/sequence/what}
 * @param release the release, {@code product/version}; notification dedup keys are
 *     {@code release/guard}
 */
public record RolloutIdentity(String rolloutId, String release) {
    public RolloutIdentity {
        Objects.requireNonNull(rolloutId, "rolloutId");
        Objects.requireNonNull(release, "release");
        if (rolloutId.isBlank() || release.isBlank()) {
            throw new IllegalArgumentException("a rollout id and a release are not blank");
        }
    }
}
