package dev.gantry.gate;

/** How a checklist item came out, as people read it in a gate report. */
public enum CheckStatus {
    /** The check holds. */
    PASS,
    /** The check does not hold: the item is not ready. */
    FAIL,
    /** The check holds only partly (an SLO score between warning and pass); never blocks. */
    WARN,
    /** Waiting for a person (a manual item nobody has marked done yet). */
    PENDING,
    /** The check could not be evaluated: its configuration or this build cannot run it. */
    ERROR,
    /** The check was not run here (a command check outside the CLI). */
    SKIPPED;

    /** Whether this status keeps a required item from being ready. */
    public boolean blocks() {
        return this != PASS && this != WARN;
    }
}
