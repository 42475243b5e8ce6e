package dev.gantry.cli.plan;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.OutputFormat;
import dev.gantry.cli.PlanFile;
import dev.gantry.json.GantryJson;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.timeline.Timeline;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry plan timeline FILE [--today DATE]}: D-days as dates, what is past, due and overdue. */
@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = "Show milestones, events, the code freeze and communications as dates, and where today stands.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown", "2:the plan has problems"})
public final class PlanTimelineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The release plan.")
    Path file;

    @Option(names = "--today", paramLabel = "DATE", description = "The day to place the timeline against (default: today).")
    LocalDate today;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output = OutputFormat.TEXT;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ReleasePlan plan = PlanFile.load(file, spec.commandLine().getErr());
        Timeline timeline = Timeline.of(plan, today == null ? LocalDate.now() : today);
        if (output == OutputFormat.JSON) {
            out.println(GantryJson.write(timeline));
            return ExitCodes.OK;
        }
        print(out, plan, timeline);
        return ExitCodes.OK;
    }

    static void print(PrintWriter out, ReleasePlan plan, Timeline timeline) {
        out.println(plan.release().product() + " " + plan.release().version() + ": launch " + timeline.launch()
                + ", today " + timeline.today() + " is " + timeline.todayAsReleaseDay());
        out.println();
        out.printf(Locale.ROOT, "%-10s  %-5s  %-9s  %-13s  %s%n", "DATE", "DAY", "STATUS", "KIND", "WHAT");
        for (Timeline.Entry entry : timeline.entries()) {
            String date = entry.date().toString();
            out.printf(Locale.ROOT, "%-10s  %-5s  %-9s  %-13s  %s%s%n", date, entry.day(),
                    entry.status().name().toLowerCase(Locale.ROOT), entry.kind().name().toLowerCase(Locale.ROOT),
                    entry.title(), entry.until().filter(until -> !until.equals(entry.date()))
                            .map(until -> " (until " + until + ")").orElse(""));
        }
        if (!timeline.overdue().isEmpty()) {
            out.println();
            out.println(timeline.overdue().size() + " overdue: " + String.join("; ",
                    timeline.overdue().stream().map(Timeline.Entry::title).toList()));
        }
    }
}
