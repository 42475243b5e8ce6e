package dev.gantry.signoff;

import java.util.List;

/**
 * Where a plan revision's sign-offs stand.
 *
 * @param planHash the revision judged
 * @param valid sign-offs that count for this revision, in the plan's role order
 * @param voided sign-offs of an earlier revision, which no longer count
 * @param outstanding required roles nobody has validly signed
 */
public record SignOffStatus(String planHash, List<SignOff> valid, List<SignOff> voided, List<String> outstanding) {
    public SignOffStatus {
        valid = List.copyOf(valid);
        voided = List.copyOf(voided);
        outstanding = List.copyOf(outstanding);
    }

    /** Whether every required role is signed for this revision. */
    public boolean complete() {
        return outstanding.isEmpty();
    }
}
