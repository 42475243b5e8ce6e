package dev.gantry.cli.freeze;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.PlanFile;
import dev.gantry.cli.state.TimeArguments;
import dev.gantry.freeze.FreezeCheck;
import dev.gantry.freeze.FreezeStatus;
import dev.gantry.plan.ReleasePlan;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry freeze check FILE [--at TIME] [--override-reason TEXT]}. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Is the code freeze in force? Says since and until when; exits 4 inside it unless overridden.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:not frozen, or frozen and overridden with a reason", "2:invalid plan or options",
            "4:frozen (no override)"})
public final class FreezeCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The release plan.")
    Path file;

    @Option(names = "--at", paramLabel = "TIME", description = "When to check (default: now): 2026-03-01 or 2026-03-01T09:00:00Z.")
    String at;

    @Option(names = "--zone", paramLabel = "ZONE", description = "The time zone of the freeze's days (default: ${DEFAULT-VALUE}).")
    ZoneId zone = ZoneOffset.UTC;

    @Option(names = "--override-reason", paramLabel = "TEXT", description = "Go ahead inside the freeze, for this reason.")
    String overrideReason;

    @Override
    public Integer call() {
        ReleasePlan plan = PlanFile.load(file, spec.commandLine().getErr());
        Instant when = at == null ? Instant.now() : TimeArguments.parse(at, "--at", Instant.now(), zone, false);
        FreezeStatus status = FreezeCheck.evaluate(plan, when, zone, Optional.ofNullable(overrideReason));
        spec.commandLine().getOut().println(plan.release().product() + " " + plan.release().version() + ": "
                + status.describe());
        return status.blocks() ? ExitCodes.FROZEN : ExitCodes.OK;
    }
}
