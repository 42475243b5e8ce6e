package dev.gantry.cli.remote;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gantry release}: releases on the control plane. */
@Command(name = "release", mixinStandardHelpOptions = true, description = "Work with releases on the control plane.",
        subcommands = {ReleasePushCommand.class})
public final class ReleaseCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
