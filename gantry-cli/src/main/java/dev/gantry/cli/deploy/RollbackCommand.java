package dev.gantry.cli.deploy;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.PlanFile;
import dev.gantry.cli.UserFacingException;
import dev.gantry.cli.gate.GateRuns;
import dev.gantry.deploy.DeployRunner;
import dev.gantry.deploy.RunLog;
import dev.gantry.plan.ReleasePlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gantry rollback FILE}: run the plan's rollback steps. Never refused by the gate or the
 * freeze: coming back must always be possible.
 */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Run the plan's rollback steps in order, streaming output, stopping at the first failure, "
                + "with the zero-downtime probe. Never blocked by the gate or the freeze.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every step succeeded", "1:a step failed or was not confirmed, or the probe saw too many failures",
            "2:invalid plan or options"})
public final class RollbackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The release plan.")
    Path file;

    @Option(names = "--yes", description = "Confirm every manual step without asking, as --approver.")
    boolean yes;

    @Option(names = "--approver", paramLabel = "NAME", description = "Whose confirmation --yes gives.")
    String approver;

    @Option(names = "--env-file", paramLabel = "PATH", description = "Variables for $${VAR} in URLs.")
    Path envFile;

    @picocli.CommandLine.Mixin
    ReportOptions reporting = new ReportOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ReleasePlan plan = PlanFile.load(file, spec.commandLine().getErr());
        if (plan.rollback().steps().isEmpty()) {
            throw new UserFacingException(ExitCodes.USAGE, "The plan has no rollback steps; add 'rollback: { steps: [...] }'.");
        }
        DeployRunner runner = DeployRunner.builder()
                .variables(GateRuns.variables(Optional.ofNullable(envFile)))
                .approvals(RunSupport.approvals(yes, Optional.ofNullable(approver), out))
                .listener(RunSupport.printer(out))
                .build();
        RunLog log = runner.rollback(plan, Optional.empty());
        return RunSupport.finish(log, file, out, spec.commandLine().getErr(), reporting, plan);
    }
}
