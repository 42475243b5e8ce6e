package dev.gantry.cli.migrate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code gantry migrate}: commands about the release's database migrations. Holds
 * subcommands only; without one it prints its usage.
 */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = "Check the release's database migrations.",
        subcommands = {MigrateLintCommand.class, MigrateMarkAppliedCommand.class})
public final class MigrateCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
