package dev.gantry.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gantry flags list --env ENV}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the flags of an environment.")
public final class FlagsListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FlagOptions options;

    @Override
    public Integer call() {
        JsonNode answer = options.client().get(options.path(""));
        PrintWriter out = spec.commandLine().getOut();
        out.println(options.env + " (snapshot version " + answer.path("snapshotVersion").asText() + ")");
        if (answer.path("flags").isEmpty()) {
            out.println("  no flags");
        }
        answer.path("flags").forEach(f -> out.println("  " + FlagOptions.describe(f)));
        return ExitCodes.OK;
    }
}
