package dev.gantry.gate;

import dev.gantry.migrate.sql.Finding;
import dev.gantry.migrate.sql.LintReport;
import dev.gantry.migrate.sql.LintSettings;
import dev.gantry.migrate.sql.MigrationLintException;
import dev.gantry.migrate.sql.MigrationFile;
import dev.gantry.migrate.sql.MigrationKind;
import dev.gantry.migrate.sql.MigrationLinter;
import dev.gantry.migrate.sql.MigrationResult;
import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.GateCategory;
import dev.gantry.plan.Migrations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * No blocking finding from the SQL migration linter ({@link MigrationLinter}) in the release's
 * migrations: the check's paths, or else the plan's {@code migrations.dir}, where versioned and
 * undo migrations at or before {@code migrations.baseline} belong to earlier releases and are
 * left out. Warnings are evidence, not failures.
 */
final class SqlLintCheck implements CheckEvaluator<CheckSpec.SqlLint> {
    private static final int LISTED = 5;

    @Override
    public CheckResult evaluate(CheckSpec.SqlLint spec, GateCategory.Item item, CheckContext context) {
        Optional<Migrations> migrations = context.plan().migrations();
        List<String> written = !spec.paths().isEmpty() ? spec.paths()
                : migrations.map(m -> List.of(m.dir())).orElse(List.of());
        if (written.isEmpty()) {
            return Results.error("there are no migrations to lint: give 'paths:' in the check or 'migrations.dir' in the plan");
        }
        List<Path> paths = written.stream().map(context.plan()::resolve).toList();
        LintSettings settings = migrations.map(m -> new LintSettings(m.pgVersion(), m.assumeInTransaction()))
                .orElse(LintSettings.defaults());
        LintReport report;
        try {
            report = MigrationLinter.lint(paths, settings);
        } catch (MigrationLintException e) {
            return Results.fail(e.getMessage());
        } catch (IllegalArgumentException e) {
            return Results.error("the lint settings are invalid: " + e.getMessage());
        }
        Optional<String> baseline = spec.paths().isEmpty() ? migrations.flatMap(Migrations::baseline) : Optional.empty();
        List<MigrationResult> release = report.migrations().stream()
                .filter(result -> baseline.isEmpty() || !inEarlierRelease(result.migration(), baseline.get()))
                .toList();
        List<Finding> findings = release.stream().flatMap(result -> result.findings().stream()).toList();
        Path base = context.plan().directory();
        List<String> blocking = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        evidence.add(release.size() + " migrations in " + String.join(", ", written)
                + baseline.map(b -> " after baseline " + b).orElse("") + ", " + findings.size() + " findings");
        for (Finding finding : findings) {
            String shown = relative(base, finding.file()) + ":" + finding.line() + ":" + finding.column() + " "
                    + finding.ruleId() + ": " + finding.message();
            if (finding.blocking()) {
                blocking.add(shown);
            }
            if (evidence.size() <= 10) {
                evidence.add(finding.severity().label() + " " + shown);
            }
        }
        if (blocking.isEmpty()) {
            return Results.pass("no blocking finding in " + release.size() + " migrations", evidence);
        }
        return Results.fail(blocking.size() + " blocking findings: " + String.join("; ",
                blocking.stream().limit(LISTED).toList()) + (blocking.size() > LISTED ? "; ..." : ""), evidence);
    }

    private static boolean inEarlierRelease(MigrationFile migration, String baseline) {
        return (migration.kind() == MigrationKind.VERSIONED || migration.kind() == MigrationKind.UNDO)
                && MigrationFile.compareVersions(migration.version(), baseline) <= 0;
    }

    private static String relative(Path base, Path file) {
        try {
            return base.relativize(file.toAbsolutePath().normalize()).toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }
}
