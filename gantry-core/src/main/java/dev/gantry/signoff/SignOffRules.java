package dev.gantry.signoff;

import dev.gantry.plan.ReleasePlan;
import dev.gantry.plan.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The sign-off rules, shared by the CLI and the server (docs/gates.md, "Sign-offs"):
 *
 * <ul>
 *   <li>only the roles the plan's {@code signoffs:} lists can be signed;
 *   <li>when the plan names a role's members, only a member signs for it;
 *   <li>each role is signed by a different person, so nobody signs two roles;
 *   <li>the release owner cannot sign every role alone: with a single required role, the owner
 *       may not sign it (with more, the rule above already keeps the owner to one);
 *   <li>a sign-off is bound to the plan revision's {@link PlanHash}; once the plan changes it is
 *       void and the role is outstanding again.
 * </ul>
 *
 * People are compared case-insensitively. Stateless and thread-safe.
 */
public final class SignOffRules {
    private SignOffRules() {}

    /**
     * Why {@code candidate} cannot be recorded, or empty when it can.
     *
     * @param planHash the current revision's hash
     * @param existing sign-offs on record, of any revision
     */
    public static Optional<String> refusal(ReleasePlan plan, String planHash, List<SignOff> existing, SignOff candidate) {
        if (!plan.signoffs().contains(candidate.role())) {
            return Optional.of("the plan does not ask for a sign-off by '" + candidate.role() + "'"
                    + (plan.signoffs().isEmpty() ? "; it lists no sign-offs"
                            : "; it asks for " + String.join(", ", plan.signoffs())));
        }
        if (!candidate.planHash().equals(planHash)) {
            return Optional.of("the sign-off is for another revision of the plan; read the current plan and sign again");
        }
        Optional<Role> role = plan.role(candidate.role());
        if (role.isPresent() && !role.get().members().isEmpty()
                && role.get().members().stream().noneMatch(member -> same(member, candidate.by()))) {
            return Optional.of(candidate.by() + " does not hold role '" + candidate.role() + "'; its members are "
                    + String.join(", ", role.get().members()));
        }
        for (SignOff signed : current(plan, existing, planHash)) {
            if (signed.role().equals(candidate.role())) {
                return Optional.of("role '" + candidate.role() + "' is already signed by " + signed.by()
                        + " for this revision");
            }
            if (same(signed.by(), candidate.by())) {
                return Optional.of(candidate.by() + " already signed role '" + signed.role()
                        + "'; each role is signed by a different person");
            }
        }
        if (plan.signoffs().size() == 1 && same(plan.release().owner(), candidate.by())) {
            return Optional.of("the release owner " + candidate.by() + " cannot sign every role alone; "
                    + "role '" + candidate.role() + "' needs someone else");
        }
        return Optional.empty();
    }

    /** Where the sign-offs for the revision {@code planHash} stand. */
    public static SignOffStatus status(ReleasePlan plan, String planHash, List<SignOff> existing) {
        List<SignOff> valid = new ArrayList<>();
        List<SignOff> voided = new ArrayList<>();
        List<String> outstanding = new ArrayList<>();
        List<SignOff> current = current(plan, existing, planHash);
        for (String role : plan.signoffs()) {
            Optional<SignOff> signed = current.stream().filter(s -> s.role().equals(role)).findFirst();
            if (signed.isPresent()) {
                valid.add(signed.get());
            } else {
                outstanding.add(role);
            }
        }
        existing.stream().filter(s -> !s.planHash().equals(planHash)).forEach(voided::add);
        return new SignOffStatus(planHash, valid, voided, outstanding);
    }

    /**
     * The sign-offs of this revision that count: for required roles, first come first served,
     * dropping any that would break the one-person-one-role rule (records written by hand).
     */
    private static List<SignOff> current(ReleasePlan plan, List<SignOff> existing, String planHash) {
        List<SignOff> kept = new ArrayList<>();
        existing.stream().filter(s -> s.planHash().equals(planHash))
                .filter(s -> plan.signoffs().contains(s.role()))
                .filter(s -> plan.signoffs().size() != 1 || !same(plan.release().owner(), s.by()))
                .sorted(java.util.Comparator.comparing(SignOff::at))
                .forEach(s -> {
                    if (kept.stream().noneMatch(k -> k.role().equals(s.role()) || same(k.by(), s.by()))) {
                        kept.add(s);
                    }
                });
        return kept;
    }

    private static boolean same(String a, String b) {
        return a.strip().toLowerCase(Locale.ROOT).equals(b.strip().toLowerCase(Locale.ROOT));
    }
}
