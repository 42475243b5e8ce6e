package dev.gantry.cli.config;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gantry config}: deployment configuration. */
@Command(name = "config", description = "Compare deployment configuration between versions.",
        mixinStandardHelpOptions = true, subcommands = {ConfigDiffCommand.class})
public final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
