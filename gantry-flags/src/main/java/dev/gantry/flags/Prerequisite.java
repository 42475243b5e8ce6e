package dev.gantry.flags;

/**
 * A flag that must be on and serve a given variation before the dependent flag evaluates its
 * targets and rules; otherwise the dependent flag serves its off variation with reason
 * {@link Reason#PREREQUISITE_FAILED}.
 *
 * @param flag key of the prerequisite flag; must exist in the same snapshot
 * @param variation name of the variation the prerequisite flag must serve
 */
public record Prerequisite(String flag, String variation) {
    /** Rejects blank values. */
    public Prerequisite {
        Names.requireName(flag, "prerequisite flag");
        Names.requireName(variation, "prerequisite variation");
    }
}
