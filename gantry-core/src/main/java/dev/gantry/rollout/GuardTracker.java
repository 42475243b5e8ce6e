package dev.gantry.rollout;

import dev.gantry.plan.Durations;
import dev.gantry.plan.Rollout;
import dev.gantry.plan.Threshold;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a guard's samples into status changes: a condition must hold continuously for the
 * guard's {@code for} before it is a breach; a breaching or breached guard clears only once the
 * value is back past the threshold by the {@linkplain #HYSTERESIS hysteresis margin}, so a value
 * hovering at the line neither flaps nor resets the clock; missing data is inconclusive and never
 * counts as healthy. Every status change is an event, so {@link GuardStatus#replay} restores the
 * tracker's memory after a restart. Pure and thread-safe.
 */
public final class GuardTracker {
    /**
     * The hysteresis margin, as a share of the threshold's scale: its distance to the nearer of 0
     * and 1 when it lies between them (a ratio), else its magnitude. A guard on {@code > 5%}
     * clears only at or below 4.5%, one on {@code < 90%} only at or above 91%, one on
     * {@code > 2s} only at or below 1.8s. Thresholds of 0, and {@code ==} and {@code !=}, have no
     * margin.
     */
    public static final double HYSTERESIS = 0.10;

    private final Rollout.Guard guard;

    /** A tracker for {@code guard}. */
    public GuardTracker(Rollout.Guard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /**
     * The outcome of one sample: the new status and the event recording the change, if any.
     *
     * @param status the guard's status after the sample
     * @param event the event to append; empty when nothing changed
     */
    public record Step(GuardStatus status, Optional<RolloutEvent> event) {
        public Step {
            Objects.requireNonNull(status, "status");
            event = event == null ? Optional.empty() : event;
        }
    }

    /** What the guard knows after {@code sample}, given what it knew before. */
    public Step observe(GuardStatus status, GuardSample sample) {
        Reading reading = read(sample);
        Step step = switch (reading) {
            case Reading.Missing missing -> missing(status, sample.at(), missing.reason());
            case Reading.Known known -> known(status, sample.at(), known);
        };
        return step;
    }

    private Step missing(GuardStatus status, Instant at, String reason) {
        return switch (status) {
            case GuardStatus.Healthy healthy -> changed(at, reason, Optional.empty());
            case GuardStatus.Breaching breaching -> changed(at, reason, Optional.of(breaching.since()));
            case GuardStatus.Breached breached -> unchanged(status);
            case GuardStatus.Inconclusive inconclusive -> unchanged(status);
        };
    }

    private Step changed(Instant at, String reason, Optional<Instant> breachingSince) {
        RolloutEvent event = new RolloutEvent.GuardInconclusive(at, guard.id(), reason);
        return new Step(new GuardStatus.Inconclusive(at, reason, breachingSince), Optional.of(event));
    }

    private Step known(GuardStatus status, Instant at, Reading.Known reading) {
        return switch (status) {
            case GuardStatus.Healthy healthy -> reading.condition() ? breaching(at, at, reading.detail()) : unchanged(status);
            case GuardStatus.Breaching breaching -> reading.cleared()
                    ? step(new GuardStatus.Healthy(), new RolloutEvent.GuardCleared(at, guard.id(), reading.detail()))
                    : breachedOrStill(status, breaching.since(), at, reading.detail());
            case GuardStatus.Breached breached -> reading.cleared()
                    ? step(new GuardStatus.Healthy(), new RolloutEvent.GuardRecovered(at, guard.id(), reading.detail()))
                    : unchanged(status);
            case GuardStatus.Inconclusive inconclusive -> inconclusive.breachingSince().isPresent() && !reading.cleared()
                    ? breaching(inconclusive.breachingSince().orElseThrow(), at, reading.detail())
                    : reading.condition()
                            ? breaching(at, at, reading.detail())
                            : step(new GuardStatus.Healthy(), new RolloutEvent.GuardRecovered(at, guard.id(), reading.detail()));
        };
    }

    private Step breaching(Instant since, Instant at, String detail) {
        if (!at.isBefore(since.plus(forDuration()))) {
            return breached(since, at, detail);
        }
        return step(new GuardStatus.Breaching(since, detail), new RolloutEvent.GuardBreaching(at, guard.id(), since, detail));
    }

    private Step breachedOrStill(GuardStatus status, Instant since, Instant at, String detail) {
        if (!at.isBefore(since.plus(forDuration()))) {
            return breached(since, at, detail);
        }
        return unchanged(status);
    }

    private Step breached(Instant since, Instant at, String detail) {
        String withFor = forDuration().isZero() ? detail : detail + " for " + Durations.format(forDuration());
        return step(new GuardStatus.Breached(since, at, withFor), new RolloutEvent.GuardBreached(at, guard.id(), since, withFor));
    }

    private static Step step(GuardStatus status, RolloutEvent event) {
        return new Step(status, Optional.of(event));
    }

    private static Step unchanged(GuardStatus status) {
        return new Step(status, Optional.empty());
    }

    private Duration forDuration() {
        return guard.forDuration() == null ? Duration.ZERO : guard.forDuration();
    }

    /**
     * The status after {@code event}, as {@link #observe} left it; events of other guards and
     * rollout events leave it unchanged.
     */
    static GuardStatus apply(GuardStatus status, String guardId, RolloutEvent event) {
        return switch (event) {
            case RolloutEvent.GuardBreaching e when e.guard().equals(guardId) -> new GuardStatus.Breaching(e.since(), e.detail());
            case RolloutEvent.GuardBreached e when e.guard().equals(guardId) -> new GuardStatus.Breached(e.since(), e.at(), e.detail());
            case RolloutEvent.GuardCleared e when e.guard().equals(guardId) -> new GuardStatus.Healthy();
            case RolloutEvent.GuardRecovered e when e.guard().equals(guardId) -> new GuardStatus.Healthy();
            case RolloutEvent.GuardInconclusive e when e.guard().equals(guardId) -> new GuardStatus.Inconclusive(e.at(), e.reason(),
                    status instanceof GuardStatus.Breaching breaching ? Optional.of(breaching.since()) : Optional.empty());
            default -> status;
        };
    }

    private Reading read(GuardSample sample) {
        return switch (sample) {
            case GuardSample.Inconclusive inconclusive -> new Reading.Missing(inconclusive.reason());
            case GuardSample.Value value -> readValue(value.value());
            case GuardSample.Probe probe -> new Reading.Known(!probe.healthy(), probe.healthy(), probe.detail());
            case GuardSample.ErrorCounts counts -> comparing("error-rate") ? readCounts(counts)
                    : mismatch("error counts");
            case GuardSample.Latencies latencies -> comparing("latency") ? readLatencies(latencies)
                    : mismatch("latency samples");
        };
    }

    private boolean comparing(String metric) {
        return guard.compare().map(comparison -> comparison.metric().equals(metric)).orElse(false);
    }

    private Reading mismatch(String what) {
        return new Reading.Missing("got " + what + ", but the guard "
                + guard.compare().map(c -> "compares " + c.metric()).orElse("has no comparison"));
    }

    private Reading readValue(double value) {
        if (guard.when().isEmpty()) {
            // a guard without a threshold (an http probe reported as a number): anything but 0 is a failure
            boolean failing = value != 0;
            return new Reading.Known(failing, !failing, number(value) + (failing ? " (failing)" : " (ok)"));
        }
        Threshold threshold = guard.when().orElseThrow();
        boolean condition = threshold.test(value);
        double margin = margin(threshold);
        // the tolerance keeps 0.91 - 0.9 from falling short of a 0.01 margin in binary floating point
        boolean cleared = !condition && Math.abs(value - threshold.value()) >= margin * (1 - 1e-9);
        String detail = number(value) + " " + (condition ? threshold.operator().symbol() + " " + number(threshold.value())
                : "(threshold " + threshold.text() + ")");
        return new Reading.Known(condition, cleared, detail);
    }

    /** How far past the threshold a value must come back before the guard clears. */
    public static double margin(Threshold threshold) {
        double value = threshold.value();
        return switch (threshold.operator()) {
            case EQUAL, NOT_EQUAL -> 0;
            default -> HYSTERESIS * (value >= 0 && value <= 1 ? Math.min(value, 1 - value) : Math.abs(value));
        };
    }

    private Reading readCounts(GuardSample.ErrorCounts counts) {
        if (counts.oldTotal() == 0 || counts.newTotal() == 0) {
            return new Reading.Missing("no " + (counts.newTotal() == 0 ? "new" : "old") + "-variation requests reported yet");
        }
        Rollout.Comparison comparison = comparison();
        TwoProportionTest.Result result = TwoProportionTest.test(counts.oldErrors(), counts.oldTotal(), counts.newErrors(),
                counts.newTotal(), comparison.maxEffect(), comparison.confidence());
        String detail = "error rate new " + percent(result.newRate()) + " vs old " + percent(result.oldRate())
                + " (p=" + number(result.pValue()) + ", allowed +" + percent(comparison.maxEffect()) + ")";
        return new Reading.Known(result.significantlyWorse(), !result.significantlyWorse(), detail);
    }

    private Reading readLatencies(GuardSample.Latencies latencies) {
        if (latencies.old().isEmpty() || latencies.updated().isEmpty()) {
            return new Reading.Missing("no " + (latencies.updated().isEmpty() ? "new" : "old") + "-variation latencies reported yet");
        }
        Rollout.Comparison comparison = comparison();
        MannWhitneyU.Result result = MannWhitneyU.test(latencies.old(), latencies.updated(), comparison.maxEffect(),
                comparison.confidence());
        String detail = "latency new vs old: U=" + number(result.u()) + " (p=" + number(result.pValue()) + ", allowed +"
                + number(comparison.maxEffect()) + "s)";
        return new Reading.Known(result.significantlyWorse(), !result.significantlyWorse(), detail);
    }

    private Rollout.Comparison comparison() {
        return guard.compare().orElse(new Rollout.Comparison("error-rate", 0.95, 0));
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%.4g", value).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
    }

    private static String percent(double ratio) {
        return number(ratio * 100) + "%";
    }

    private sealed interface Reading {
        record Known(boolean condition, boolean cleared, String detail) implements Reading {}

        record Missing(String reason) implements Reading {}
    }
}
