package dev.gantry.cli.remote;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gantry rollout}: the release's progressive rollout on the control plane. */
@Command(name = "rollout", mixinStandardHelpOptions = true,
        description = "Start, follow and steer the release's rollout on the control plane.",
        subcommands = {RolloutStartCommand.class, RolloutStatusCommand.class, RolloutWatchCommand.class,
            RolloutPauseCommand.class, RolloutResumeCommand.class, RolloutPromoteCommand.class,
            RolloutApproveCommand.class, RolloutAbortCommand.class})
public final class RolloutCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
