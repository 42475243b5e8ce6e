package dev.gantry.deploy;

import dev.gantry.freeze.FreezeStatus;
import dev.gantry.gate.Verdict;
import dev.gantry.plan.Deploy;
import dev.gantry.signoff.SignOffStatus;
import java.util.List;
import java.util.Optional;

/**
 * Whether a production stage may start: it needs a GO (or GO WITH WAIVERS) verdict, every
 * required sign-off for the current plan revision, and no code freeze in force, unless an
 * override with a reason is given, which the run log records. Non-production stages always
 * may. Stateless.
 */
public final class ProductionGuard {
    private ProductionGuard() {}

    /**
     * Why the stages may not start, or empty when they may.
     *
     * @param verdict the current gate verdict
     * @param signoffs the sign-offs of the current plan revision
     * @param freeze the freeze at the start time (already {@code Overridden} when overridden)
     * @param override the override reason; blank counts as none
     */
    public static Optional<String> refusal(List<Deploy.Stage> stages, Verdict verdict, SignOffStatus signoffs,
            FreezeStatus freeze, Optional<String> override) {
        Optional<Deploy.Stage> production = stages.stream().filter(Deploy.Stage::production).findFirst();
        if (production.isEmpty() || override.filter(reason -> !reason.isBlank()).isPresent()) {
            return Optional.empty();
        }
        String stage = "stage '" + production.get().name() + "' touches production";
        if (!verdict.go()) {
            return Optional.of(stage + " and the gate verdict is " + verdict.label()
                    + "; fix the blocking items or override with a reason");
        }
        if (!signoffs.complete()) {
            return Optional.of(stage + " and sign-offs are outstanding for this plan revision: "
                    + String.join(", ", signoffs.outstanding()) + "; sign off or override with a reason");
        }
        if (freeze.blocks()) {
            return Optional.of(stage + " and the code freeze is in force (" + freeze.describe()
                    + "); override with a reason");
        }
        return Optional.empty();
    }
}
