package dev.gantry.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.UserFacingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry segments list|set|delete}: segments per environment on the control plane. */
@Command(name = "segments", mixinStandardHelpOptions = true,
        description = "List and change segments (groups of users flags target) on the control plane.",
        subcommands = {SegmentsCommand.List.class, SegmentsCommand.Set.class, SegmentsCommand.Delete.class})
public final class SegmentsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every segments subcommand shares. */
    static final class Options {
        @Option(names = {"-e", "--env"}, paramLabel = "ENV", required = true,
                description = "The environment, for example staging or production.")
        String env;

        @Option(names = "--server", paramLabel = "URL", description = "The server (default: GANTRY_URL or gantry login's).")
        String server;

        ApiClient client() {
            return ApiClient.connect(Optional.ofNullable(server));
        }

        String path(String key) {
            return "/api/v1/environments/" + enc(env) + "/segments" + (key.isEmpty() ? "" : "/" + enc(key));
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    /** One line about a stored segment: key, version, how many keys it includes and excludes, rules. */
    static String describe(JsonNode stored) {
        JsonNode def = stored.path("definition");
        return String.format("%-32s v%-4d %d included, %d excluded, %d rules", stored.path("key").asText(),
                stored.path("version").asLong(), def.path("included").size(), def.path("excluded").size(),
                def.path("rules").size());
    }

    /** {@code gantry segments list --env ENV}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the segments of an environment.")
    public static final class List implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Options options;

        @Override
        public Integer call() {
            JsonNode answer = options.client().get(options.path(""));
            PrintWriter out = spec.commandLine().getOut();
            out.println(options.env + " (snapshot version " + answer.path("snapshotVersion").asText() + ")");
            if (answer.path("segments").isEmpty()) {
                out.println("  no segments");
            }
            answer.path("segments").forEach(s -> out.println("  " + describe(s)));
            return ExitCodes.OK;
        }
    }

    /** {@code gantry segments set KEY --env ENV --file SEGMENT.json}. */
    @Command(name = "set", mixinStandardHelpOptions = true, description = "Create or replace a segment from a JSON file.")
    public static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Options options;

        @Parameters(paramLabel = "KEY", description = "The segment key.")
        String key;

        @Option(names = "--file", paramLabel = "FILE", required = true,
                description = "The segment object as JSON (docs/flags-format.md, \"Segment\").")
        Path file;

        @Override
        public Integer call() {
            String json;
            try {
                json = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UserFacingException(ExitCodes.ERROR, "Cannot read " + file + ": " + e.getMessage());
            }
            JsonNode answer = options.client().put(options.path(key), json);
            spec.commandLine().getOut().println("Set in " + options.env + ": " + describe(answer));
            return ExitCodes.OK;
        }
    }

    /** {@code gantry segments delete KEY --env ENV}. */
    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a segment (refused while a flag still uses it).")
    public static final class Delete implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Options options;

        @Parameters(paramLabel = "KEY", description = "The segment key.")
        String key;

        @Override
        public Integer call() {
            options.client().delete(options.path(key));
            spec.commandLine().getOut().println("Deleted segment " + key + " from " + options.env + ".");
            return ExitCodes.OK;
        }
    }
}
