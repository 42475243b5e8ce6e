package dev.gantry.server.migrate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A migration of a release recorded as applied to production, with what the CLI's migration
 * analysis (dev.gantry.impact) said about it.
 *
 * @param product the release's product
 * @param version the release's version
 * @param migration the migration's label, {@code V5}
 * @param file its file name
 * @param classification expand, contract or destructive
 * @param pointOfNoReturn the release's point of no return as the analysis found it, if it has one
 * @param pastPointOfNoReturn whether this migration is the point of no return or later, so that
 *     rolling the application back is unsafe now
 * @param appliedAt when it was recorded, ISO-8601 UTC
 * @param appliedBy who recorded it
 */
public record AppliedMigration(String product, String version, String migration, String file, String classification,
        Optional<PointOfNoReturn> pointOfNoReturn, boolean pastPointOfNoReturn, String appliedAt, String appliedBy) {
    public AppliedMigration {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(pointOfNoReturn, "pointOfNoReturn");
    }

    /**
     * A release's point of no return as the migration analysis states it.
     *
     * @param migration the first contract or destructive migration's label
     * @param message why rolling the application back is unsafe past it
     * @param guidance what to do instead (roll forward, restore the backup), in order
     */
    public record PointOfNoReturn(String migration, String message, List<String> guidance) {
        public PointOfNoReturn {
            if (migration == null || !MigrationLabel.valid(migration)) {
                throw new IllegalArgumentException("'pointOfNoReturn.migration' must be a migration label such as V5.");
            }
            message = message == null ? "" : message;
            guidance = guidance == null ? List.of() : List.copyOf(guidance);
        }
    }
}
