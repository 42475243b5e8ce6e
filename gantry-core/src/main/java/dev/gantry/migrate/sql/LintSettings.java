package dev.gantry.migrate.sql;

/**
 * What the linter assumes about the database and the migration runner.
 *
 * @param pgVersion the PostgreSQL major version the migrations run on (9 to 30)
 * @param assumeInTransaction whether the runner wraps each file in a transaction (Flyway does
 *     for PostgreSQL unless told otherwise); a file can opt out with a {@code .sql.conf}
 *     holding {@code executeInTransaction=false} or a {@code -- gantry:no-transaction} comment
 */
public record LintSettings(int pgVersion, boolean assumeInTransaction) {
    /** The version assumed when none is given. */
    public static final int DEFAULT_PG_VERSION = 15;

    public LintSettings {
        if (pgVersion < 9 || pgVersion > 30) {
            throw new IllegalArgumentException(
                    "PostgreSQL version " + pgVersion + " is out of range; give a major version between 9 and 30.");
        }
    }

    public static LintSettings defaults() {
        return new LintSettings(DEFAULT_PG_VERSION, false);
    }
}
