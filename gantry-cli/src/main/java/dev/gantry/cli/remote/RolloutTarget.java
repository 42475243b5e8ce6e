package dev.gantry.cli.remote;

import dev.gantry.cli.PlanFile;
import dev.gantry.plan.ReleasePlan;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every {@code gantry rollout} command shares: the plan naming the release, and the server. */
final class RolloutTarget {
    @Parameters(index = "0", paramLabel = "FILE", description = "The release plan, for example release.yaml")
    Path file;

    @Option(names = "--server", paramLabel = "URL", description = "The server (default: GANTRY_URL or gantry login's).")
    String server;

    /** The release's API path, {@code /api/v1/releases/PRODUCT/VERSION}, from the plan. */
    String releasePath(PrintWriter err) {
        ReleasePlan plan = PlanFile.load(file, err);
        return "/api/v1/releases/" + encode(plan.release().product()) + "/" + encode(plan.release().version());
    }

    /**
     * Sends a person's command ({@code pause}, {@code resume}, ...) to the release's rollout and
     * prints the status the server answers with.
     *
     * @return the exit code
     */
    int command(picocli.CommandLine.Model.CommandSpec spec, String action, Optional<Object> body) {
        String path = releasePath(spec.commandLine().getErr());
        RolloutView.lines(client().post(path + "/rollout/" + action, body)).forEach(spec.commandLine().getOut()::println);
        return dev.gantry.cli.ExitCodes.OK;
    }

    ApiClient client() {
        return ApiClient.connect(Optional.ofNullable(server));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
