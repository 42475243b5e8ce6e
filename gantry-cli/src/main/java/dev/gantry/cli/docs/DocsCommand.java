package dev.gantry.cli.docs;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gantry docs}: documents generated from the plan. */
@Command(name = "docs", description = "Generate release documents from the plan.", mixinStandardHelpOptions = true,
        subcommands = {DocsMigrationCommand.class, DocsGenerateCommand.class})
public final class DocsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
