package dev.gantry.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.ExitCodes;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gantry rollout start FILE}: Start the release's rollout on the server: the latest pushed plan revision, from its first phase. */
@Command(name = "start", mixinStandardHelpOptions = true, description = "Start the release's rollout on the server: the latest pushed plan revision, from its first phase.")
public final class RolloutStartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RolloutTarget target = new RolloutTarget();

    @Option(names = "--env", paramLabel = "ENV", description = "The flag environment (default: production).")
    String environment = "production";

    @Option(names = "--force", description = "Start without a GO gate verdict (needs an admin token).")
    boolean force;

    @Override
    public Integer call() {
        String path = target.releasePath(spec.commandLine().getErr());
        JsonNode status = target.client().post(path + "/rollouts", Optional.of(java.util.Map.of("environment", environment, "force", force)));
        RolloutView.lines(status).forEach(spec.commandLine().getOut()::println);
        return ExitCodes.OK;
    }
}
