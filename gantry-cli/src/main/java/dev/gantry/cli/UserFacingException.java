package dev.gantry.cli;

/**
 * A failure a user can act on: its message is one sentence saying what went wrong and what
 * to do, printed without a stack trace, and it carries the exit code to leave with.
 */
public final class UserFacingException extends RuntimeException {
    private final int exitCode;

    public UserFacingException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
