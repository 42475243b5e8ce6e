package dev.gantry.cli.impact;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.PlanFile;
import dev.gantry.impact.ImpactAnalysis;
import dev.gantry.impact.ImpactReport;
import dev.gantry.impact.ImpactText;
import dev.gantry.json.GantryJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry analyze FILE}: what the release breaks, for whom, what each must do, and rollback safety. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Every change grouped by audience with required actions, risk and rollback safety; the point of "
                + "no return; what the release's files change that the plan does not declare; follow-ups.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:analysed", "2:the plan has problems"})
public final class AnalyzeCommand implements Callable<Integer> {
    /** The forms of the report. */
    public enum Format { TEXT, JSON, MARKDOWN }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The release plan.")
    Path file;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
    Format output = Format.TEXT;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ImpactReport report = ImpactAnalysis.of(PlanFile.load(file, spec.commandLine().getErr()));
        switch (output) {
            case JSON -> out.println(GantryJson.write(report));
            case MARKDOWN -> out.print(ImpactText.markdown(report));
            case TEXT -> ImpactText.text(report).forEach(out::println);
        }
        return ExitCodes.OK;
    }
}
