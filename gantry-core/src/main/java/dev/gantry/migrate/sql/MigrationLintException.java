package dev.gantry.migrate.sql;

/**
 * The linter was given something it cannot lint: a path that does not exist, a file that
 * cannot be read, or a directory without any {@code .sql} file. The message is one sentence
 * naming the path.
 */
public final class MigrationLintException extends RuntimeException {
    public MigrationLintException(String message) {
        super(message);
    }

    public MigrationLintException(String message, Throwable cause) {
        super(message, cause);
    }
}
