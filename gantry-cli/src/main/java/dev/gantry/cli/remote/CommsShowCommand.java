package dev.gantry.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry comms show FILE ID}: the rendered draft with its state and content hash. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a communication's rendered draft.")
public final class CommsShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommsOptions options;

    @Parameters(index = "1", paramLabel = "ID", description = "The communication's id in the plan")
    String id;

    @Override
    public Integer call() {
        JsonNode draft = options.client().get(options.path(spec.commandLine().getErr(), "/" + CommsOptions.segment(id)));
        PrintWriter out = spec.commandLine().getOut();
        out.println(CommsListCommand.line(draft));
        out.println("Content hash: " + draft.path("contentHash").asText());
        out.println("Subject: " + draft.path("subject").asText());
        out.println();
        out.print(draft.path("body").asText());
        out.flush();
        return ExitCodes.OK;
    }
}
