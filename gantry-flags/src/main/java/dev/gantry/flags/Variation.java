package dev.gantry.flags;

import java.util.Objects;

/**
 * A named value a flag can serve.
 *
 * @param name unique within the flag; reported as the variant of an evaluation
 * @param value the value; its JSON type must fit the flag's {@link FlagType}
 */
public record Variation(String name, JsonValue value) {
    /** Rejects null or blank names and null values. */
    public Variation {
        Names.requireName(name, "variation name");
        Objects.requireNonNull(value, "value");
    }
}
