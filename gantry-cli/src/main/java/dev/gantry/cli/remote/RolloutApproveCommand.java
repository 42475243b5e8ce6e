package dev.gantry.cli.remote;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gantry rollout approve FILE}: Approve entering the phase that waits for ROLE (approve scope; a member of the role when the plan lists members). */
@Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve entering the phase that waits for ROLE (approve scope; a member of the role when the plan lists members).")
public final class RolloutApproveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RolloutTarget target = new RolloutTarget();

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "The role the phase waits for.")
    String role;

    @Override
    public Integer call() {
        return target.command(spec, "approve", Optional.of(java.util.Map.of("role", role)));
    }
}
