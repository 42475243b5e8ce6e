package dev.gantry.server.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.gate.PrometheusClient;
import dev.gantry.gate.RequestRefusedException;
import dev.gantry.plan.ConfigValue;
import dev.gantry.plan.Rollout;
import dev.gantry.rollout.GuardSample;
import dev.gantry.server.flag.SdkMetricsStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a rollout guard's source once: a PromQL instant query ({@code prometheus}), the counters
 * the SDKs post per flag variation ({@code sdk}), or an HTTP health probe ({@code http}). Every
 * outbound request goes through a client limited to the server's allowed hosts. A source that
 * fails or has no data gives {@link GuardSample.Inconclusive} with a reason that names no secret;
 * reading never throws. Thread-safe.
 */
final class GuardSources {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final Optional<String> prometheusUrl;
    private final SdkMetricsStore metrics;
    private final Function<String, Optional<String>> environment;

    /**
     * @param http the allowed-hosts client
     * @param environment the server's environment: {@code GANTRY_PROMETHEUS_URL} and {@code ${VAR}}
     * @param metrics the SDK metric batches
     */
    GuardSources(HttpClient http, Function<String, Optional<String>> environment, SdkMetricsStore metrics) {
        this.http = http;
        this.environment = environment;
        this.prometheusUrl = environment.apply("GANTRY_PROMETHEUS_URL").filter(s -> !s.isBlank());
        this.metrics = metrics;
    }

    /**
     * What a guard measures against, beside the guard itself.
     *
     * @param environment the flag environment
     * @param flag the rollout flag
     * @param oldVariation the variation units had before (the flag's off variation)
     * @param since the start of the window SDK counters are summed over (the current stage's start)
     */
    record Scope(String environment, String flag, String oldVariation, Instant since) {}

    /** Reads {@code guard} now. */
    GuardSample read(Rollout.Guard guard, Scope scope, Instant now) {
        try {
            return switch (guard.source()) {
                case PROMETHEUS -> prometheus(guard, now);
                case SDK -> sdk(guard, scope, now);
                case HTTP -> probe(guard, now);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GuardSample.Inconclusive(now, "interrupted");
        } catch (RuntimeException e) {
            return new GuardSample.Inconclusive(now, "the " + guard.source().name().toLowerCase(java.util.Locale.ROOT)
                    + " source failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private GuardSample prometheus(Rollout.Guard guard, Instant now) throws InterruptedException {
        if (prometheusUrl.isEmpty()) {
            return new GuardSample.Inconclusive(now, "no Prometheus configured: set GANTRY_PROMETHEUS_URL on the server");
        }
        if (guard.query().isEmpty()) {
            return new GuardSample.Inconclusive(now, "the guard has no query");
        }
        PrometheusClient client = new PrometheusClient(http, prometheusUrl.get(), "GANTRY_PROMETHEUS_URL");
        PrometheusClient.Answer answer = client.query(guard.query().get(), TIMEOUT);
        return switch (answer) {
            case PrometheusClient.Answer.Failed failed -> new GuardSample.Inconclusive(now, failed.reason());
            case PrometheusClient.Answer.Samples samples when samples.samples().isEmpty() ->
                    new GuardSample.Inconclusive(now, "the query returned no data");
            case PrometheusClient.Answer.Samples samples when samples.samples().size() > 1 ->
                    new GuardSample.Inconclusive(now, "the query returned " + samples.samples().size()
                            + " series; aggregate it to one (sum, max)");
            case PrometheusClient.Answer.Samples samples -> {
                double value = samples.samples().getFirst().value();
                yield Double.isFinite(value) ? new GuardSample.Value(now, value)
                        : new GuardSample.Inconclusive(now, "the query returned " + value + " (no traffic?)");
            }
        };
    }

    /** Sums the SDK counters of the rollout flag since the stage began, old variation against the new ones. */
    private GuardSample sdk(Rollout.Guard guard, Scope scope, Instant now) {
        Counts c = counts(scope);
        if (guard.compare().isPresent()) {
            Rollout.Comparison compare = guard.compare().get();
            if (!"error-rate".equals(compare.metric())) {
                return new GuardSample.Inconclusive(now, "the SDKs report no " + compare.metric() + "; compare error-rate");
            }
            if (c.oldTotal == 0 || c.newTotal == 0) {
                return new GuardSample.Inconclusive(now, "no SDK evaluations of both variations yet");
            }
            return new GuardSample.ErrorCounts(now, Math.min(c.oldErrors, c.oldTotal), c.oldTotal,
                    Math.min(c.newErrors, c.newTotal), c.newTotal);
        }
        String metric = guard.query().orElse("error-rate");
        if (!"error-rate".equals(metric)) {
            return new GuardSample.Inconclusive(now, "the SDKs report no " + metric + "; use error-rate");
        }
        if (c.newTotal == 0) {
            return new GuardSample.Inconclusive(now, "no SDK evaluations of the new variation yet");
        }
        return new GuardSample.Value(now, (double) c.newErrors / c.newTotal);
    }

    /** Evaluations of the rollout flag (every variation) since the stage began. */
    long evaluations(Scope scope) {
        Counts c = counts(scope);
        return c.oldTotal + c.newTotal;
    }

    private Counts counts(Scope scope) {
        Counts c = new Counts();
        for (JsonNode batch : metrics.since(scope.environment(), scope.since())) {
            for (JsonNode row : batch.path("variants")) {
                if (!scope.flag().equals(row.path("flag").asText()) || row.path("variant").isNull()) {
                    continue;
                }
                long evaluations = row.path("evaluations").asLong();
                long errors = row.path("events").path("error").asLong();
                if (scope.oldVariation().equals(row.path("variant").asText())) {
                    c.oldTotal += evaluations;
                    c.oldErrors += errors;
                } else {
                    c.newTotal += evaluations;
                    c.newErrors += errors;
                }
            }
        }
        return c;
    }

    private static final class Counts {
        long oldErrors;
        long oldTotal;
        long newErrors;
        long newTotal;
    }

    private GuardSample probe(Rollout.Guard guard, Instant now) throws InterruptedException {
        if (guard.url().isEmpty()) {
            return new GuardSample.Inconclusive(now, "the guard has no url");
        }
        ConfigValue url = guard.url().get();
        Optional<String> resolved = url.resolve(environment);
        if (resolved.isEmpty()) {
            return new GuardSample.Inconclusive(now, "the probe URL needs " + String.join(", ", url.variables())
                    + " in the server's environment");
        }
        URI uri;
        try {
            uri = URI.create(resolved.get());
        } catch (IllegalArgumentException e) {
            return new GuardSample.Inconclusive(now, "the probe URL " + url.redacted() + " is not a URL");
        }
        String shown = url.variables().isEmpty() && !url.sensitive() ? resolved.get() : url.redacted();
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return new GuardSample.Probe(now, status >= 200 && status < 300, status + " from " + shown);
        } catch (RequestRefusedException e) {
            return new GuardSample.Inconclusive(now, e.getMessage());
        } catch (IOException e) {
            return new GuardSample.Probe(now, false, "no answer from " + shown + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
