package dev.gantry.plan;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The deployment procedure: stages of steps, and the zero-downtime probe watched while they run.
 *
 * @param healthUrl the release's health URL, polled while steps run
 * @param probeInterval how often the health URL is polled
 * @param maxFailedProbes the most failed probes a run may have (0 for zero downtime)
 * @param stages the stages, in order
 */
public record Deploy(Optional<ConfigValue> healthUrl, Duration probeInterval, Optional<Integer> maxFailedProbes,
        List<Stage> stages) {
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofMillis(250);
    public static final Deploy NONE = new Deploy(Optional.empty(), DEFAULT_PROBE_INTERVAL, Optional.empty(), List.of());

    public Deploy {
        stages = List.copyOf(stages);
    }

    /**
     * A stage of the deployment.
     *
     * @param name staging, production, ...
     * @param production whether it touches production: it needs a GO verdict and no freeze
     * @param approval the role that must approve before it starts
     * @param steps its steps, in order
     */
    public record Stage(String name, boolean production, Optional<String> approval, List<Step> steps) {
        public Stage {
            steps = List.copyOf(steps);
        }
    }
}
