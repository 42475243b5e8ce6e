package dev.gantry.cli.remote;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gantry flags}: flags per environment on the control plane. */
@Command(name = "flags", mixinStandardHelpOptions = true, description = "List and change flags on the control plane.",
        subcommands = {FlagsListCommand.class, FlagsSetCommand.class, FlagsKillCommand.class, FlagsRolloutCommand.class})
public final class FlagsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
