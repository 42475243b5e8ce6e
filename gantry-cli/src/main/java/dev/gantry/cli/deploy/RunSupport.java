package dev.gantry.cli.deploy;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.UserFacingException;
import dev.gantry.deploy.Approvals;
import dev.gantry.deploy.RunListener;
import dev.gantry.deploy.RunLog;
import dev.gantry.deploy.StepRecord;
import dev.gantry.json.GantryJson;
import dev.gantry.plan.Step;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** What deploy and rollback share: terminal approvals, live output, the run log file. */
final class RunSupport {
    /** Failed probes printed one by one before they are only counted. */
    static final int PROBE_LINES = 5;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private RunSupport() {}

    /**
     * Approvals: with {@code --yes}, granted as {@code approver}; else asked on the terminal, where
     * the person types their name to approve; with no terminal, refused, so the run stops there.
     */
    static Approvals approvals(boolean yes, Optional<String> approver, PrintWriter out) {
        if (yes) {
            String name = approver.filter(a -> !a.isBlank()).orElseThrow(() -> new UserFacingException(ExitCodes.USAGE,
                    "--yes approves in someone's name; say whose with --approver NAME."));
            return request -> {
                out.println("    approved: " + request.question() + " (--yes, as " + name + ")");
                return Optional.of(name);
            };
        }
        Console console = System.console();
        if (console == null) {
            return request -> {
                out.println("    cannot ask: " + request.question() + " (no terminal; use --yes --approver NAME)");
                return Optional.empty();
            };
        }
        return request -> {
            out.flush();
            String answer = console.readLine("    %s%n    Type your name to approve, or press Enter to refuse: ",
                    request.question());
            return Optional.ofNullable(answer).map(String::strip).filter(a -> !a.isEmpty());
        };
    }

    /** Live output: stages, steps, command output indented, failed probes (the first few). */
    static RunListener printer(PrintWriter out) {
        AtomicInteger probeFailures = new AtomicInteger();
        return new RunListener() {
            @Override
            public void stageStarted(String stage) {
                print("==> stage " + stage);
            }

            @Override
            public void stepStarted(String stage, Step step) {
                print("--> " + step.name() + step.run().map(run -> ": " + run)
                        .or(() -> step.http().map(http -> ": GET " + http.url().redacted() + ", expect " + http.expect()))
                        .orElse(step.verify().map(verify -> ": by hand, verify " + verify).orElse(": by hand")));
            }

            @Override
            public void output(String line) {
                print("    | " + line);
            }

            @Override
            public void stepFinished(StepRecord record) {
                print("    " + (record.status() == StepRecord.Status.SUCCEEDED ? "ok" : "FAILED") + " "
                        + record.step() + ": " + record.detail() + " (" + record.duration().toMillis() + "ms)");
            }

            @Override
            public void probeFailed(String reason) {
                int count = probeFailures.incrementAndGet();
                if (count <= PROBE_LINES) {
                    print("    ! health probe failed: " + reason
                            + (count == PROBE_LINES ? " (further failures are counted, not shown)" : ""));
                }
            }

            private void print(String line) {
                synchronized (out) {
                    out.println(line);
                    out.flush();
                }
            }
        };
    }

    /**
     * Prints the outcome, writes the run log beside the state and, with {@code --report}, sends it
     * to the control plane; returns the exit code. A report the server refuses is said in one
     * sentence and exits 1, after the local log is written.
     */
    static int finish(RunLog log, Path plan, PrintWriter out, PrintWriter err, ReportOptions reporting,
            dev.gantry.plan.ReleasePlan releasePlan) {
        int code = finish(log, plan, out);
        if (!reporting.report) {
            return code;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode answer = report(log, plan, releasePlan, reporting.server());
            out.println("reported: " + log.kind().name().toLowerCase(java.util.Locale.ROOT) + " run "
                    + answer.path("run").asLong() + " of " + releasePlan.release().product() + " "
                    + releasePlan.release().version() + " revision " + answer.path("revision").asLong() + " on the server");
            return code;
        } catch (dev.gantry.cli.UserFacingException e) {
            err.println("gantry: the run log was not reported: " + e.getMessage());
            return ExitCodes.ERROR;
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode report(RunLog log, Path plan,
            dev.gantry.plan.ReleasePlan releasePlan, Optional<String> server) {
        String hash;
        try {
            hash = dev.gantry.signoff.PlanHash.of(plan);
        } catch (IOException e) {
            throw new dev.gantry.cli.UserFacingException(ExitCodes.ERROR, "cannot read " + plan + " to hash it.");
        }
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("planHash", hash);
        body.put("log", GantryJson.mapper().valueToTree(log));
        String path = "/api/v1/releases/" + segment(releasePlan.release().product()) + "/"
                + segment(releasePlan.release().version()) + "/deploy-runs";
        return dev.gantry.cli.remote.ApiClient.connect(server).post(path, Optional.of(body));
    }

    private static String segment(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Prints the outcome and writes the run log beside the state; returns the exit code. */
    static int finish(RunLog log, Path plan, PrintWriter out) {
        log.probe().ifPresent(probe -> out.println("zero-downtime probe: " + probe.describe()));
        Path directory = Optional.ofNullable(plan.toAbsolutePath().getParent()).orElse(Path.of("."));
        Path file = directory.resolve(".gantry/runs/" + STAMP.format(log.started()) + "-"
                + log.kind().name().toLowerCase(java.util.Locale.ROOT) + ".json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, GantryJson.write(log) + "\n");
            out.println("run log: " + file);
        } catch (IOException e) {
            out.println("run log: could not be written to " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        out.println(log.summary() + " in " + log.duration().toMillis() + "ms");
        return log.succeeded() ? ExitCodes.OK : ExitCodes.ERROR;
    }
}
