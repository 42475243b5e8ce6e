package dev.gantry.migrate.sql;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of linting a set of migrations: per-migration results in Flyway order, every
 * finding, and the release's point of no return. Immutable.
 */
public final class LintReport {
    private final LintSettings settings;
    private final List<MigrationResult> migrations;
    private final PointOfNoReturn pointOfNoReturn;

    LintReport(LintSettings settings, List<MigrationResult> migrations) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.migrations = List.copyOf(migrations);
        PointOfNoReturn first = null;
        for (MigrationResult result : this.migrations) {
            MigrationKind kind = result.migration().kind();
            if ((kind == MigrationKind.VERSIONED || kind == MigrationKind.REPEATABLE || kind == MigrationKind.OTHER)
                    && result.classification() != ChangeClass.EXPAND) {
                first = new PointOfNoReturn(result);
                break;
            }
        }
        this.pointOfNoReturn = first;
    }

    public LintSettings settings() {
        return settings;
    }

    /** Every linted file in Flyway order (versioned, repeatable, others, then undo files). */
    public List<MigrationResult> migrations() {
        return migrations;
    }

    /** Every finding, file by file in Flyway order, in line order within a file. */
    public List<Finding> findings() {
        return migrations.stream().flatMap(m -> m.findings().stream()).toList();
    }

    /** Whether any finding is blocking, which fails {@code gantry migrate lint}. */
    public boolean hasBlockingFindings() {
        return migrations.stream().anyMatch(m -> m.findings().stream().anyMatch(Finding::blocking));
    }

    /** The first contract or destructive migration, if any. Undo files never count. */
    public Optional<PointOfNoReturn> pointOfNoReturn() {
        return Optional.ofNullable(pointOfNoReturn);
    }
}
