package dev.gantry.cli.plan;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.OutputFormat;
import dev.gantry.json.GantryJson;
import dev.gantry.plan.LoadResult;
import dev.gantry.plan.PlanLoader;
import dev.gantry.plan.Problem;
import dev.gantry.plan.ReleasePlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry plan validate FILE}: exit 0 when valid, 2 with every problem listed. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a release plan; list every problem as file:line:col: what; how to fix.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the plan is valid", "2:the plan has problems (each is listed)"})
public final class PlanValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The release plan, e.g. release.yaml.")
    Path file;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output = OutputFormat.TEXT;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LoadResult result = PlanLoader.load(file);
        if (output == OutputFormat.JSON) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("file", file.toString());
            json.put("valid", result instanceof LoadResult.Valid);
            json.put("problems", result instanceof LoadResult.Invalid invalid ? invalid.problems() : List.<Problem>of());
            out.println(GantryJson.write(json));
        } else if (result instanceof LoadResult.Valid valid) {
            out.println(file + ": valid release plan for " + describe(valid.plan()));
        } else {
            LoadResult.Invalid invalid = (LoadResult.Invalid) result;
            PrintWriter err = spec.commandLine().getErr();
            invalid.problems().forEach(problem -> err.println(problem.format()));
            int count = invalid.problems().size();
            err.println(file + ": " + count + (count == 1 ? " problem" : " problems"));
        }
        return result instanceof LoadResult.Valid ? ExitCodes.OK : ExitCodes.USAGE;
    }

    private static String describe(ReleasePlan plan) {
        long gateItems = plan.gateItems().count();
        return plan.release().product() + " " + plan.release().version() + " (" + plan.changes().size() + " changes, "
                + plan.environment().size() + " environment variables, " + gateItems + " gate items, "
                + plan.signoffs().size() + " sign-offs, " + plan.flags().size() + " flags)";
    }
}
