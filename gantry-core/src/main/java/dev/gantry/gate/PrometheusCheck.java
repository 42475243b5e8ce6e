package dev.gantry.gate;

import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.ConfigValue;
import dev.gantry.plan.GateCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A PromQL instant query against a threshold. Every series the query returns must meet it; a
 * query that returns nothing fails, because "no data" is not evidence of health.
 */
final class PrometheusCheck implements CheckEvaluator<CheckSpec.Prometheus> {
    @Override
    public CheckResult evaluate(CheckSpec.Prometheus spec, GateCategory.Item item, CheckContext context)
            throws InterruptedException {
        Optional<PrometheusClient> client = client(spec.url(), context);
        if (client.isEmpty()) {
            return noUrl();
        }
        CheckContext.Resolved base = context.resolve(spec.url().or(context::prometheusUrl).orElseThrow(), "Prometheus URL");
        if (base.problem().isPresent()) {
            return base.problem().get();
        }
        PrometheusClient.Answer answer = client.get().query(spec.query(), context.timeout());
        if (answer instanceof PrometheusClient.Answer.Failed failed) {
            return Results.fail(failed.reason(), List.of("query: " + spec.query()));
        }
        List<PrometheusClient.Sample> samples = ((PrometheusClient.Answer.Samples) answer).samples();
        List<String> evidence = new ArrayList<>();
        evidence.add("query: " + spec.query());
        if (samples.isEmpty()) {
            return Results.fail("the query returned no samples, so '" + spec.expect().text() + "' cannot be shown",
                    evidence);
        }
        List<String> breaking = new ArrayList<>();
        for (PrometheusClient.Sample sample : samples) {
            String value = PrometheusClient.format(sample.value());
            evidence.add(sample.labels() + " = " + value);
            if (Double.isNaN(sample.value()) || !spec.expect().test(sample.value())) {
                breaking.add((samples.size() > 1 ? sample.labels() + " " : "") + value);
            }
        }
        if (breaking.isEmpty()) {
            return Results.pass("value " + (samples.size() == 1 ? PrometheusClient.format(samples.getFirst().value())
                    : "of all " + samples.size() + " series") + " meets '" + spec.expect().text() + "'", evidence);
        }
        return Results.fail("value " + String.join(", ", breaking) + " does not meet '" + spec.expect().text() + "'",
                evidence);
    }

    /** The client for the check's URL or the engine's default; empty when neither is set. */
    static Optional<PrometheusClient> client(Optional<ConfigValue> url, CheckContext context) {
        Optional<ConfigValue> chosen = url.or(context::prometheusUrl);
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        CheckContext.Resolved resolved = context.resolve(chosen.get(), "Prometheus URL");
        return Optional.of(new PrometheusClient(context.http(), resolved.value(), chosen.get().redacted()));
    }

    static CheckResult noUrl() {
        return Results.error("no Prometheus URL: give 'url:' in the check or set the engine's Prometheus URL"
                + " (GANTRY_PROMETHEUS_URL in the CLI)");
    }
}
