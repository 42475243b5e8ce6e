package dev.gantry.cli.migrate;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.UserFacingException;
import dev.gantry.migrate.sql.LintReport;
import dev.gantry.migrate.sql.LintReportJson;
import dev.gantry.migrate.sql.LintReportSarif;
import dev.gantry.migrate.sql.LintReportText;
import dev.gantry.migrate.sql.LintSettings;
import dev.gantry.migrate.sql.MigrationLintException;
import dev.gantry.migrate.sql.MigrationLinter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gantry migrate lint PATH...}: lints PostgreSQL migrations (Flyway directories or
 * single files). Exit 0 when no finding is blocking, 3 when one is, 2 for bad input.
 */
@Command(
        name = "lint",
        mixinStandardHelpOptions = true,
        description = {
            "Lint PostgreSQL migrations for lock safety, data loss and client compatibility.",
            "Exit 0 when nothing blocks, 3 when a blocking finding exists, 2 for bad input."
        })
public final class MigrateLintCommand implements Callable<Integer> {
    /** Output formats. */
    public enum Output { TEXT, JSON, SARIF }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Migration files or Flyway directories (searched recursively for .sql files).")
    List<Path> paths;

    @Option(names = "--pg-version", paramLabel = "N", description = "PostgreSQL major version the migrations run on (default: ${DEFAULT-VALUE}).")
    int pgVersion = LintSettings.DEFAULT_PG_VERSION;

    @Option(names = "--assume-in-transaction", description = "The migration runner wraps each file in a transaction (Flyway's default).")
    boolean assumeInTransaction;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text, json or sarif (default: text).")
    Output output = Output.TEXT;

    @Override
    public Integer call() {
        LintSettings settings;
        try {
            settings = new LintSettings(pgVersion, assumeInTransaction);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(ExitCodes.USAGE, e.getMessage());
        }
        LintReport report;
        try {
            report = MigrationLinter.lint(paths, settings);
        } catch (MigrationLintException e) {
            throw new UserFacingException(ExitCodes.USAGE, e.getMessage());
        }
        String rendered = switch (output) {
            case TEXT -> LintReportText.render(report);
            case JSON -> LintReportJson.render(report);
            case SARIF -> LintReportSarif.render(report);
        };
        spec.commandLine().getOut().print(rendered);
        spec.commandLine().getOut().flush();
        return report.hasBlockingFindings() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }
}
