package dev.gantry.flags.internal;

import dev.gantry.flags.EvaluationContext;
import java.util.Set;

/** A segment with hashed key sets and compiled rules. */
final class CompiledSegment {
    private final Set<String> included;
    private final Set<String> excluded;
    private final ClauseMatcher[][] rules;

    CompiledSegment(Set<String> included, Set<String> excluded, ClauseMatcher[][] rules) {
        this.included = included;
        this.excluded = excluded;
        this.rules = rules;
    }

    boolean contains(EvaluationContext ctx) {
        String key = ctx.targetingKeyOrNull();
        if (key != null) {
            if (included.contains(key)) {
                return true;
            }
            if (excluded.contains(key)) {
                return false;
            }
        }
        for (ClauseMatcher[] rule : rules) {
            boolean all = true;
            for (int i = 0; i < rule.length && all; i++) {
                all = rule[i].matches(ctx);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
