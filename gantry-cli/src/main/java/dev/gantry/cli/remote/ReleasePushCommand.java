package dev.gantry.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.ExitCodes;
import dev.gantry.plan.LoadResult;
import dev.gantry.plan.PlanLoader;
import dev.gantry.plan.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gantry release push FILE}: checks the plan here (with its files, like
 * {@code gantry check}) and pushes it; the server stores a new revision when the content changed.
 */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = "Check a release plan and push it to the server as a new revision.")
public final class ReleasePushCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The release plan, for example release.yaml")
    Path file;

    @Option(names = "--server", paramLabel = "URL", description = "The server (default: GANTRY_URL or gantry login's).")
    String server;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        LoadResult result = PlanLoader.load(file);
        if (result instanceof LoadResult.Invalid invalid) {
            invalid.problems().stream().map(Problem::format).forEach(err::println);
            err.println("gantry: " + file + " has " + invalid.problems().size() + " problem(s); nothing was pushed.");
            return ExitCodes.USAGE;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", file.toString());
        body.put("plan", text);
        Map<String, String> templates = templates(((LoadResult.Valid) result).plan());
        if (!templates.isEmpty()) {
            body.put("files", templates);
        }
        JsonNode answer = ApiClient.connect(Optional.ofNullable(server)).post("/api/v1/releases", Optional.of(body));
        JsonNode rev = answer.path("revision");
        String what = rev.path("product").asText() + " " + rev.path("version").asText() + " revision "
                + rev.path("revision").asLong() + " (sha256 " + rev.path("contentHash").asText().substring(0, 12) + ")";
        String attached = templates.isEmpty() ? "" : " with " + templates.size() + " communication template"
                + (templates.size() == 1 ? "" : "s");
        spec.commandLine().getOut().println(answer.path("created").asBoolean()
                ? "Pushed " + what + attached + "." : "Unchanged: " + what + " already holds this plan"
                        + (templates.isEmpty() ? "" : "; its templates were sent again") + ".");
        java.util.TreeMap<String, java.util.List<String>> created = new java.util.TreeMap<>();
        answer.path("flagsCreated").forEach(f -> created.computeIfAbsent(f.path("environment").asText(),
                k -> new java.util.ArrayList<>()).add(f.path("key").asText()));
        created.forEach((env, keys) -> spec.commandLine().getOut().println(
                "Created flags in " + env + " (off): " + String.join(", ", keys)));
        answer.path("flagsNotCreated").forEach(f -> spec.commandLine().getErr().println("gantry: flag "
                + f.path("key").asText() + " not created in " + f.path("environment").asText() + ": " + f.path("problem").asText()));
        return ExitCodes.OK;
    }

    /** The communication templates the plan references, by the path written in the plan (checked to exist by the load). */
    static Map<String, String> templates(dev.gantry.plan.ReleasePlan plan) throws IOException {
        Map<String, String> files = new java.util.TreeMap<>();
        for (dev.gantry.plan.Communication c : plan.communications()) {
            if (c.template().isPresent() && Files.isRegularFile(plan.resolve(c.template().get()))) {
                files.put(c.template().get(), Files.readString(plan.resolve(c.template().get()), StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
