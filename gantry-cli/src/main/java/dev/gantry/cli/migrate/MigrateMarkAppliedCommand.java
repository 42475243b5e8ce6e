package dev.gantry.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.PlanFile;
import dev.gantry.cli.UserFacingException;
import dev.gantry.cli.remote.ApiClient;
import dev.gantry.impact.ImpactAnalysis;
import dev.gantry.impact.ImpactReport;
import dev.gantry.plan.ReleasePlan;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gantry migrate mark-applied FILE VERSION}: tells the server that migration VERSION of
 * the plan FILE ran in production. The migration analysis runs here, where the migration files
 * are, and the server stores its verdict: past the point of no return, Gantry no longer rolls the
 * deployment back automatically.
 */
@Command(name = "mark-applied", mixinStandardHelpOptions = true,
        description = {"Record on the server that a migration of the release ran in production.",
            "Past the release's point of no return, automatic rollbacks kill the flag but leave the deployment."})
public final class MigrateMarkAppliedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The release plan, for example release.yaml")
    Path file;

    @Parameters(index = "1", paramLabel = "VERSION", description = "The migration's version: 5 or V5")
    String version;

    @Option(names = "--server", paramLabel = "URL", description = "The server (default: GANTRY_URL or gantry login's).")
    String server;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ReleasePlan plan = PlanFile.load(file, spec.commandLine().getErr());
        if (plan.migrations().isEmpty()) {
            throw new UserFacingException(ExitCodes.USAGE, file + " declares no migrations; add a 'migrations:' section"
                    + " naming their directory.");
        }
        ImpactReport report = ImpactAnalysis.of(plan);
        String label = label(version);
        ImpactReport.MigrationImpact migration = report.migrations().stream()
                .filter(m -> m.label().equalsIgnoreCase(label)).findFirst()
                .orElseThrow(() -> new UserFacingException(ExitCodes.USAGE, "The release has no migration " + label
                        + "; its migrations are " + (report.migrations().isEmpty() ? "none"
                                : String.join(", ", report.migrations().stream().map(ImpactReport.MigrationImpact::label)
                                        .toList())) + "."));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("migration", migration.label());
        body.put("file", migration.file());
        body.put("classification", migration.classification().toLowerCase(Locale.ROOT));
        report.pointOfNoReturn().ifPresent(p -> {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("migration", p.migration());
            point.put("message", p.message());
            point.put("guidance", p.guidance());
            body.put("pointOfNoReturn", point);
        });
        String path = "/api/v1/releases/" + encode(plan.release().product()) + "/" + encode(plan.release().version())
                + "/migrations/applied";
        JsonNode answer = ApiClient.connect(Optional.ofNullable(server)).post(path, Optional.of(body));
        out.println("Marked " + migration.label() + " (" + migration.file() + ", " + body.get("classification")
                + ") applied to production for " + plan.release().product() + " " + plan.release().version() + ".");
        if (answer.path("pastPointOfNoReturn").asBoolean()) {
            out.println("The release is past its point of no return: an automatic rollback now switches the flag off"
                    + " but does not roll the deployment back.");
            report.pointOfNoReturn().ifPresent(p -> p.guidance().forEach(g -> out.println("  - " + g)));
        }
        return ExitCodes.OK;
    }

    private static String label(String version) {
        String v = version.strip();
        if (!v.matches("[Vv]?\\d+([._]\\d+)*")) {
            throw new UserFacingException(ExitCodes.USAGE, "'" + version + "' is not a migration version; give 5 or V5.");
        }
        return (v.startsWith("V") || v.startsWith("v") ? "V" + v.substring(1) : "V" + v).replace('_', '.');
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
