package dev.gantry.flags;

import java.util.List;

/**
 * A reusable group of contexts, referenced from clauses with {@link Operator#IN_SEGMENT}. A
 * context is a member when its targeting key is included, or when it is not excluded and one of
 * the rules matches (all clauses of that rule match). Segment rules may not themselves use
 * segment operators.
 *
 * @param key unique segment key
 * @param included targeting keys always in, copied
 * @param excluded targeting keys never in (unless also included), copied
 * @param rules membership rules, copied
 */
public record Segment(String key, List<String> included, List<String> excluded, List<SegmentRule> rules) {
    /** Copies the lists. */
    public Segment {
        Names.requireName(key, "segment key");
        included = List.copyOf(included);
        excluded = List.copyOf(excluded);
        rules = List.copyOf(rules);
    }

    /**
     * @param id stable id
     * @param clauses the conditions, all of which must match, copied
     */
    public record SegmentRule(String id, List<Clause> clauses) {
        /** Copies the clauses. */
        public SegmentRule {
            Names.requireName(id, "segment rule id");
            clauses = List.copyOf(clauses);
        }
    }
}
