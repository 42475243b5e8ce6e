package dev.gantry.migrate.sql;

import java.util.List;
import java.util.Objects;

/**
 * What the linter found about one migration file.
 *
 * @param migration the file and its Flyway identity
 * @param classification expand, contract or destructive
 * @param classificationReason why, naming the statement that decided it; for expand
 *     migrations a fixed sentence saying the previous version keeps working
 * @param classificationLine line of that statement (1 for expand migrations)
 * @param reversibility undo file, derivable inverse, or irreversible
 * @param findings the findings in this file, in line order
 */
public record MigrationResult(
        MigrationFile migration,
        ChangeClass classification,
        String classificationReason,
        int classificationLine,
        Reversibility reversibility,
        List<Finding> findings) {
    public MigrationResult {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(classificationReason, "classificationReason");
        Objects.requireNonNull(reversibility, "reversibility");
        findings = List.copyOf(findings);
    }
}
