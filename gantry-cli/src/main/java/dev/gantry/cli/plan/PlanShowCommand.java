package dev.gantry.cli.plan;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.OutputFormat;
import dev.gantry.cli.PlanFile;
import dev.gantry.json.GantryJson;
import dev.gantry.plan.Change;
import dev.gantry.plan.Durations;
import dev.gantry.plan.EnvVar;
import dev.gantry.plan.GateCategory;
import dev.gantry.plan.PlanEnum;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.plan.Rollout;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gantry plan show FILE}: a readable summary of the release. With {@code --output json}
 * it prints the whole normalised plan (defaults filled in), in the plan format's own keys.
 */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Summarise the release plan.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown", "2:the plan has problems"})
public final class PlanShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The release plan.")
    Path file;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output = OutputFormat.TEXT;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ReleasePlan plan = PlanFile.load(file, spec.commandLine().getErr());
        if (output == OutputFormat.JSON) {
            out.println(GantryJson.write(plan));
        } else {
            summary(plan).forEach(out::println);
        }
        return ExitCodes.OK;
    }

    static List<String> summary(ReleasePlan plan) {
        List<String> lines = new ArrayList<>();
        var release = plan.release();
        lines.add(release.product() + " " + release.version() + " (" + release.type().planName() + " release"
                + release.previous().map(previous -> ", from " + previous).orElse("") + ")");
        lines.add("owner " + release.owner() + ", launch " + release.target());
        release.summary().ifPresent(lines::add);
        section(lines, "Roles", plan.roles().stream().map(role -> role.title() + " (" + role.id() + ")"
                + (role.members().isEmpty() ? "" : ": " + String.join(", ", role.members()))).toList());
        section(lines, "Milestones", plan.milestones().stream().map(milestone -> milestone.id() + " " + milestone.name()
                + ", due " + milestone.due().text() + ", " + milestone.status().planName()).toList());
        section(lines, "Changes", plan.changes().stream().map(PlanShowCommand::change).toList());
        section(lines, "Environment contract", plan.environment().stream().map(PlanShowCommand::variable).toList());
        plan.migrations().ifPresent(migrations -> section(lines, "Migrations", List.of(migrations.dir() + " ("
                + migrations.dialect() + " " + migrations.pgVersion() + ")")));
        section(lines, "Gates", plan.gates().stream().map(PlanShowCommand::category).toList());
        section(lines, "Sign-offs", plan.signoffs().isEmpty() ? List.of() : List.of(String.join(", ", plan.signoffs())));
        section(lines, "Flags", plan.flags().stream().map(flag -> flag.key() + " (" + flag.kind().planName()
                + ", default " + flag.defaultValue() + ")" + flag.description().map(d -> ": " + d).orElse("")).toList());
        plan.rollout().ifPresent(rollout -> section(lines, "Rollout of " + rollout.flag(), rollout(rollout)));
        if (!plan.rollback().steps().isEmpty() || !plan.rollback().triggers().isEmpty()) {
            section(lines, "Rollback", List.of(plan.rollback().triggers().size() + " triggers, "
                    + plan.rollback().steps().size() + " steps, database: " + plan.rollback().database().planName()));
        }
        section(lines, "Deploy stages", plan.deploy().stages().stream().map(stage -> stage.name()
                + (stage.production() ? " (production)" : "") + ": " + stage.steps().size() + " steps"
                + stage.approval().map(role -> ", approval by " + role).orElse("")).toList());
        section(lines, "Communications", plan.communications().stream().map(comm -> comm.when().map(day -> day.text())
                .orElse("on " + comm.trigger().planName()) + "  " + comm.medium().planName() + " to " + comm.audience()
                + comm.subject().map(subject -> ": " + subject).orElse("")).toList());
        section(lines, "Known issues", plan.support().knownIssues().stream().map(issue -> issue.issue()
                + " (workaround: " + issue.workaround() + "; fix " + issue.eta() + ")").toList());
        section(lines, "Alerts", plan.monitoring().alerts().stream().map(alert -> alert.name() + " " + alert.when().text()
                + alert.forDuration().map(d -> " for " + Durations.format(d)).orElse("")
                + (alert.channels().isEmpty() ? "" : " -> " + String.join(", ", alert.channels()))).toList());
        section(lines, "Success metrics", plan.successMetrics().stream().map(metric -> metric.name() + " "
                + metric.target().text() + " by " + metric.reviewAt().text()).toList());
        section(lines, "Notification channels", plan.notifications().stream()
                .map(channel -> channel.id() + " (" + channel.type().planName() + ")").toList());
        return lines;
    }

    private static void section(List<String> lines, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        lines.add("");
        lines.add(title + ":");
        items.forEach(item -> lines.add("  " + item));
    }

    private static String change(Change change) {
        return (change.breaking() ? "[breaking] " : "") + (change.deferred() ? "[deferred] " : "") + change.id() + ": "
                + change.title() + (change.audiences().isEmpty() ? "" : " (" + change.audiences().stream()
                        .map(PlanEnum::planName).collect(Collectors.joining(", ")) + ")");
    }

    private static String variable(EnvVar variable) {
        List<String> traits = new ArrayList<>();
        traits.add(variable.type().planName());
        if (variable.required()) {
            traits.add("required");
        }
        if (variable.secret()) {
            traits.add("secret");
        }
        variable.since().ifPresent(since -> traits.add("since " + since));
        variable.renamedFrom().ifPresent(old -> traits.add("renamed from " + old));
        if (variable.deprecated()) {
            traits.add("deprecated" + variable.removedIn().map(v -> ", removed in " + v).orElse(""));
        }
        return variable.name() + " (" + String.join(", ", traits) + ")";
    }

    private static String category(GateCategory category) {
        long required = category.items().stream().filter(GateCategory.Item::required).count();
        return category.id() + ": " + category.items().size() + " items (" + required + " required)";
    }

    private static List<String> rollout(Rollout rollout) {
        List<String> lines = new ArrayList<>();
        for (Rollout.Phase phase : rollout.phases()) {
            lines.add(phase.name() + ": " + percent(phase.percent()) + phase.hold().map(h -> ", hold " + Durations.format(h))
                    .orElse("") + phase.approval().map(role -> ", approval by " + role).orElse(""));
        }
        for (Rollout.Guard guard : rollout.guards()) {
            lines.add("guard " + guard.id() + " (" + guard.source().planName() + ") " + guard.when().map(t -> t.text())
                    .orElse("compare") + (guard.forDuration().isZero() ? "" : " for " + Durations.format(guard.forDuration()))
                    + " -> " + guard.action().planName());
        }
        for (Rollout.Activation activation : rollout.activation()) {
            lines.add("then switch on " + activation.flag() + activation.hold().map(h -> ", hold " + Durations.format(h))
                    .orElse(""));
        }
        return lines;
    }

    private static String percent(double value) {
        return (value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value)) + "%";
    }
}
