package dev.gantry.review;

import dev.gantry.plan.ReleasePlan;
import dev.gantry.plan.SuccessMetric;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The day-7 review of a launch, decided from a plan and {@link ReviewFacts}.
 *
 * <p>The decision: <b>failed</b> when a success metric misses its target or a critical bug was
 * reported within the critical-bug window (the plan's success criteria are not met); <b>needs
 * attention</b> when they are met as far as known but a metric was not measured, critical bugs
 * are unknown, the release was rolled back, an incident is unresolved or a bug is still open;
 * <b>success</b> otherwise. Every reason is listed. Launch is the start of launch day (D0,
 * 00:00 UTC); the window runs from there for {@code postLaunch.criticalBugWindow}.
 *
 * @param plan the plan reviewed
 * @param facts what was known
 * @param metrics each success metric with its result, in plan order
 * @param bugWindow the critical-bug check
 * @param openBugs bugs not resolved, any severity (empty when bugs are not listed)
 * @param decision the decision
 * @param reasons why, most important first
 */
public record LaunchReview(ReleasePlan plan, ReviewFacts facts, List<MetricResult> metrics, BugWindow bugWindow,
        List<ReviewFacts.Bug> openBugs, Decision decision, List<String> reasons) {
    public LaunchReview {
        metrics = List.copyOf(metrics);
        openBugs = List.copyOf(openBugs);
        reasons = List.copyOf(reasons);
    }

    /** The outcome of the review. */
    public enum Decision {
        SUCCESS, NEEDS_ATTENTION, FAILED;

        /** @return as written in the review: {@code success}, {@code needs attention}, {@code failed} */
        public String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** The result of one check. */
    public enum Outcome {
        PASS, FAIL, NOT_MEASURED;

        /** @return as written: pass, FAIL, not measured */
        public String text() {
            return switch (this) {
                case PASS -> "pass";
                case FAIL -> "FAIL";
                case NOT_MEASURED -> "not measured";
            };
        }
    }

    /**
     * A success metric against its target.
     *
     * @param metric the plan's metric
     * @param actual its latest value, when measured
     * @param outcome pass, fail or not measured
     */
    public record MetricResult(SuccessMetric metric, Optional<ReviewFacts.Measured> actual, Outcome outcome) {}

    /**
     * The "no critical bugs for N hours" check.
     *
     * @param from launch
     * @param until the end of the window
     * @param outcome pass, fail, or not measured (unknown)
     * @param inWindow critical bugs reported inside the window (listed bugs only)
     * @param counted how many critical bugs were reported in the window, when known
     */
    public record BugWindow(Instant from, Instant until, Outcome outcome, List<ReviewFacts.Bug> inWindow,
            Optional<Integer> counted) {
        public BugWindow {
            inWindow = List.copyOf(inWindow);
        }
    }

    /** @return the review of {@code plan} with {@code facts} */
    public static LaunchReview of(ReleasePlan plan, ReviewFacts facts) {
        List<String> failures = new ArrayList<>();
        List<String> attention = new ArrayList<>();
        List<MetricResult> results = new ArrayList<>();
        for (SuccessMetric metric : plan.successMetrics()) {
            Optional<ReviewFacts.Measured> actual = Optional.ofNullable(facts.metrics().get(metric.id()));
            Outcome outcome = actual.map(a -> metric.target().test(a.value()) ? Outcome.PASS : Outcome.FAIL)
                    .orElse(Outcome.NOT_MEASURED);
            results.add(new MetricResult(metric, actual, outcome));
            switch (outcome) {
                case FAIL -> failures.add(metric.name() + " is " + ReviewMarkdown.value(actual.get().value(), metric.target())
                        + ", target " + metric.target().text());
                case NOT_MEASURED -> attention.add(metric.name() + " was not measured");
                case PASS -> { }
            }
        }
        BugWindow window = window(plan, facts.bugs());
        switch (window.outcome()) {
            case FAIL -> failures.add(window.counted().orElse(0) + " critical bug"
                    + (window.counted().orElse(0) == 1 ? " was" : "s were") + " reported within "
                    + hours(plan.postLaunch().criticalBugWindow()) + " of launch");
            case NOT_MEASURED -> attention.add("critical bugs in the first " + hours(plan.postLaunch().criticalBugWindow())
                    + " are not known");
            case PASS -> { }
        }
        List<ReviewFacts.Bug> open = facts.bugs() instanceof ReviewFacts.Bugs.Listed listed
                ? listed.bugs().stream().filter(b -> b.resolvedAt().isEmpty()).toList() : List.of();
        if (!facts.rollbacks().isEmpty()) {
            attention.add("the release was rolled back " + times(facts.rollbacks().size()));
        }
        long unresolved = facts.incidents().stream().filter(i -> i.resolvedAt().isEmpty()).count();
        if (unresolved > 0) {
            attention.add(unresolved + " incident" + (unresolved == 1 ? " is" : "s are") + " not resolved");
        }
        if (!open.isEmpty()) {
            attention.add(open.size() + " bug" + (open.size() == 1 ? " is" : "s are") + " still open");
        }
        Decision decision = !failures.isEmpty() ? Decision.FAILED
                : !attention.isEmpty() ? Decision.NEEDS_ATTENTION : Decision.SUCCESS;
        List<String> reasons = new ArrayList<>(failures);
        reasons.addAll(attention);
        if (reasons.isEmpty()) {
            reasons.add("every success metric met its target, no critical bug was reported within "
                    + hours(plan.postLaunch().criticalBugWindow()) + ", no rollback, no open incident or bug");
        }
        return new LaunchReview(plan, facts, results, window, open, decision, reasons);
    }

    /** @return launch: the start of launch day, UTC */
    public static Instant launch(ReleasePlan plan) {
        return plan.release().target().atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** @return the review day: the latest {@code reviewAt} of the success metrics, else D+7 */
    public LocalDate reviewDay() {
        LocalDate launchDay = plan.release().target();
        return plan.successMetrics().stream().map(m -> m.reviewAt().resolve(launchDay)).max(LocalDate::compareTo)
                .orElse(launchDay.plusDays(7));
    }

    private static BugWindow window(ReleasePlan plan, ReviewFacts.Bugs bugs) {
        Instant from = launch(plan);
        Instant until = from.plus(plan.postLaunch().criticalBugWindow());
        return switch (bugs) {
            case ReviewFacts.Bugs.Unknown u -> new BugWindow(from, until, Outcome.NOT_MEASURED, List.of(), Optional.empty());
            case ReviewFacts.Bugs.Counted c -> new BugWindow(from, until, c.inWindow() == 0 ? Outcome.PASS : Outcome.FAIL,
                    List.of(), Optional.of(c.inWindow()));
            case ReviewFacts.Bugs.Listed l -> {
                List<ReviewFacts.Bug> in = l.bugs().stream().filter(ReviewFacts.Bug::critical)
                        .filter(b -> !b.reportedAt().isBefore(from) && b.reportedAt().isBefore(until)).toList();
                yield new BugWindow(from, until, in.isEmpty() ? Outcome.PASS : Outcome.FAIL, in, Optional.of(in.size()));
            }
        };
    }

    static String hours(Duration d) {
        return d.toMinutes() % 60 == 0 ? d.toHours() + " hours" : d.toMinutes() + " minutes";
    }

    private static String times(int n) {
        return n == 1 ? "once" : n == 2 ? "twice" : n + " times";
    }
}
