package dev.gantry.flags;

import java.util.List;
import java.util.Objects;

/**
 * A targeting rule: when every clause matches, the rule serves. Rules are tried in order; the
 * first match wins.
 *
 * @param id stable id, reported with {@link Reason#RULE_MATCH}
 * @param clauses the conditions, all of which must match, copied
 * @param serve what the rule serves
 */
public record Rule(String id, List<Clause> clauses, Serve serve) {
    /** Copies the clauses. */
    public Rule {
        Names.requireName(id, "rule id");
        clauses = List.copyOf(clauses);
        Objects.requireNonNull(serve, "serve");
    }
}
