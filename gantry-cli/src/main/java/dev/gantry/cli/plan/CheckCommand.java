package dev.gantry.cli.plan;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.OutputFormat;
import dev.gantry.cli.PlanFile;
import dev.gantry.json.GantryJson;
import dev.gantry.overview.ReleaseOverview;
import dev.gantry.plan.PlanEnum;
import dev.gantry.plan.ReleasePlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry check FILE}: the release at a glance. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "The release at a glance: plan validity, where it stands in time, breaking changes, gates, sign-offs.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the plan is valid", "2:the plan has problems (each is listed)"})
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The release plan.")
    Path file;

    @Option(names = "--today", paramLabel = "DATE", description = "The day to check against (default: today).")
    LocalDate today;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output = OutputFormat.TEXT;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ReleasePlan plan = PlanFile.load(file, spec.commandLine().getErr());
        ReleaseOverview overview = ReleaseOverview.of(plan, today == null ? LocalDate.now() : today);
        if (output == OutputFormat.JSON) {
            out.println(GantryJson.write(overview));
        } else {
            print(out, overview);
            out.println("  verdict    " + dev.gantry.cli.gate.LastGate.describe(file, java.util.Optional.empty()));
        }
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, ReleaseOverview overview) {
        out.println(overview.product() + " " + overview.version() + " (owner " + overview.owner() + ")");
        out.println("  plan       valid");
        long days = java.time.temporal.ChronoUnit.DAYS.between(overview.today(), overview.launch());
        String when = days > 0 ? "launch in " + days + (days == 1 ? " day" : " days")
                : days == 0 ? "launch day" : (-days) + (days == -1 ? " day" : " days") + " after launch";
        out.println("  timeline   " + overview.releaseDay() + ", " + when + " (" + overview.launch() + "), "
                + overview.stage().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        overview.next().ifPresent(next -> out.println("  next       " + next));
        if (!overview.overdueMilestones().isEmpty()) {
            out.println("  overdue    " + String.join("; ", overview.overdueMilestones()));
        }
        ReleaseOverview.ChangeCounts changes = overview.changes();
        out.println("  changes    " + changes.total() + " shipped, " + changes.breaking() + " breaking"
                + (changes.audiences().isEmpty() ? "" : " (affecting " + changes.audiences().stream()
                        .map(PlanEnum::planName).collect(Collectors.joining(", ")) + ")")
                + (changes.deferred() > 0 ? ", " + changes.deferred() + " deferred to a follow-up" : ""));
        ReleaseOverview.GateCounts gates = overview.gates();
        out.println("  gates      " + (gates.required() + gates.optional()) + " items in " + gates.categories().size()
                + " categories: " + gates.required() + " required, " + gates.optional() + " optional; "
                + gates.automated() + " automated, " + gates.manual() + " manual");
        out.println("  sign-offs  " + (overview.signoffsRequired().isEmpty() ? "none required"
                : overview.signoffsRequired().size() + " outstanding: " + String.join(", ", overview.signoffsRequired())));
        if (!overview.rolloutPhases().isEmpty()) {
            out.println("  rollout    " + overview.rolloutPhases().stream().map(CheckCommand::percent)
                    .collect(Collectors.joining(" -> ")));
        }
    }

    private static String percent(double value) {
        return (value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value)) + "%";
    }
}
