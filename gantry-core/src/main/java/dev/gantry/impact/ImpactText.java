package dev.gantry.impact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The impact report as words for a terminal or a Markdown document. Deterministic. */
public final class ImpactText {
    private ImpactText() {}

    /** For a terminal. */
    public static List<String> text(ImpactReport report) {
        List<String> lines = new ArrayList<>();
        lines.add("Impact of " + report.product() + " " + report.version()
                + report.previous().map(previous -> " (from " + previous + ")").orElse("") + ": "
                + report.breakingChanges() + " breaking changes");
        report.pointOfNoReturn().ifPresent(point -> lines.add("Point of no return: " + point.message()));
        for (ImpactReport.AudienceImpact audience : report.audiences()) {
            lines.add("");
            lines.add(title(audience.audience()) + ":");
            for (ImpactReport.Item item : audience.items()) {
                lines.add("  " + (item.breaking() ? "[breaking] " : "") + item.title() + " (" + item.change() + ", risk "
                        + item.risk().planName() + ", rollback " + item.rollback().name().toLowerCase(Locale.ROOT) + ")");
                item.actions().forEach(action -> lines.add("    - " + action));
                if (!item.rollbackDetail().isEmpty()) {
                    lines.add("    rollback: " + item.rollbackDetail());
                }
            }
        }
        if (!report.migrations().isEmpty()) {
            lines.add("");
            lines.add("Migrations:");
            report.migrations().forEach(migration -> lines.add("  " + migration.label() + " " + migration.classification()
                    + ", " + migration.reversibility() + (migration.blockingFindings() > 0
                            ? ", " + migration.blockingFindings() + " blocking lint findings" : "")
                    + (migration.changes().isEmpty() ? "" : " (" + String.join(", ", migration.changes()) + ")")));
        }
        if (!report.undeclared().isEmpty()) {
            lines.add("");
            lines.add("Undeclared (the release's files change this, the plan does not say so):");
            report.undeclared().forEach(item -> lines.add("  - " + item.message()));
        }
        if (!report.followUps().isEmpty()) {
            lines.add("");
            lines.add("Follow-ups (moved out of this release):");
            report.followUps().forEach(item -> lines.add("  - " + item.title() + " (" + item.change() + "): " + item.reason()));
        }
        report.notes().forEach(note -> lines.add("note: " + note));
        return lines;
    }

    /** As Markdown. */
    public static String markdown(ImpactReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# Impact of ").append(report.product()).append(' ').append(report.version())
                .append(report.previous().map(previous -> " (from " + previous + ")").orElse("")).append("\n\n");
        md.append(report.breakingChanges()).append(" breaking changes.");
        report.pointOfNoReturn().ifPresent(point -> md.append(" **Point of no return:** ").append(point.message())
                .append('.'));
        md.append("\n");
        for (ImpactReport.AudienceImpact audience : report.audiences()) {
            md.append("\n## ").append(title(audience.audience())).append("\n\n");
            md.append("| Change | Breaking | Risk | What to do | Rollback |\n|---|---|---|---|---|\n");
            for (ImpactReport.Item item : audience.items()) {
                md.append("| ").append(cell(item.title())).append(" | ").append(item.breaking() ? "yes" : "no")
                        .append(" | ").append(item.risk().planName()).append(" | ")
                        .append(cell(String.join("; ", item.actions()))).append(" | ")
                        .append(item.rollback().name().toLowerCase(Locale.ROOT))
                        .append(item.rollbackDetail().isEmpty() ? "" : ": " + cell(item.rollbackDetail())).append(" |\n");
            }
        }
        if (!report.migrations().isEmpty()) {
            md.append("\n## Migrations\n\n| Migration | Class | Reversible | Blocking findings |\n|---|---|---|---|\n");
            report.migrations().forEach(migration -> md.append("| ").append(migration.file()).append(" | ")
                    .append(migration.classification()).append(" | ").append(cell(migration.reversibility())).append(" | ")
                    .append(migration.blockingFindings()).append(" |\n"));
        }
        if (!report.undeclared().isEmpty()) {
            md.append("\n## Undeclared\n\n");
            report.undeclared().forEach(item -> md.append("- ").append(item.message()).append('\n'));
        }
        if (!report.followUps().isEmpty()) {
            md.append("\n## Follow-ups\n\n");
            report.followUps().forEach(item -> md.append("- **").append(item.title()).append("**: ").append(item.reason())
                    .append('\n'));
        }
        return md.toString();
    }

    static String title(dev.gantry.plan.Change.Audience audience) {
        return switch (audience) {
            case CUSTOMERS -> "Customers";
            case OPERATORS -> "Operators";
            case DOWNSTREAM -> "Downstream consumers";
            case SUPPORT -> "Support";
            case INTERNAL -> "Internal";
        };
    }

    static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
