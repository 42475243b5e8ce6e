package dev.gantry.cli.upgrade;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gantry upgrade}: get an environment from one released version to a later one. */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = "Check an env file for an upgrade across versions, and rewrite it for the new version.",
        subcommands = {UpgradeCheckCommand.class, UpgradeApplyCommand.class})
public final class UpgradeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
