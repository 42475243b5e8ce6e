package dev.gantry.server.web;

import java.util.List;

/**
 * The rollout panel of a release page, also sent alone over the page's event stream whenever the
 * rollout changes: state, phase bar, guards (value against threshold) and the controls the
 * signed-in person may use.
 *
 * @param path the release page's path
 * @param csrf the session's CSRF token for the controls
 * @param declared whether the plan has a rollout
 * @param started whether a rollout exists
 * @param flag the flag the rollout moves
 * @param environment where it runs, empty before it starts
 * @param state its state in words ({@code running}, {@code paused}, ...)
 * @param percent the share of units on the new variation
 * @param detail why it is paused or rolled back, or who must approve, empty otherwise
 * @param phases the phase bar
 * @param guards the guards with their latest readings
 * @param environments the environments a rollout may start in
 * @param canStart show the start form
 * @param canPause show pause
 * @param canResume show resume
 * @param canPromote show promote
 * @param canAbort show abort (roll back)
 */
public record RolloutPanel(String path, String csrf, boolean declared, boolean started, String flag,
        String environment, String state, double percent, String detail, List<Phase> phases, List<Guard> guards,
        List<String> environments, boolean canStart, boolean canPause, boolean canResume, boolean canPromote,
        boolean canAbort) {
    public RolloutPanel {
        phases = List.copyOf(phases);
        guards = List.copyOf(guards);
        environments = List.copyOf(environments);
    }

    /** @return the share rolled out, in words */
    public String percentText() {
        return ReleasePages.percent(percent);
    }

    /**
     * One phase.
     *
     * @param name its name
     * @param percent its share, in words
     * @param status {@code done}, {@code current}, {@code pending} or {@code rolled-back}
     */
    public record Phase(String name, String percent, String status) {}

    /**
     * One guard.
     *
     * @param id the guard
     * @param source prometheus, sdk or http
     * @param threshold the breach, as written ({@code > 5%})
     * @param value the latest reading, in words; empty before any
     * @param status healthy, breaching, breached or inconclusive
     * @param detail why, when not healthy
     * @param action what a breach does
     */
    public record Guard(String id, String source, String threshold, String value, String status, String detail,
            String action) {}

    /**
     * A guard's live chart.
     *
     * @param guard the guard
     * @param threshold the breach as written, empty when none
     * @param thresholdValue the breach value in the reading's unit, for the threshold line
     * @param hasThreshold whether there is a threshold line
     */
    public record Chart(String guard, String threshold, double thresholdValue, boolean hasThreshold) {}
}
