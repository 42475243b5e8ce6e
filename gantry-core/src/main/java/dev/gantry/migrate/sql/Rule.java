package dev.gantry.migrate.sql;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A lint rule: what it catches, why that is unsafe and what to do instead. The catalog is
 * {@link Rules}; docs/migration-lint.md documents each rule.
 *
 * @param id stable kebab-case Gantry id, used in output and suppressions
 * @param title one line saying what the rule catches
 * @param why why the operation is unsafe
 * @param fix the safe alternative, in one or two sentences
 * @param example SQL showing the safe alternative
 * @param severity blocking or warning
 * @param equivalents squawk and Atlas ids for the same problem
 */
public record Rule(String id, String title, String why, String fix, String example, Severity severity, Equivalents equivalents) {
    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public Rule {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(equivalents, "equivalents");
        if (id == null || !KEBAB.matcher(id).matches()) {
            throw new IllegalArgumentException("rule id must be kebab-case: " + id);
        }
        for (String text : new String[] {title, why, fix, example}) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("rule " + id + " needs a title, why, fix and example");
            }
        }
    }
}
