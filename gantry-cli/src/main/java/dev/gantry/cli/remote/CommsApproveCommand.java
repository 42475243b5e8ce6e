package dev.gantry.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.ExitCodes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gantry comms approve FILE ID --hash sha256:...}: approves the draft whose content hash
 * {@code gantry comms show} printed, so what is approved is what was read.
 */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = "Approve a communication's draft (the content hash from 'gantry comms show').")
public final class CommsApproveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommsOptions options;

    @Parameters(index = "1", paramLabel = "ID", description = "The communication's id in the plan")
    String id;

    @Option(names = "--hash", required = true, paramLabel = "HASH",
            description = "The content hash 'gantry comms show' printed; refused when the draft changed since.")
    String hash;

    @Override
    public Integer call() {
        JsonNode draft = options.client().post(options.path(spec.commandLine().getErr(),
                "/" + CommsOptions.segment(id) + "/approve"), Optional.of(Map.of("contentHash", hash)));
        spec.commandLine().getOut().println("Approved '" + id + "' (" + hash + "); state: " + draft.path("state").asText()
                + (draft.hasNonNull("due") ? ", due " + draft.get("due").asText() : "") + ".");
        return ExitCodes.OK;
    }
}
