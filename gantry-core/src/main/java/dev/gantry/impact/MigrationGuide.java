package dev.gantry.impact;

import dev.gantry.plan.Change;
import dev.gantry.plan.EnvVar;
import dev.gantry.plan.PlanEnum;
import dev.gantry.plan.ReleasePlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * MIGRATION.md: the upgrade, step by step, riskiest change first, each with what to do and how
 * (or whether) it rolls back. Written from the impact analysis; the same plan and files give the
 * same bytes. Never contains a secret: the plan holds none, and variables appear by name only.
 */
public final class MigrationGuide {
    private MigrationGuide() {}

    /** The guide for {@code plan}. */
    public static String of(ReleasePlan plan) {
        return render(plan, ImpactAnalysis.of(plan));
    }

    static String render(ReleasePlan plan, ImpactReport report) {
        StringBuilder md = new StringBuilder();
        String from = plan.release().previous().orElse("the previous version");
        md.append("# Upgrading ").append(plan.release().product()).append(" from ").append(from).append(" to ")
                .append(plan.release().version()).append("\n\n");
        plan.release().summary().ifPresent(summary -> md.append(summary).append("\n\n"));
        List<Change> steps = plan.shippedChanges().stream().filter(change -> change.breaking()
                || change.integration().isPresent()).sorted(Comparator.<Change, Integer>comparing(c -> -c.risk().ordinal()))
                .toList();
        md.append("This release has **").append(report.breakingChanges()).append(" breaking ")
                .append(report.breakingChanges() == 1 ? "change" : "changes").append("**. Launch day is ")
                .append(plan.release().target()).append(".");
        report.pointOfNoReturn().ifPresent(point -> md.append(" **Point of no return:** ").append(point.message())
                .append("."));
        md.append("\n\n## At a glance\n\n| # | Change | Affects | Risk | Rollback |\n|---|---|---|---|---|\n");
        for (int i = 0; i < steps.size(); i++) {
            Change change = steps.get(i);
            md.append("| ").append(i + 1).append(" | ").append(ImpactText.cell(change.title())).append(" | ")
                    .append(change.audiences().stream().map(PlanEnum::planName).collect(Collectors.joining(", ")))
                    .append(" | ").append(change.risk().planName()).append(" | ")
                    .append(rollbackOf(report, change).name().toLowerCase(Locale.ROOT)).append(" |\n");
        }
        md.append("\n## Step by step\n");
        for (int i = 0; i < steps.size(); i++) {
            step(md, i + 1, steps.get(i), report);
        }
        environment(md, plan);
        database(md, report);
        if (!report.followUps().isEmpty()) {
            md.append("\n## Not in this release\n\n");
            report.followUps().forEach(followUp -> md.append("- **").append(followUp.title()).append("**: ")
                    .append(followUp.reason()).append('\n'));
        }
        return md.toString();
    }

    private static void step(StringBuilder md, int number, Change change, ImpactReport report) {
        md.append("\n### ").append(number).append(". ").append(change.title()).append("\n\n");
        md.append("*Affects:* ").append(change.audiences().stream().map(ImpactText::title).collect(Collectors.joining(", ")))
                .append(" · *Risk:* ").append(change.risk().planName()).append(" · *Rollback:* ")
                .append(rollbackOf(report, change).name().toLowerCase(Locale.ROOT)).append("\n\n");
        change.description().ifPresent(description -> md.append(description).append("\n\n"));
        List<String> actions = actionsOf(report, change);
        if (!actions.isEmpty()) {
            md.append("**What to do**\n\n");
            for (int i = 0; i < actions.size(); i++) {
                md.append(i + 1).append(". ").append(actions.get(i)).append('\n');
            }
            md.append('\n');
        }
        change.compatibility().ifPresent(bridge -> md.append("**Compatibility:** ").append(bridge).append("\n\n"));
        String rollback = detailOf(report, change);
        if (!rollback.isEmpty()) {
            md.append("**Rolling back:** ").append(rollback).append('\n');
        }
    }

    private static void environment(StringBuilder md, ReleasePlan plan) {
        List<EnvVar> touched = plan.environment().stream()
                .filter(variable -> newSincePrevious(plan, variable) || variable.deprecated()).toList();
        if (touched.isEmpty()) {
            return;
        }
        md.append("\n## Environment\n\n| Variable | Required | Secret | Note |\n|---|---|---|---|\n");
        for (EnvVar variable : touched) {
            List<String> note = new ArrayList<>();
            if (newSincePrevious(plan, variable)) {
                variable.since().ifPresent(since -> note.add("new in " + since));
            }
            variable.renamedFrom().ifPresent(old -> note.add("renamed from " + old));
            variable.defaultValue().ifPresent(value -> note.add("default " + value));
            if (variable.deprecated()) {
                note.add("deprecated" + variable.removedIn().map(version -> ", removed in " + version).orElse(""));
            }
            md.append("| `").append(variable.name()).append("` | ").append(variable.required() ? "yes" : "no").append(" | ")
                    .append(variable.secret() ? "yes" : "no").append(" | ").append(ImpactText.cell(String.join("; ", note)))
                    .append(" |\n");
        }
        md.append("\n`gantry env check release.yaml --env-file .env` tells whether an environment is ready; "
                + "`gantry env template release.yaml` writes a documented `.env.example`.\n");
    }

    /** Whether the variable arrived after the version operators upgrade from (or in this one). */
    private static boolean newSincePrevious(ReleasePlan plan, EnvVar variable) {
        java.util.Optional<dev.gantry.upgrade.Version> since = variable.since().flatMap(dev.gantry.upgrade.Version::parse);
        if (since.isEmpty()) {
            return false;
        }
        return plan.release().previous().flatMap(dev.gantry.upgrade.Version::parse)
                .map(previous -> since.get().compareTo(previous) > 0)
                .orElseGet(() -> variable.since().filter(plan.release().version()::equals).isPresent());
    }

    private static void database(StringBuilder md, ImpactReport report) {
        if (report.migrations().isEmpty()) {
            return;
        }
        md.append("\n## Database migrations\n\n| Migration | Class | Reversible |\n|---|---|---|\n");
        report.migrations().forEach(migration -> md.append("| ").append(migration.file()).append(" | ")
                .append(migration.classification()).append(" | ").append(ImpactText.cell(migration.reversibility()))
                .append(" |\n"));
        report.pointOfNoReturn().ifPresent(point -> {
            md.append("\n**Point of no return: ").append(point.migration()).append(".** ").append(point.message())
                    .append(".\n\n");
            point.guidance().forEach(line -> md.append("- ").append(line).append('\n'));
        });
    }

    private static ImpactReport.RollbackSafety rollbackOf(ImpactReport report, Change change) {
        return itemOf(report, change).map(ImpactReport.Item::rollback).orElse(ImpactReport.RollbackSafety.UNKNOWN);
    }

    private static String detailOf(ImpactReport report, Change change) {
        return itemOf(report, change).map(ImpactReport.Item::rollbackDetail).orElse("");
    }

    private static List<String> actionsOf(ImpactReport report, Change change) {
        return report.audiences().stream().flatMap(audience -> audience.items().stream())
                .filter(item -> item.change().equals(change.id())).flatMap(item -> item.actions().stream()).distinct()
                .toList();
    }

    private static java.util.Optional<ImpactReport.Item> itemOf(ImpactReport report, Change change) {
        return report.audiences().stream().flatMap(audience -> audience.items().stream())
                .filter(item -> item.change().equals(change.id())).findFirst();
    }
}
