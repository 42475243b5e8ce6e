package dev.gantry.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * PromQL instant queries over the Prometheus HTTP API ({@code GET /api/v1/query}). Answers are
 * vectors or scalars turned into samples; anything else, and every failure, is a reason in
 * words. Thread-safe; never throws for a bad answer.
 */
public final class PrometheusClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;
    private final String shownUrl;

    /**
     * A client for the Prometheus at {@code baseUrl} (e.g. {@code http://localhost:9090}).
     *
     * @param shownUrl the base URL as it may be shown (unresolved references)
     */
    public PrometheusClient(HttpClient http, String baseUrl, String shownUrl) {
        this.http = http;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.shownUrl = shownUrl;
    }

    /** One series' value: its labels as PromQL writes them, and the number. */
    public record Sample(String labels, double value) {}

    /** What a query gave. */
    public sealed interface Answer {
        /** The query's samples, possibly none. */
        record Samples(List<Sample> samples) implements Answer {
            public Samples {
                samples = List.copyOf(samples);
            }
        }

        /** No samples: why, in words. */
        record Failed(String reason) implements Answer {}
    }

    /**
     * Runs an instant query.
     *
     * @throws InterruptedException when the calling thread is interrupted
     */
    public Answer query(String promql, Duration timeout) throws InterruptedException {
        String url = baseUrl + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
        HttpCalls.Outcome outcome = HttpCalls.send(http, "GET", url, Map.of(), timeout, shownUrl);
        if (outcome instanceof HttpCalls.Outcome.Failed failed) {
            return new Answer.Failed("Prometheus " + failed.reason());
        }
        HttpCalls.Outcome.Answered answer = (HttpCalls.Outcome.Answered) outcome;
        JsonNode root;
        try {
            root = JSON.readTree(answer.body());
        } catch (IOException e) {
            return new Answer.Failed("Prometheus at '" + shownUrl + "' answered " + answer.status()
                    + " with a body that is not JSON; is it a Prometheus server?");
        }
        if (root == null || !"success".equals(root.path("status").asText())) {
            String error = root == null ? "" : root.path("error").asText("");
            return new Answer.Failed("Prometheus rejected the query (" + answer.status() + ")"
                    + (error.isEmpty() ? "" : ": " + error));
        }
        JsonNode data = root.path("data");
        String type = data.path("resultType").asText();
        try {
            return switch (type) {
                case "vector" -> {
                    List<Sample> samples = new ArrayList<>();
                    for (JsonNode series : data.path("result")) {
                        samples.add(new Sample(labels(series.path("metric")), number(series.path("value"))));
                    }
                    yield new Answer.Samples(samples);
                }
                case "scalar" -> new Answer.Samples(List.of(new Sample("scalar", number(data.path("result")))));
                default -> new Answer.Failed("the query gives a " + (type.isEmpty() ? "malformed answer" : type)
                        + ", not a number or an instant vector");
            };
        } catch (NumberFormatException e) {
            return new Answer.Failed("Prometheus answered a value that is not a number");
        }
    }

    private static double number(JsonNode pair) {
        if (!pair.isArray() || pair.size() != 2) {
            throw new NumberFormatException("not a [time, value] pair");
        }
        String text = pair.get(1).asText();
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static String labels(JsonNode metric) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metric.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> label = it.next();
            parts.add(label.getKey() + "=\"" + label.getValue().asText() + "\"");
        }
        return "{" + String.join(",", parts) + "}";
    }

    /** A value the way people read it: integers without decimals, others to 4 significant digits. */
    public static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
