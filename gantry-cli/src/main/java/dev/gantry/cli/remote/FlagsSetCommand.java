package dev.gantry.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.UserFacingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gantry flags set KEY --env ENV (--file FLAG.json | --on | --off)}: creates or replaces
 * a flag from its JSON definition (docs/flags-format.md), or turns its targeting on or off.
 */
@Command(name = "set", mixinStandardHelpOptions = true,
        description = "Create or replace a flag from a JSON file, or turn it on or off.")
public final class FlagsSetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FlagOptions options;

    @Parameters(paramLabel = "KEY", description = "The flag key.")
    String key;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--file", paramLabel = "FILE", description = "The flag object as JSON (docs/flags-format.md).")
        Path file;

        @Option(names = "--on", description = "Turn targeting on.")
        boolean on;

        @Option(names = "--off", description = "Turn targeting off (serves the off variation).")
        boolean off;
    }

    @Override
    public Integer call() {
        ApiClient client = options.client();
        JsonNode answer;
        if (what.file != null) {
            String json;
            try {
                json = Files.readString(what.file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UserFacingException(ExitCodes.ERROR, "Cannot read " + what.file + ": " + e.getMessage());
            }
            answer = client.put(options.path(key), json);
        } else {
            answer = client.post(options.path(key) + "/toggle", Optional.of(Map.of("on", what.on)));
        }
        spec.commandLine().getOut().println("Set in " + options.env + ": " + FlagOptions.describe(answer));
        return ExitCodes.OK;
    }
}
