package dev.gantry.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gantry comms list FILE}: one line per communication with its state. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the release's communications and their states.")
public final class CommsListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommsOptions options;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        JsonNode answer = options.client().get(options.path(spec.commandLine().getErr(), ""));
        if (answer.path("communications").isEmpty()) {
            out.println("The plan has no communications.");
        }
        for (JsonNode c : answer.path("communications")) {
            out.println(line(c));
        }
        return ExitCodes.OK;
    }

    static String line(JsonNode c) {
        String when = c.hasNonNull("due") ? c.get("due").asText() : "on " + c.path("trigger").asText();
        String approval = c.hasNonNull("approval") ? "approved by " + c.get("approval").path("by").asText()
                : c.hasNonNull("approvalRole") ? "needs " + c.get("approvalRole").asText() : "needs an approver";
        return String.format("%-18s %-9s %-22s %-28s %s%s", c.path("id").asText(), c.path("state").asText(), when,
                c.path("delivery").asText(), approval,
                c.hasNonNull("problem") ? "  PROBLEM: " + c.get("problem").asText() : "");
    }
}
