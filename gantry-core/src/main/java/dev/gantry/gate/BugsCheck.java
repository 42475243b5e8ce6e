package dev.gantry.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.GateCategory;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * At most {@code max} open issues carrying every listed label, from a JSON export or a
 * GitHub-compatible issues API (GitHub, Gitea, Forgejo). Issues are objects with {@code state},
 * {@code labels} (names or {@code {name}} objects), {@code number} and {@code title}; pull
 * requests are not issues. The API is asked for {@code state=open&labels=...} and followed
 * through its {@code Link: rel="next"} pages, up to {@value #MAX_PAGES}.
 */
final class BugsCheck implements CheckEvaluator<CheckSpec.Bugs> {
    static final int MAX_PAGES = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    @Override
    public CheckResult evaluate(CheckSpec.Bugs spec, GateCategory.Item item, CheckContext context)
            throws InterruptedException {
        List<JsonNode> issues = new ArrayList<>();
        String source;
        if (spec.file().isPresent()) {
            source = spec.file().get();
            Path file = context.plan().resolve(source);
            if (!Files.isRegularFile(file)) {
                return Results.fail("the issues file " + source + " does not exist");
            }
            try {
                Optional<String> problem = collect(JSON.readTree(file.toFile()), issues);
                if (problem.isPresent()) {
                    return Results.fail("the issues file " + source + " " + problem.get());
                }
            } catch (IOException e) {
                return Results.fail("the issues file " + source + " is not valid JSON");
            }
        } else {
            CheckContext.Resolved url = context.resolve(spec.url().orElseThrow(), "issues URL");
            if (url.problem().isPresent()) {
                return url.problem().get();
            }
            source = spec.url().get().redacted();
            String next = url.value() + (url.value().contains("?") ? "&" : "?") + "state=open&per_page=100"
                    + (spec.labels().isEmpty() ? "" : "&labels=" + URLEncoder.encode(String.join(",", spec.labels()),
                            StandardCharsets.UTF_8));
            for (int page = 0; next != null && page < MAX_PAGES; page++) {
                HttpCalls.Outcome outcome = HttpCalls.send(context.http(), "GET", next,
                        Map.of("Accept", "application/json"), context.timeout(), source);
                if (outcome instanceof HttpCalls.Outcome.Failed failed) {
                    return Results.fail(failed.reason());
                }
                HttpCalls.Outcome.Answered answer = (HttpCalls.Outcome.Answered) outcome;
                if (answer.status() != 200) {
                    return Results.fail("the issues API '" + source + "' answered " + answer.status() + ", not 200");
                }
                try {
                    Optional<String> problem = collect(JSON.readTree(answer.body()), issues);
                    if (problem.isPresent()) {
                        return Results.fail("the issues API '" + source + "' " + problem.get());
                    }
                } catch (IOException e) {
                    return Results.fail("the issues API '" + source + "' did not answer JSON");
                }
                next = HttpCalls.header(answer.headers(), "link").map(BugsCheck::nextLink).orElse(null);
            }
        }
        List<String> matching = new ArrayList<>();
        for (JsonNode issue : issues) {
            if (issue.has("pull_request") || !"open".equalsIgnoreCase(issue.path("state").asText("open"))) {
                continue;
            }
            List<String> labels = new ArrayList<>();
            for (JsonNode label : issue.path("labels")) {
                labels.add((label.isTextual() ? label.asText() : label.path("name").asText()).toLowerCase(Locale.ROOT));
            }
            if (spec.labels().stream().allMatch(wanted -> labels.contains(wanted.toLowerCase(Locale.ROOT)))) {
                matching.add("#" + issue.path("number").asText("?") + " " + issue.path("title").asText(""));
            }
        }
        String what = "open issues" + (spec.labels().isEmpty() ? "" : " labelled " + String.join(" + ", spec.labels()));
        List<String> evidence = new ArrayList<>();
        evidence.add("source: " + source);
        evidence.add(matching.size() + " " + what + " (at most " + spec.max() + " allowed)");
        matching.stream().limit(10).forEach(evidence::add);
        if (matching.size() <= spec.max()) {
            return Results.pass(matching.size() + " " + what + ", at most " + spec.max(), evidence);
        }
        return Results.fail(matching.size() + " " + what + ", more than " + spec.max() + ": "
                + String.join(", ", matching.stream().limit(5).toList()), evidence);
    }

    private static Optional<String> collect(JsonNode root, List<JsonNode> into) {
        JsonNode list = root.isArray() ? root : root.has("items") ? root.get("items") : root.path("issues");
        if (!list.isArray()) {
            return Optional.of("is not a list of issues (a JSON array, or an object with 'items' or 'issues')");
        }
        list.forEach(into::add);
        return Optional.empty();
    }

    private static String nextLink(String header) {
        Matcher matcher = NEXT.matcher(header);
        return matcher.find() ? matcher.group(1) : null;
    }
}
