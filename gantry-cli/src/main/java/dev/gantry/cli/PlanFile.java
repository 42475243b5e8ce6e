package dev.gantry.cli;

import dev.gantry.plan.LoadResult;
import dev.gantry.plan.PlanLoader;
import dev.gantry.plan.Problem;
import dev.gantry.plan.ReleasePlan;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Loads the plan a command names; an invalid plan prints its problems and exits 2. */
public final class PlanFile {
    private PlanFile() {}

    /**
     * The valid plan at {@code file}.
     *
     * @throws UserFacingException with {@link ExitCodes#USAGE} after printing every problem to
     *     {@code err}
     */
    public static ReleasePlan load(Path file, PrintWriter err) {
        LoadResult result = PlanLoader.load(file);
        if (result instanceof LoadResult.Invalid invalid) {
            printProblems(invalid, err);
            throw new UserFacingException(ExitCodes.USAGE, file + " is not a valid release plan ("
                    + count(invalid.problems().size()) + "); run 'gantry plan validate " + file + "' after fixing it.");
        }
        return ((LoadResult.Valid) result).plan();
    }

    static void printProblems(LoadResult.Invalid invalid, PrintWriter err) {
        for (Problem problem : invalid.problems()) {
            err.println(problem.format());
        }
    }

    static String count(int problems) {
        return problems == 1 ? "1 problem" : problems + " problems";
    }
}
