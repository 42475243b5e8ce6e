package dev.gantry.server.db;

/** The database cannot be reached or refused the operation for a reason that is not the caller's. */
public final class DatabaseUnavailableException extends RuntimeException {
    /**
     * @param message one sentence, no secrets
     * @param cause the driver's exception
     */
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
