package dev.gantry.gate;

import dev.gantry.plan.ConfigValue;
import dev.gantry.plan.ReleasePlan;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What an evaluator may use: the plan, the variables {@code ${VAR}} references resolve
 * against, an HTTP client, the clock, the item's timeout and the manual marks on record.
 *
 * @param plan the plan being gated
 * @param variables looks an environment variable up (process environment, an env file)
 * @param http the HTTP client every HTTP-based check uses
 * @param clock the clock
 * @param timeout how long this item's check may take
 * @param marks manual marks on record, by item id
 * @param commandsAllowed whether {@code command} checks may run here (the CLI); never on a server
 * @param prometheusUrl the Prometheus base URL checks use when they name none
 */
record CheckContext(ReleasePlan plan, Function<String, Optional<String>> variables, HttpClient http,
        Clock clock, Duration timeout, Map<String, Mark> marks, boolean commandsAllowed,
        Optional<ConfigValue> prometheusUrl) {
    CheckContext {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(variables, "variables");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(timeout, "timeout");
        marks = Map.copyOf(marks);
        Objects.requireNonNull(prometheusUrl, "prometheusUrl");
    }

    /** This context with another timeout. */
    CheckContext withTimeout(Duration other) {
        return new CheckContext(plan, variables, http, clock, other, marks, commandsAllowed, prometheusUrl);
    }

    /**
     * Resolves a plan value's {@code ${VAR}} references, or says which variable is missing.
     *
     * @return the resolved value (never to be shown), or an error result naming the missing variables
     */
    Resolved resolve(ConfigValue value, String what) {
        Optional<String> resolved = value.resolve(variables);
        if (resolved.isPresent()) {
            return new Resolved(resolved.get(), Optional.empty());
        }
        String missing = value.variables().stream().filter(name -> variables.apply(name).isEmpty())
                .map(name -> "${" + name + "}").reduce((a, b) -> a + ", " + b).orElse("a variable");
        String problem = value.raw().strip().equals(missing)
                ? "the " + what + " " + missing + " is not set"
                : "the " + what + " '" + value.redacted() + "' refers to " + missing + ", which is not set";
        return new Resolved("", Optional.of(Results.error(problem + "; set it or give --env-file")));
    }

    /** A resolved value, or the error result when it could not be resolved. */
    record Resolved(String value, Optional<CheckResult> problem) {}
}
