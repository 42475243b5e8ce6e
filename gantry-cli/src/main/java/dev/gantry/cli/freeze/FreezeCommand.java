package dev.gantry.cli.freeze;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gantry freeze}: the code freeze. */
@Command(name = "freeze", mixinStandardHelpOptions = true, description = "The code freeze.",
        subcommands = {FreezeCheckCommand.class})
public final class FreezeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
