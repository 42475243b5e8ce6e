package dev.gantry.migrate.sql;

/** Thrown inside the analyzer when a statement does not have the expected shape; never escapes it. */
final class UnparsableStatementException extends RuntimeException {
    private final transient Token at;

    UnparsableStatementException(Token at, String message) {
        super(message, null, false, false);
        this.at = at;
    }

    Token at() {
        return at;
    }
}
