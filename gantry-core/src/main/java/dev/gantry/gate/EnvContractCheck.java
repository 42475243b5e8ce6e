package dev.gantry.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.EnvVar;
import dev.gantry.plan.GateCategory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code env} check: every variable of the plan's environment contract is set (or has a
 * default) and its value has the declared type, pattern and length. Messages name variables,
 * never values.
 *
 * <p>This is the gate's own, deliberately small contract check, kept in one class so it can be
 * re-pointed at the full environment contract checker ({@code dev.gantry.env}) once that exists.
 */
final class EnvContractCheck implements CheckEvaluator<CheckSpec.Env> {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public CheckResult evaluate(CheckSpec.Env spec, GateCategory.Item item, CheckContext context) {
        Function<String, Optional<String>> lookup;
        String source;
        if (spec.envFile().isPresent()) {
            Path file = context.plan().resolve(spec.envFile().get());
            try {
                Map<String, String> values = EnvFile.read(file);
                lookup = name -> Optional.ofNullable(values.get(name));
                source = "env file " + spec.envFile().get();
            } catch (NoSuchFileException e) {
                return CheckResult.fail("the env file " + spec.envFile().get() + " does not exist");
            } catch (IOException e) {
                return CheckResult.fail("the env file " + spec.envFile().get() + " cannot be read ("
                        + e.getClass().getSimpleName() + ")");
            }
        } else {
            lookup = context.variables();
            source = "the process environment";
        }
        List<EnvVar> contract = context.plan().environment();
        if (contract.isEmpty()) {
            return CheckResult.error("the plan declares no environment contract to check; add 'environment:'");
        }
        List<String> problems = new ArrayList<>();
        int set = 0;
        for (EnvVar variable : contract) {
            Optional<String> value = lookup.apply(variable.name()).filter(v -> !v.isEmpty());
            if (value.isEmpty()) {
                if (variable.required() && variable.defaultValue().isEmpty()) {
                    problems.add(variable.name() + " is required but not set");
                }
                continue;
            }
            set++;
            problem(variable, value.get()).ifPresent(p -> problems.add(variable.name() + " " + p));
        }
        List<String> evidence = List.of("source: " + source, contract.size() + " variables in the contract, "
                + set + " set");
        if (problems.isEmpty()) {
            return CheckResult.pass("the environment contract holds for " + source, evidence);
        }
        List<String> all = new ArrayList<>(evidence);
        all.addAll(problems);
        return CheckResult.fail(problems.size() + " of " + contract.size() + " variables break the contract: "
                + String.join("; ", problems), all);
    }

    private static Optional<String> problem(EnvVar variable, String value) {
        if (variable.minLength().isPresent() && value.length() < variable.minLength().get()) {
            return Optional.of("is shorter than " + variable.minLength().get() + " characters");
        }
        if (variable.pattern().isPresent()) {
            try {
                if (!Pattern.compile(variable.pattern().get()).matcher(value).matches()) {
                    return Optional.of("does not match the pattern " + variable.pattern().get());
                }
            } catch (PatternSyntaxException e) {
                return Optional.of("has a pattern that is not a valid regular expression");
            }
        }
        return switch (variable.type()) {
            case STRING -> Optional.empty();
            case INT -> value.matches("-?\\d+") ? Optional.empty() : Optional.of("is not an integer");
            case PORT -> value.matches("\\d{1,5}") && Integer.parseInt(value) >= 1 && Integer.parseInt(value) <= 65535
                    ? Optional.empty() : Optional.of("is not a port (1-65535)");
            case BOOL -> value.matches("(?i)true|false|1|0|yes|no") ? Optional.empty() : Optional.of("is not a boolean");
            case URL -> url(value) ? Optional.empty() : Optional.of("is not an absolute URL");
            case EMAIL -> EMAIL.matcher(value).matches() ? Optional.empty() : Optional.of("is not an email address");
            case DURATION -> dev.gantry.plan.Durations.parse(value).isPresent() || value.matches("\\d+")
                    ? Optional.empty() : Optional.of("is not a duration (e.g. 30s, 5m)");
            case ENUM -> variable.values().contains(value) ? Optional.empty()
                    : Optional.of("is not one of " + String.join(", ", variable.values()));
            case JSON -> json(value) ? Optional.empty() : Optional.of("is not valid JSON");
        };
    }

    private static boolean url(String value) {
        try {
            URI uri = URI.create(value);
            return uri.getScheme() != null && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean json(String value) {
        try {
            JSON.readTree(value);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
