package dev.gantry.cli.env;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gantry env}: the release's environment contract. */
@Command(name = "env", description = "Check an environment against the contract, diff contracts, write .env.example.",
        mixinStandardHelpOptions = true,
        subcommands = {EnvCheckCommand.class, EnvDiffCommand.class, EnvTemplateCommand.class})
public final class EnvCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
