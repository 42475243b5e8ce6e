package dev.gantry.flags;

import java.util.Optional;

/**
 * How a {@link Clause} compares a context attribute with the clause values. A clause matches
 * when the attribute matches <em>any</em> of the values (for list attributes: when any element
 * does). {@link #NOT_IN} and {@link #NOT_IN_SEGMENT} match when {@link #IN} and
 * {@link #IN_SEGMENT} would not. See docs/flags-format.md for the exact semantics.
 */
public enum Operator {
    /** equal to one of the values (strings exactly, numbers numerically, booleans) */
    IN("in"),
    /** equal to none of the values */
    NOT_IN("notIn"),
    /** string attribute starts with one of the values */
    STARTS_WITH("startsWith"),
    /** string attribute ends with one of the values */
    ENDS_WITH("endsWith"),
    /** string attribute contains one of the values */
    CONTAINS("contains"),
    /** string attribute matches one of the regular expressions (java.util.regex, find semantics) */
    MATCHES("matches"),
    /** number attribute less than a value */
    LESS_THAN("lessThan"),
    /** number attribute less than or equal to a value */
    LESS_THAN_OR_EQUAL("lessThanOrEqual"),
    /** number attribute greater than a value */
    GREATER_THAN("greaterThan"),
    /** number attribute greater than or equal to a value */
    GREATER_THAN_OR_EQUAL("greaterThanOrEqual"),
    /** semantic version equal to a value (build metadata ignored) */
    SEMVER_EQUAL("semverEqual"),
    /** semantic version lower than a value */
    SEMVER_LESS_THAN("semverLessThan"),
    /** semantic version greater than a value */
    SEMVER_GREATER_THAN("semverGreaterThan"),
    /** date attribute strictly before a value */
    BEFORE("before"),
    /** date attribute strictly after a value */
    AFTER("after"),
    /** the context is a member of one of the segments named by the values */
    IN_SEGMENT("inSegment"),
    /** the context is a member of none of the segments named by the values */
    NOT_IN_SEGMENT("notInSegment");

    private final String jsonName;

    Operator(String jsonName) {
        this.jsonName = jsonName;
    }

    /** @return the name used in the snapshot JSON */
    public String jsonName() {
        return jsonName;
    }

    /** @return true for the segment operators, which ignore the clause attribute */
    public boolean isSegmentOperator() {
        return this == IN_SEGMENT || this == NOT_IN_SEGMENT;
    }

    /**
     * @param jsonName a name as written in the snapshot JSON
     * @return the operator, if the name is known
     */
    public static Optional<Operator> fromJsonName(String jsonName) {
        for (Operator op : values()) {
            if (op.jsonName.equals(jsonName)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
