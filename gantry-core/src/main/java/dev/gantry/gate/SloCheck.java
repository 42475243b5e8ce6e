package dev.gantry.gate;

import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.CheckSpec.Slo.Criterion;
import dev.gantry.plan.CheckSpec.Slo.Objective;
import dev.gantry.plan.GateCategory;
import dev.gantry.plan.Threshold;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Scored objectives, as Keptn scores them (docs/gates.md, "slo"):
 *
 * <ul>
 *   <li>each objective's value is one PromQL instant query; relative criteria compare it with
 *       the value of its {@code baselineQuery};
 *   <li>criteria within one list must all hold (AND); the objective passes when any one pass
 *       list holds (OR), else warns when any one warning list holds, else fails;
 *   <li>a pass earns the objective's weight, a warning half of it, a failure nothing; an
 *       objective with no pass criteria is only shown, never scored;
 *   <li>score = earned / total weight × 100; at least {@code passScore} passes, at least
 *       {@code warningScore} warns, below fails; a failed key objective fails the check
 *       whatever the score.
 * </ul>
 */
final class SloCheck implements CheckEvaluator<CheckSpec.Slo> {
    /** How one objective came out. */
    enum Grade { PASS, WARNING, FAIL, INFO }

    @Override
    public CheckResult evaluate(CheckSpec.Slo spec, GateCategory.Item item, CheckContext context)
            throws InterruptedException {
        Optional<PrometheusClient> client = PrometheusCheck.client(spec.url(), context);
        if (client.isEmpty()) {
            return PrometheusCheck.noUrl();
        }
        CheckContext.Resolved base = context.resolve(spec.url().or(context::prometheusUrl).orElseThrow(), "Prometheus URL");
        if (base.problem().isPresent()) {
            return base.problem().get();
        }
        double earned = 0;
        double total = 0;
        List<String> evidence = new ArrayList<>();
        List<String> failedKeys = new ArrayList<>();
        for (Objective objective : spec.objectives()) {
            Measured value = measure(client.get(), objective.query(), context.timeout());
            Measured baseline = objective.baselineQuery().isPresent()
                    ? measure(client.get(), objective.baselineQuery().get(), context.timeout())
                    : new Measured(Optional.empty(), "no baseline");
            Grade grade;
            if (objective.pass().isEmpty()) {
                grade = Grade.INFO;
            } else if (value.value().isEmpty()) {
                grade = Grade.FAIL;
            } else if (holds(objective.pass(), value.value().get(), baseline.value())) {
                grade = Grade.PASS;
            } else if (holds(objective.warning(), value.value().get(), baseline.value())) {
                grade = Grade.WARNING;
            } else {
                grade = Grade.FAIL;
            }
            double score = switch (grade) {
                case PASS -> objective.weight();
                case WARNING -> objective.weight() / 2.0;
                case FAIL, INFO -> 0;
            };
            if (grade != Grade.INFO) {
                total += objective.weight();
                earned += score;
            }
            if (grade == Grade.FAIL && objective.key()) {
                failedKeys.add(objective.sli());
            }
            evidence.add(objective.sli() + (objective.key() ? " (key)" : "") + ": "
                    + value.value().map(PrometheusClient::format).orElse(value.note())
                    + baseline.value().map(b -> " vs baseline " + PrometheusClient.format(b)).orElse("")
                    + " -> " + grade.name().toLowerCase(Locale.ROOT)
                    + (grade == Grade.INFO ? "" : " (" + fmt(score) + "/" + objective.weight() + ")")
                    + criteriaText(objective));
        }
        if (total == 0) {
            return new CheckResult.Error("no objective has pass criteria, so there is nothing to score", evidence);
        }
        double percent = 100.0 * earned / total;
        String scoreText = "score " + fmt(percent) + "% (pass at " + fmt(spec.passScore()) + "%, warning at "
                + fmt(spec.warningScore()) + "%)";
        evidence.addFirst(scoreText);
        if (!failedKeys.isEmpty()) {
            return Results.fail("key objective " + String.join(", ", failedKeys) + " failed; " + scoreText, evidence);
        }
        if (percent >= spec.passScore()) {
            return Results.pass(scoreText, evidence);
        }
        if (percent >= spec.warningScore()) {
            return new CheckResult.Warn(scoreText, evidence);
        }
        return Results.fail(scoreText, evidence);
    }

    /** Whether any list holds entirely (OR across lists, AND within one). */
    static boolean holds(List<List<Criterion>> lists, double value, Optional<Double> baseline) {
        return lists.stream().anyMatch(list -> !list.isEmpty()
                && list.stream().allMatch(criterion -> holds(criterion, value, baseline)));
    }

    /** A criterion; a relative one without a baseline value does not hold. */
    static boolean holds(Criterion criterion, double value, Optional<Double> baseline) {
        double bound;
        if (criterion.relative()) {
            if (baseline.isEmpty() || baseline.get().isNaN()) {
                return false;
            }
            double b = baseline.get();
            bound = criterion.percent() ? b + Math.abs(b) * criterion.value() / 100.0 : b + criterion.value();
        } else {
            bound = criterion.value();
        }
        return !Double.isNaN(value) && new Threshold(criterion.operator(), bound, criterion.text()).test(value);
    }

    private record Measured(Optional<Double> value, String note) {}

    private static Measured measure(PrometheusClient client, String query, Duration timeout) throws InterruptedException {
        PrometheusClient.Answer answer = client.query(query, timeout);
        if (answer instanceof PrometheusClient.Answer.Failed failed) {
            return new Measured(Optional.empty(), "no value (" + failed.reason() + ")");
        }
        List<PrometheusClient.Sample> samples = ((PrometheusClient.Answer.Samples) answer).samples();
        if (samples.size() != 1) {
            return new Measured(Optional.empty(), "no value (the query returned " + samples.size()
                    + " series; an objective needs exactly one)");
        }
        return new Measured(Optional.of(samples.getFirst().value()), "");
    }

    private static String criteriaText(Objective objective) {
        String pass = lists(objective.pass());
        String warning = lists(objective.warning());
        return (pass.isEmpty() ? "" : "; pass " + pass) + (warning.isEmpty() ? "" : "; warning " + warning);
    }

    private static String lists(List<List<Criterion>> lists) {
        return String.join(" or ", lists.stream()
                .map(list -> String.join(" and ", list.stream().map(Criterion::text).toList())).toList());
    }

    private static String fmt(double value) {
        return PrometheusClient.format(Math.round(value * 10) / 10.0);
    }
}
