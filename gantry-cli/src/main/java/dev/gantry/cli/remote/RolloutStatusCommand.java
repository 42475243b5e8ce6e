package dev.gantry.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gantry rollout status FILE}: where the release's rollout stands, and its recent events. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show where the release's rollout stands: phase, hold left, each guard against its threshold.")
public final class RolloutStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RolloutTarget target = new RolloutTarget();

    @Option(names = "--events", description = "Also list the recent events.")
    boolean events;

    @Override
    public Integer call() {
        String path = target.releasePath(spec.commandLine().getErr());
        JsonNode status = target.client().get(path + "/rollout");
        RolloutView.lines(status).forEach(spec.commandLine().getOut()::println);
        if (events) {
            for (JsonNode e : status.path("recentEvents")) {
                spec.commandLine().getOut().println("  " + e.path("at").asText() + " " + e.path("type").asText());
            }
        }
        return ExitCodes.OK;
    }
}
