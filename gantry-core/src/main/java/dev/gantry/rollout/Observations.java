package dev.gantry.rollout;

import java.util.Map;
import java.util.Optional;

/**
 * What the server measured for one evaluation of a rollout.
 *
 * @param samples the latest sample per guard id; a guard without one is inconclusive ("no data")
 * @param samplesInPhase evaluations (or requests) of the rollout flag seen since the current phase
 *     was entered, compared with the phase's {@code minSample}
 * @param pointOfNoReturnPassed whether the release has passed its point of no return: a rollback
 *     then kills the flags but does not roll back the deployment
 */
public record Observations(Map<String, GuardSample> samples, long samplesInPhase, boolean pointOfNoReturnPassed) {
    public Observations {
        samples = Map.copyOf(samples);
        if (samplesInPhase < 0) {
            throw new IllegalArgumentException("a sample count is 0 or more, not " + samplesInPhase);
        }
    }

    /** The sample of {@code guard}, if one was measured. */
    public Optional<GuardSample> sample(String guard) {
        return Optional.ofNullable(samples.get(guard));
    }
}
