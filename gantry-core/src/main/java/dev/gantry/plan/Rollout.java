package dev.gantry.plan;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the release reaches its users: a flag raised through percentage phases under guards,
 * then features switched on one after another.
 *
 * @param flag the flag whose rollout percentage the phases set
 * @param bucketBy the context attribute users are bucketed by (default: the targeting key)
 * @param phases the traffic phases, percentages increasing
 * @param guards what is watched the whole time, and what a breach does
 * @param activation features switched on in order after the traffic phases
 * @param evaluationInterval how often guards are evaluated
 */
public record Rollout(String flag, Optional<String> bucketBy, List<Phase> phases, List<Guard> guards,
        List<Activation> activation, Duration evaluationInterval) {
    public static final Duration DEFAULT_EVALUATION_INTERVAL = Duration.ofSeconds(30);

    public Rollout {
        phases = List.copyOf(phases);
        guards = List.copyOf(guards);
        activation = List.copyOf(activation);
    }

    /**
     * A traffic phase.
     *
     * @param name what people call it (canary, half, everyone)
     * @param percent the share of units that get the new variation
     * @param hold the least time the phase lasts before the next
     * @param minSample the fewest evaluations seen before advancing
     * @param approval the role that must approve advancing past it
     */
    public record Phase(String name, double percent, Optional<Duration> hold, long minSample,
            Optional<String> approval) {}

    /**
     * A guard on a metric.
     *
     * @param id unique within the rollout
     * @param source where the value comes from
     * @param query the PromQL query (prometheus) or the SDK metric (sdk: error-rate, latency)
     * @param url the URL probed (http)
     * @param when the condition that is a breach
     * @param forDuration how long the condition must hold continuously before it is a breach
     * @param action what a breach does
     * @param channels the notification channels told of a breach
     * @param compare the statistical comparison of the new variation with the old (sdk only)
     */
    public record Guard(String id, Source source, Optional<String> query, Optional<ConfigValue> url,
            Optional<Threshold> when, @com.fasterxml.jackson.annotation.JsonProperty("for") Duration forDuration, Action action, @com.fasterxml.jackson.annotation.JsonProperty("notify") List<String> channels,
            Optional<Comparison> compare) {
        public Guard {
            channels = List.copyOf(channels);
        }

        /** Where a guard's value comes from. */
        public enum Source implements PlanEnum { PROMETHEUS, SDK, HTTP }

        /** What a breach does. */
        public enum Action implements PlanEnum { ROLLBACK, PAUSE, NOTIFY }
    }

    /**
     * A comparison of the new variation with the old one on SDK-reported metrics.
     *
     * @param metric error-rate (two-proportion test) or latency (Mann-Whitney U)
     * @param confidence the confidence level, e.g. 0.95
     * @param maxEffect the largest degradation tolerated (absolute error-rate points, or seconds)
     */
    public record Comparison(String metric, double confidence, double maxEffect) {}

    /**
     * A feature switched on after the traffic phases.
     *
     * @param flag the flag switched on
     * @param hold how long it must hold healthy before the next is switched on
     */
    public record Activation(String flag, Optional<Duration> hold) {}
}
