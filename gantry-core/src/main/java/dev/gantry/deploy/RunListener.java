package dev.gantry.deploy;

import dev.gantry.plan.Step;

/**
 * Told what a deploy or rollback run does as it happens, for live output. Calls come from the
 * runner's thread, except {@link #output} lines, which come in order from the step's reader.
 * Implementations must not throw.
 */
public interface RunListener {
    /** A stage begins. */
    default void stageStarted(String stage) {}

    /** A step begins. */
    default void stepStarted(String stage, Step step) {}

    /** A line the running command printed (stdout and stderr merged). */
    default void output(String line) {}

    /** A step ended. */
    default void stepFinished(StepRecord record) {}

    /** A health probe failed while steps ran. */
    default void probeFailed(String reason) {}

    /** A listener that ignores everything. */
    RunListener NONE = new RunListener() {};
}
