package dev.gantry.plan;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plan value that may hold {@code ${VAR}} references to the environment, resolved only when
 * used, so secrets (webhook URLs, tokens) never enter the plan model. Only the fields the plan
 * format documents as interpolated are read as config values.
 *
 * <p>{@link #toString()} and JSON never show a resolved value; a value written inline in a
 * sensitive field shows as {@code <hidden>}.
 *
 * @param raw the value as written, references unresolved
 * @param sensitive whether the value is a secret when written inline (webhook URLs, keys)
 */
public record ConfigValue(String raw, boolean sensitive) {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    public ConfigValue {
        Objects.requireNonNull(raw, "raw");
    }

    /** The environment variables the value refers to, in order. */
    public List<String> variables() {
        List<String> names = new ArrayList<>();
        Matcher matcher = REFERENCE.matcher(raw);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return List.copyOf(names);
    }

    /**
     * The value with every reference replaced, or empty when a variable is missing.
     *
     * @param environment looks a variable up
     */
    public Optional<String> resolve(Function<String, Optional<String>> environment) {
        Matcher matcher = REFERENCE.matcher(raw);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            Optional<String> value = environment.apply(matcher.group(1));
            if (value.isEmpty()) {
                return Optional.empty();
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(value.get()));
        }
        matcher.appendTail(resolved);
        return Optional.of(resolved.toString());
    }

    /** The value fit to show: references as written, an inline secret as {@code <hidden>}. */
    @JsonValue
    public String redacted() {
        return sensitive && variables().isEmpty() ? "<hidden>" : raw;
    }

    @Override
    public String toString() {
        return redacted();
    }
}
