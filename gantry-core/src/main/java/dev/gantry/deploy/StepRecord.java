package dev.gantry.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One step of a run, as the run log keeps it.
 *
 * @param stage the stage it belongs to
 * @param step the step's name
 * @param status how it ended
 * @param started when it started
 * @param duration how long it took
 * @param detail what happened, in words (exit code, HTTP status, who approved)
 */
public record StepRecord(String stage, String step, Status status, Instant started, Duration duration, String detail) {
    public StepRecord {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(detail, "detail");
    }

    /** How a step ended. */
    public enum Status { SUCCEEDED, FAILED }
}
