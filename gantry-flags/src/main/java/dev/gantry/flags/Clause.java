package dev.gantry.flags;

import java.util.List;
import java.util.Objects;

/**
 * One condition of a rule: compares a context attribute with values.
 *
 * @param attribute the context attribute name ({@code targetingKey} reads the targeting key);
 *     ignored (may be empty) for segment operators
 * @param op the comparison
 * @param values the operands, copied; at least one
 * @param negate invert the result (a clause on a missing attribute never matches, negated or not)
 */
public record Clause(String attribute, Operator op, List<JsonValue> values, boolean negate) {
    /** Copies the values. */
    public Clause {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(op, "op");
        values = List.copyOf(values);
    }
}
