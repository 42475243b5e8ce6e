package dev.gantry.cli.gate;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.PlanFile;
import dev.gantry.cli.UserFacingException;
import dev.gantry.cli.state.ReleaseState;
import dev.gantry.cli.state.StateFile;
import dev.gantry.cli.state.TimeArguments;
import dev.gantry.gate.Waiver;
import dev.gantry.plan.GateCategory;
import dev.gantry.plan.ReleasePlan;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry gate waive FILE ITEM --reason --by --expires}: go ahead although the item is not ready. */
@Command(name = "waive", mixinStandardHelpOptions = true,
        description = "Grant a waiver for a required item: why, by whom, until when. An expired waiver stops counting.")
public final class GateWaiveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The release plan.")
    Path file;

    @Parameters(index = "1", paramLabel = "ITEM", description = "The item's id.")
    String item;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why going ahead is acceptable.")
    String reason;

    @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who grants the waiver.")
    String by;

    @Option(names = "--expires", required = true, paramLabel = "TIME",
            description = "When it stops counting: 2026-03-01, 2026-03-01T18:00:00Z (UTC unless a zone is given) or 48h from now.")
    String expires;

    @Option(names = "--state", paramLabel = "PATH", description = "The state file (default: .gantry/state.json beside the plan).")
    Path state;

    @Override
    public Integer call() {
        ReleasePlan plan = PlanFile.load(file, spec.commandLine().getErr());
        GateCategory.Item found = GateMarkCommand.find(plan, item);
        if (!found.required()) {
            throw new UserFacingException(ExitCodes.USAGE, "Item '" + item + "' is optional and never blocks; it needs no waiver.");
        }
        Instant now = Instant.now();
        Instant until = TimeArguments.parse(expires, "--expires", now, ZoneOffset.UTC, true);
        if (!until.isAfter(now)) {
            throw new UserFacingException(ExitCodes.USAGE, "--expires " + expires + " is in the past; a waiver must expire later.");
        }
        if (reason.isBlank() || by.isBlank()) {
            throw new UserFacingException(ExitCodes.USAGE, "--reason and --by must not be blank.");
        }
        Path stateFile = StateFile.locate(file, Optional.ofNullable(state));
        ReleaseState current = StateFile.read(stateFile);
        Waiver waiver = new Waiver(item, reason, by, now, until);
        StateFile.write(stateFile, current.with(waiver));
        spec.commandLine().getOut().println("Waived '" + found.title() + "' (" + item + ") by " + waiver.grantedBy()
                + " until " + waiver.expires() + ": " + waiver.reason() + "; recorded in " + stateFile + ".");
        return ExitCodes.OK;
    }
}
