package dev.gantry.cli.gate;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.PlanFile;
import dev.gantry.cli.UserFacingException;
import dev.gantry.cli.state.ReleaseState;
import dev.gantry.cli.state.StateFile;
import dev.gantry.gate.GateReport;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.signoff.PlanHash;
import dev.gantry.signoff.SignOffRules;
import dev.gantry.signoff.SignOffStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry gate run FILE}: every check, a live line each, then the verdict. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the go/no-go checklist: a line per check as it finishes, then the verdict.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:GO or GO WITH WAIVERS", "1:the checks could not be run", "2:invalid plan or options",
            "3:NO-GO"})
public final class GateRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The release plan.")
    Path file;

    @Option(names = "--only", paramLabel = "CATEGORY", description = "Run only this gate category.")
    String only;

    @Option(names = "--env-file", paramLabel = "PATH",
            description = "Variables for $${VAR} references and env checks, over the process environment.")
    Path envFile;

    @Option(names = "--state", paramLabel = "PATH", description = "The state file (default: .gantry/state.json beside the plan).")
    Path state;

    @Option(names = "--output", paramLabel = "FORMAT",
            description = "text, json, markdown or junit (default: ${DEFAULT-VALUE}). Live lines go to stderr unless text.")
    GateOutput output = GateOutput.TEXT;

    @Option(names = "--report",
            description = "Post the run to the control plane (gantry login or GANTRY_URL/GANTRY_TOKEN); push the same plan first.")
    boolean report;

    @Option(names = "--server", paramLabel = "URL", description = "The server for --report (default: GANTRY_URL or gantry login's).")
    String server;

    @Override
    public Integer call() {
        if (report && only != null) {
            throw new UserFacingException(ExitCodes.USAGE, "--report needs the whole checklist; drop --only.");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReleasePlan plan = PlanFile.load(file, err);
        PrintWriter live = output == GateOutput.TEXT ? out : err;
        ReleaseState recorded = StateFile.read(StateFile.locate(file, Optional.ofNullable(state)));
        GateReport report = GateRuns.run(plan, Optional.ofNullable(only), Optional.ofNullable(envFile),
                recorded, Clock.systemUTC(), result -> {
                    live.println(GateReportFormats.line(result));
                    live.flush();
                });
        if (only == null) {
            LastGate.record(file, Optional.ofNullable(state), report);
        }
        switch (output) {
            case TEXT -> {
                out.println(GateReportFormats.text(report));
                signoffs(plan, recorded).ifPresent(out::println);
            }
            case JSON -> out.println(GateReportFormats.json(report));
            case MARKDOWN -> out.print(GateReportFormats.markdown(report,
                    plan.release().product() + " " + plan.release().version()));
            case JUNIT -> out.print(GateReportFormats.junit(report));
        }
        if (this.report) {
            com.fasterxml.jackson.databind.JsonNode answer = GateReportUpload.post(file, plan, report,
                    Optional.ofNullable(server));
            (output == GateOutput.TEXT ? out : err).println("reported: run " + answer.path("run").asLong() + " of "
                    + plan.release().product() + " " + plan.release().version() + " revision "
                    + answer.path("revision").asLong() + " on the server, verdict there: " + answer.path("label").asText());
        }
        return report.verdict().go() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** Where sign-offs stand, for information: they do not change the verdict, but production needs them. */
    private Optional<String> signoffs(ReleasePlan plan, ReleaseState recorded) {
        if (plan.signoffs().isEmpty()) {
            return Optional.empty();
        }
        try {
            SignOffStatus status = SignOffRules.status(plan, PlanHash.of(file), recorded.signoffs());
            return Optional.of(status.complete() ? "sign-offs: all " + plan.signoffs().size() + " in"
                    : "sign-offs: " + status.outstanding().size() + " of " + plan.signoffs().size() + " outstanding ("
                            + String.join(", ", status.outstanding()) + "); production deploys need them");
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
