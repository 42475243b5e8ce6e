package dev.gantry.migrate.sql;

import java.util.Objects;

/**
 * The first contract or destructive migration of the release, in Flyway order: once it has
 * run, rolling the application back to the previous version is unsafe.
 *
 * @param migration the result for that migration
 */
public record PointOfNoReturn(MigrationResult migration) {
    public PointOfNoReturn {
        Objects.requireNonNull(migration, "migration");
    }

    /** For example: "past V3, rolling the application back is unsafe: V3 drops column ...". */
    public String message() {
        MigrationFile file = migration.migration();
        return "past " + file.label() + ", rolling the application back is unsafe: " + file.path().getFileName()
                + " is " + migration.classification().name().toLowerCase(java.util.Locale.ROOT)
                + " (line " + migration.classificationLine() + ": " + migration.classificationReason() + ")";
    }
}
