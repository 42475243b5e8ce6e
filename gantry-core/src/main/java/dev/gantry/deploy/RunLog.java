package dev.gantry.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The record of a deploy or rollback run, with timings: what ran, how each step ended, what
 * the zero-downtime probe saw, and any override given.
 *
 * @param kind deploy or rollback
 * @param product the product
 * @param version the version deployed (or rolled back from)
 * @param started when the run started
 * @param duration how long it took
 * @param steps every step that ran, in order
 * @param probe what the probe saw, when the plan has a health URL
 * @param succeeded whether every step succeeded and the probe stayed within its limit
 * @param summary one sentence
 * @param override the reason given to override a refusal (no GO verdict, a freeze), if any
 */
public record RunLog(Kind kind, String product, String version, Instant started, Duration duration,
        List<StepRecord> steps, Optional<ProbeReport> probe, boolean succeeded, String summary,
        Optional<String> override) {
    public RunLog {
        Objects.requireNonNull(kind, "kind");
        steps = List.copyOf(steps);
        Objects.requireNonNull(summary, "summary");
    }

    /** What kind of run. */
    public enum Kind { DEPLOY, ROLLBACK }
}
