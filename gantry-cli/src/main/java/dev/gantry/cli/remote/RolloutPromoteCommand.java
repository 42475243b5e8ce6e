package dev.gantry.cli.remote;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gantry rollout promote FILE}: Advance the rollout now: skip the rest of the hold, or grant the approval the next phase waits for (approve scope and the role). */
@Command(name = "promote", mixinStandardHelpOptions = true, description = "Advance the rollout now: skip the rest of the hold, or grant the approval the next phase waits for (approve scope and the role).")
public final class RolloutPromoteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RolloutTarget target = new RolloutTarget();

    @Override
    public Integer call() {
        return target.command(spec, "promote", Optional.empty());
    }
}
