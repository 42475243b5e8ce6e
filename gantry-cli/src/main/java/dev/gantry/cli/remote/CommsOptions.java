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

/** The plan (for its product and version) and the server, shared by the {@code gantry comms} commands. */
public final class CommsOptions {
    @Parameters(index = "0", paramLabel = "FILE", description = "The release plan, for example release.yaml")
    Path file;

    @Option(names = "--server", paramLabel = "URL", description = "The server (default: GANTRY_URL or gantry login's).")
    String server;

    /** @return the release's communications path on the server, plus {@code suffix} */
    String path(PrintWriter err, String suffix) {
        ReleasePlan plan = PlanFile.load(file, err);
        return "/api/v1/releases/" + segment(plan.release().product()) + "/" + segment(plan.release().version())
                + "/communications" + suffix;
    }

    ApiClient client() {
        return ApiClient.connect(Optional.ofNullable(server));
    }

    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
