package dev.gantry.flags;

/**
 * Root of the unchecked exceptions thrown by {@code gantry-flags}. Evaluation never throws it;
 * loading, parsing and configuring can.
 */
public class FlagsException extends RuntimeException {
    /** @param message a sentence saying what failed */
    public FlagsException(String message) {
        super(message);
    }

    /**
     * @param message a sentence saying what failed
     * @param cause the underlying failure
     */
    public FlagsException(String message, Throwable cause) {
        super(message, cause);
    }
}
