package dev.gantry.signoff;

import java.time.Instant;
import java.util.Objects;

/**
 * A person's sign-off of a role for one plan revision.
 *
 * @param role the role signed for
 * @param by who signed
 * @param at when
 * @param planHash the {@link PlanHash} of the revision signed
 */
public record SignOff(String role, String by, Instant at, String planHash) {
    public SignOff {
        role = nonBlank(role, "role");
        by = nonBlank(by, "by");
        Objects.requireNonNull(at, "at");
        planHash = nonBlank(planHash, "planHash");
    }

    private static String nonBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value.strip();
    }
}
