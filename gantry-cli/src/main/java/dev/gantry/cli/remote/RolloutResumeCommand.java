package dev.gantry.cli.remote;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gantry rollout resume FILE}: Resume a paused rollout where it paused; the hold clock runs again. */
@Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused rollout where it paused; the hold clock runs again.")
public final class RolloutResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RolloutTarget target = new RolloutTarget();

    @Override
    public Integer call() {
        return target.command(spec, "resume", Optional.empty());
    }
}
