package dev.gantry.cli.deploy;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.PlanFile;
import dev.gantry.cli.UserFacingException;
import dev.gantry.cli.gate.GateRuns;
import dev.gantry.cli.state.ReleaseState;
import dev.gantry.cli.state.StateFile;
import dev.gantry.deploy.DeployRunner;
import dev.gantry.deploy.ProductionGuard;
import dev.gantry.deploy.RunLog;
import dev.gantry.freeze.FreezeCheck;
import dev.gantry.freeze.FreezeStatus;
import dev.gantry.gate.GateListener;
import dev.gantry.gate.GateReport;
import dev.gantry.plan.Deploy;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.signoff.PlanHash;
import dev.gantry.signoff.SignOffRules;
import dev.gantry.signoff.SignOffStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry deploy FILE [--stage NAME]}: run the plan's deploy stages. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = "Run the plan's deploy stages in order, streaming output, stopping at the first failure, "
                + "with the zero-downtime probe. A production stage needs a GO verdict, every sign-off and no freeze, unless overridden.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every step succeeded and the probe stayed within its limit", "1:a step failed, "
                + "an approval was refused, or the probe saw too many failures", "2:invalid plan or options",
            "3:refused: a production stage and the gate verdict is NO-GO or sign-offs are outstanding", "4:refused: a production stage inside the freeze"})
public final class DeployCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The release plan.")
    Path file;

    @Option(names = "--stage", paramLabel = "NAME", description = "Run only this stage.")
    String stage;

    @Option(names = "--override-reason", paramLabel = "TEXT",
            description = "Start a production stage despite NO-GO or the freeze, for this reason (kept in the run log).")
    String overrideReason;

    @Option(names = "--yes", description = "Approve every stage approval and manual step without asking, as --approver.")
    boolean yes;

    @Option(names = "--approver", paramLabel = "NAME", description = "Whose approval --yes gives.")
    String approver;

    @Option(names = "--env-file", paramLabel = "PATH", description = "Variables for $${VAR} in URLs and the gate's checks.")
    Path envFile;

    @Option(names = "--state", paramLabel = "PATH", description = "The state file (default: .gantry/state.json beside the plan).")
    Path state;

    @picocli.CommandLine.Mixin
    ReportOptions reporting = new ReportOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ReleasePlan plan = PlanFile.load(file, spec.commandLine().getErr());
        if (plan.deploy().stages().isEmpty()) {
            throw new UserFacingException(ExitCodes.USAGE, "The plan has no deploy stages; add 'deploy: { stages: [...] }'.");
        }
        List<Deploy.Stage> stages = plan.deploy().stages().stream()
                .filter(s -> stage == null || s.name().equals(stage)).toList();
        if (stages.isEmpty()) {
            throw new UserFacingException(ExitCodes.USAGE, "The plan has no deploy stage '" + stage + "'; it has "
                    + String.join(", ", plan.deploy().stages().stream().map(Deploy.Stage::name).toList()) + ".");
        }
        Optional<String> override = Optional.ofNullable(overrideReason).map(String::strip).filter(r -> !r.isEmpty());
        var approvals = RunSupport.approvals(yes, Optional.ofNullable(approver), out);
        if (stages.stream().anyMatch(Deploy.Stage::production)) {
            out.println("checking the gate and the freeze before production...");
            ReleaseState recorded = StateFile.read(StateFile.locate(file, Optional.ofNullable(state)));
            GateReport report = GateRuns.run(plan, Optional.empty(), Optional.ofNullable(envFile), recorded,
                    Clock.systemUTC(), GateListener.NONE);
            SignOffStatus signoffs = SignOffRules.status(plan, hash(), recorded.signoffs());
            FreezeStatus freeze = FreezeCheck.evaluate(plan, Instant.now(), ZoneOffset.UTC, override);
            out.println("gate verdict: " + report.verdict().label() + (report.blocking().isEmpty() ? ""
                    : " (blocking: " + String.join(", ", report.blocking().stream().map(r -> r.item().id()).toList()) + ")"));
            out.println("sign-offs: " + (signoffs.complete() ? "all " + plan.signoffs().size() + " in"
                    : "outstanding " + String.join(", ", signoffs.outstanding())));
            out.println("freeze: " + freeze.describe());
            Optional<String> refusal = ProductionGuard.refusal(stages, report.verdict(), signoffs, freeze, override);
            if (refusal.isPresent()) {
                boolean onlyFrozen = report.verdict().go() && signoffs.complete();
                throw new UserFacingException(onlyFrozen ? ExitCodes.FROZEN : ExitCodes.CHECK_FAILED,
                        "Refused: " + refusal.get() + " (--override-reason TEXT).");
            }
            override.ifPresent(reason -> out.println("override recorded: " + reason));
        }
        DeployRunner runner = DeployRunner.builder()
                .variables(GateRuns.variables(Optional.ofNullable(envFile)))
                .approvals(approvals)
                .listener(RunSupport.printer(out))
                .build();
        RunLog log = runner.deploy(plan, Optional.ofNullable(stage), override);
        return RunSupport.finish(log, file, out, spec.commandLine().getErr(), reporting, plan);
    }

    private String hash() {
        try {
            return PlanHash.of(file);
        } catch (java.io.IOException e) {
            throw new UserFacingException(ExitCodes.ERROR, "The plan " + file + " cannot be read to hash it.");
        }
    }
}
