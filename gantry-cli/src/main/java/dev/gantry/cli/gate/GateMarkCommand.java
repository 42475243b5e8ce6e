package dev.gantry.cli.gate;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.PlanFile;
import dev.gantry.cli.UserFacingException;
import dev.gantry.cli.state.ReleaseState;
import dev.gantry.cli.state.StateFile;
import dev.gantry.gate.Mark;
import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.GateCategory;
import dev.gantry.plan.ReleasePlan;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry gate mark FILE ITEM --by NAME --evidence TEXT}: a manual item is done. */
@Command(name = "mark", mixinStandardHelpOptions = true,
        description = "Record that a manual checklist item is done: by whom, with what evidence (text or a link).")
public final class GateMarkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The release plan.")
    Path file;

    @Parameters(index = "1", paramLabel = "ITEM", description = "The manual item's id.")
    String item;

    @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who did it.")
    String by;

    @Option(names = "--evidence", required = true, paramLabel = "TEXT", description = "What shows it is done: text or a link.")
    String evidence;

    @Option(names = "--state", paramLabel = "PATH", description = "The state file (default: .gantry/state.json beside the plan).")
    Path state;

    @Override
    public Integer call() {
        ReleasePlan plan = PlanFile.load(file, spec.commandLine().getErr());
        GateCategory.Item found = find(plan, item);
        if (!(found.check() instanceof CheckSpec.Manual)) {
            throw new UserFacingException(ExitCodes.USAGE, "Item '" + item + "' is checked automatically ("
                    + found.check().type() + "); only manual items are marked done.");
        }
        if (by.isBlank() || evidence.isBlank()) {
            throw new UserFacingException(ExitCodes.USAGE, "--by and --evidence must not be blank.");
        }
        Path stateFile = StateFile.locate(file, Optional.ofNullable(state));
        ReleaseState current = StateFile.read(stateFile);
        Mark mark = new Mark(item, by, Instant.now(), evidence);
        StateFile.write(stateFile, current.with(mark));
        spec.commandLine().getOut().println("Marked '" + found.title() + "' (" + item + ") done by " + mark.by() + " at "
                + mark.at() + "; recorded in " + stateFile + ".");
        return ExitCodes.OK;
    }

    static GateCategory.Item find(ReleasePlan plan, String id) {
        return plan.gateItems().filter(i -> i.id().equals(id)).findFirst().orElseThrow(() ->
                new UserFacingException(ExitCodes.USAGE, "The plan has no gate item '" + id + "'"
                        + dev.gantry.cli.gate.GateMarkCommand.nearest(plan, id) + "."));
    }

    private static String nearest(ReleasePlan plan, String id) {
        return plan.gateItems().map(GateCategory.Item::id).filter(other -> other.contains(id) || id.contains(other))
                .findFirst().map(other -> "; did you mean '" + other + "'?").orElse("; 'gantry plan show' lists them");
    }
}
