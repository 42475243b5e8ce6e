package dev.gantry.cli.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.PlanFile;
import dev.gantry.cli.UserFacingException;
import dev.gantry.cli.remote.ApiClient;
import dev.gantry.cli.remote.Credentials;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.plan.SuccessMetric;
import dev.gantry.review.LaunchReview;
import dev.gantry.review.ReviewFacts;
import dev.gantry.review.ReviewMarkdown;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gantry review FILE}: the day-7 launch review as Markdown, from the server's data
 * (snapshots, bugs, incidents, rollbacks) when a server is given or logged in, otherwise offline
 * from {@code --metric id=value} and {@code --critical-bugs N}. Exit 3 when the decision is failed.
 */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "Write the launch review (targets against actuals, bugs, incidents, rollbacks, decision) as Markdown.")
public final class ReviewCommand implements Callable<Integer> {
    private static final Pattern VALUE = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*(%|ms|s)?");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The release plan, for example release.yaml")
    Path file;

    @Option(names = "--metric", paramLabel = "ID=VALUE",
            description = "Offline: a success metric's actual value (99.7%, 250ms, 1.5s, 620); repeatable.")
    List<String> metrics = new ArrayList<>();

    @Option(names = "--critical-bugs", paramLabel = "N",
            description = "Offline: how many critical bugs were reported within the critical-bug window.")
    Integer criticalBugs;

    @Option(names = "--server", paramLabel = "URL", description = "Review with the server's data (default: the logged-in server).")
    String server;

    @Option(names = "--offline", description = "Review offline even when logged in.")
    boolean offline;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the review here instead of to stdout.")
    Path output;

    @Override
    public Integer call() throws IOException {
        ReleasePlan plan = PlanFile.load(file, spec.commandLine().getErr());
        boolean offlineInputs = !metrics.isEmpty() || criticalBugs != null;
        if (server != null && (offline || offlineInputs)) {
            throw new UserFacingException(ExitCodes.USAGE, "--server reviews with the server's data; --metric,"
                    + " --critical-bugs and --offline are for an offline review. Give one or the other.");
        }
        boolean remote = server != null || (!offline && !offlineInputs && loggedIn());
        String markdown;
        String decision;
        if (remote) {
            JsonNode answer = ApiClient.connect(Optional.ofNullable(server)).get("/api/v1/releases/"
                    + segment(plan.release().product()) + "/" + segment(plan.release().version()) + "/review");
            markdown = answer.path("markdown").asText();
            decision = answer.path("decision").asText();
        } else {
            LaunchReview review = LaunchReview.of(plan, facts(plan));
            markdown = ReviewMarkdown.render(review);
            decision = review.decision().text();
        }
        if (output != null) {
            Files.writeString(output, markdown, StandardCharsets.UTF_8);
            spec.commandLine().getOut().println("Wrote " + output + ": decision " + decision + ".");
        } else {
            spec.commandLine().getOut().print(markdown);
            spec.commandLine().getOut().flush();
        }
        return decision.equals(LaunchReview.Decision.FAILED.text()) ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    private static boolean loggedIn() {
        return Credentials.load(ApiClient.environment).isPresent()
                || Optional.ofNullable(ApiClient.environment.get("GANTRY_URL")).filter(s -> !s.isBlank()).isPresent();
    }

    private ReviewFacts facts(ReleasePlan plan) {
        Map<String, ReviewFacts.Measured> values = new LinkedHashMap<>();
        for (String m : metrics) {
            int eq = m.indexOf('=');
            if (eq <= 0) {
                throw new UserFacingException(ExitCodes.USAGE, "--metric takes ID=VALUE, got '" + m + "'.");
            }
            String id = m.substring(0, eq).strip();
            if (plan.successMetrics().stream().map(SuccessMetric::id).noneMatch(id::equals)) {
                throw new UserFacingException(ExitCodes.USAGE, "The plan has no success metric '" + id + "'; it has "
                        + String.join(", ", plan.successMetrics().stream().map(SuccessMetric::id).toList()) + ".");
            }
            values.put(id, new ReviewFacts.Measured(value(m.substring(eq + 1).strip(), id), Optional.empty(), "given"));
        }
        if (criticalBugs != null && criticalBugs < 0) {
            throw new UserFacingException(ExitCodes.USAGE, "--critical-bugs is a count, 0 or more.");
        }
        ReviewFacts.Bugs bugs = criticalBugs == null ? new ReviewFacts.Bugs.Unknown() : new ReviewFacts.Bugs.Counted(criticalBugs);
        return new ReviewFacts("offline inputs", values, bugs, List.of(), List.of());
    }

    /** A value as written: {@code 99.7%} is 0.997, {@code 250ms} is 0.25 (seconds), {@code 620} is 620. */
    static double value(String text, String id) {
        Matcher matcher = VALUE.matcher(text);
        if (!matcher.matches()) {
            throw new UserFacingException(ExitCodes.USAGE, "--metric " + id + "=" + text
                    + ": the value must be a number, optionally with %, ms or s (99.7%, 250ms, 620).");
        }
        double v = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2);
        return "%".equals(unit) ? v / 100 : "ms".equals(unit) ? v / 1000 : v;
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
