package dev.gantry.cli;

/**
 * The exit codes of every {@code gantry} command, documented in docs/cli.md. Later tooling
 * (CI scripts) relies on them, so they never change meaning.
 */
public final class ExitCodes {
    /** The command did what was asked and found nothing wrong. */
    public static final int OK = 0;
    /** Gantry could not do what was asked: a file could not be read, a server did not answer. */
    public static final int ERROR = 1;
    /** The input is invalid: a bad command line, or a release plan with problems. */
    public static final int USAGE = 2;
    /** The check ran and its verdict is negative: NO-GO, a blocking finding, an unmet contract. */
    public static final int CHECK_FAILED = 3;
    /** A code freeze is in force and no override was given. */
    public static final int FROZEN = 4;

    private ExitCodes() {}
}
