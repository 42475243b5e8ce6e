package dev.gantry.cli.plan;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gantry plan}: validate, show and date the release plan. */
@Command(name = "plan", description = "Validate, show and date the release plan.",
        mixinStandardHelpOptions = true,
        subcommands = {PlanValidateCommand.class, PlanShowCommand.class, PlanTimelineCommand.class})
public final class PlanCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
