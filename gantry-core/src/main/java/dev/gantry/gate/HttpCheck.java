package dev.gantry.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.ConfigValue;
import dev.gantry.plan.Durations;
import dev.gantry.plan.GateCategory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An HTTP request whose status, latency and body must meet the plan's expectations. */
final class HttpCheck implements CheckEvaluator<CheckSpec.Http> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public CheckResult evaluate(CheckSpec.Http spec, GateCategory.Item item, CheckContext context)
            throws InterruptedException {
        CheckContext.Resolved url = context.resolve(spec.url(), "URL");
        if (url.problem().isPresent()) {
            return url.problem().get();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> header : spec.headers().entrySet()) {
            CheckContext.Resolved value = context.resolve(header.getValue(), "header " + header.getKey());
            if (value.problem().isPresent()) {
                return value.problem().get();
            }
            headers.put(header.getKey(), value.value());
        }
        String shown = spec.url().redacted();
        HttpCalls.Outcome outcome = HttpCalls.send(context.http(), spec.method(), url.value(), headers,
                context.timeout(), shown);
        if (outcome instanceof HttpCalls.Outcome.Failed failed) {
            return Results.fail(failed.reason(), List.of(spec.method() + " " + shown));
        }
        HttpCalls.Outcome.Answered answer = (HttpCalls.Outcome.Answered) outcome;
        List<String> evidence = new ArrayList<>();
        evidence.add(spec.method() + " " + shown + " answered " + answer.status() + " in "
                + answer.latency().toMillis() + "ms");
        List<String> problems = new ArrayList<>();
        if (answer.status() != spec.expectStatus()) {
            problems.add("status " + answer.status() + ", expected " + spec.expectStatus());
        }
        spec.maxLatency().ifPresent(max -> {
            if (answer.latency().compareTo(max) > 0) {
                problems.add("took " + answer.latency().toMillis() + "ms, over the budget of " + Durations.format(max));
            }
        });
        spec.bodyContains().ifPresent(text -> {
            if (!answer.body().contains(text)) {
                problems.add("the body does not contain '" + text + "'");
            }
        });
        spec.bodyNotContains().ifPresent(text -> {
            if (answer.body().contains(text)) {
                problems.add("the body contains '" + text + "', which it must not");
            }
        });
        if (spec.jsonPointer().isPresent() && spec.equals().isPresent()) {
            String pointer = spec.jsonPointer().get();
            try {
                JsonNode node = JSON.readTree(answer.body()).at(pointer);
                String actual = node.isMissingNode() ? null : node.isValueNode() ? node.asText() : node.toString();
                if (actual == null) {
                    problems.add("the body has nothing at " + pointer);
                } else {
                    evidence.add(pointer + " = " + abbreviate(actual));
                    if (!actual.equals(spec.equals().get())) {
                        problems.add(pointer + " is '" + abbreviate(actual) + "', expected '" + spec.equals().get() + "'");
                    }
                }
            } catch (JsonProcessingException e) {
                problems.add("the body is not JSON, so " + pointer + " cannot be read");
            }
        }
        if (problems.isEmpty()) {
            return Results.pass(shown + " answered as expected", evidence);
        }
        return Results.fail(String.join("; ", problems), evidence);
    }

    static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
