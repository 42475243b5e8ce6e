package dev.gantry.cli.remote;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gantry rollout pause FILE}: Pause the release's rollout: nothing advances until it is resumed; guards keep watching. */
@Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause the release's rollout: nothing advances until it is resumed; guards keep watching.")
public final class RolloutPauseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RolloutTarget target = new RolloutTarget();

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the history.")
    String reason = "";

    @Override
    public Integer call() {
        return target.command(spec, "pause", Optional.of(java.util.Map.of("reason", reason)));
    }
}
