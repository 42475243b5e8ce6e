package dev.gantry.cli.remote;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gantry rollout abort FILE}: Roll the release back now: the flag goes to the old variation at once, rollback webhooks are called unless past the point of no return. */
@Command(name = "abort", mixinStandardHelpOptions = true, description = "Roll the release back now: the flag goes to the old variation at once, rollback webhooks are called unless past the point of no return.")
public final class RolloutAbortCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RolloutTarget target = new RolloutTarget();

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the history and the notifications.")
    String reason = "";

    @Override
    public Integer call() {
        return target.command(spec, "abort", Optional.of(java.util.Map.of("reason", reason)));
    }
}
