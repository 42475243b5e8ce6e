package dev.gantry.cli.docs;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.Output;
import dev.gantry.cli.PlanFile;
import dev.gantry.impact.MigrationGuide;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry docs migration FILE [--out PATH]}: MIGRATION.md, riskiest change first. */
@Command(name = "migration", mixinStandardHelpOptions = true,
        description = "Write MIGRATION.md: the upgrade step by step, riskiest change first, with rollback guidance.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:the output cannot be written", "2:the plan has problems"})
public final class DocsMigrationCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The release plan.")
    Path file;

    @Option(names = "--out", paramLabel = "PATH", description = "Write here instead of standard output.")
    Path target;

    @Override
    public Integer call() {
        String guide = MigrationGuide.of(PlanFile.load(file, spec.commandLine().getErr()));
        Output.write(guide, target, spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
