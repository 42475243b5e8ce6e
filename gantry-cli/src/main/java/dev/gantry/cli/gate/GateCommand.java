package dev.gantry.cli.gate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gantry gate}: the go/no-go checklist. */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = "The go/no-go checklist: run it, mark manual items done, grant waivers.",
        subcommands = {GateRunCommand.class, GateMarkCommand.class, GateWaiveCommand.class})
public final class GateCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
