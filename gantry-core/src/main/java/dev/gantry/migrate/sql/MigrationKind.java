package dev.gantry.migrate.sql;

/** The Flyway role of a file, read from its name. */
public enum MigrationKind {
    /** {@code V<version>__<description>.sql}. */
    VERSIONED,
    /** {@code U<version>__<description>.sql}: undoes the versioned migration of that version. */
    UNDO,
    /** {@code R__<description>.sql}: re-applied whenever it changes, after the versioned ones. */
    REPEATABLE,
    /** A file whose name does not follow the Flyway layout. */
    OTHER
}
