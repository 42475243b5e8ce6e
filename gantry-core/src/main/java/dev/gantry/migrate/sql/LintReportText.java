package dev.gantry.migrate.sql;

import java.util.Locale;

/**
 * Renders a {@link LintReport} as text: one line per finding
 * ({@code file:line:col: severity rule-id: message; how to fix}), then one line per
 * migration (classification and reversibility), then the point of no return. Stateless.
 */
public final class LintReportText {
    private LintReportText() {}

    public static String render(LintReport report) {
        StringBuilder out = new StringBuilder();
        for (Finding f : report.findings()) {
            out.append(f.file()).append(':').append(f.line()).append(':').append(f.column()).append(": ")
                    .append(f.severity().label()).append(' ').append(f.ruleId()).append(": ")
                    .append(f.message()).append("; ").append(lowerFirst(f.rule().fix())).append('\n');
        }
        if (!report.findings().isEmpty()) {
            out.append('\n');
        }
        out.append("migrations:\n");
        for (MigrationResult m : report.migrations()) {
            out.append("  ").append(m.migration().label()).append("  ")
                    .append(m.classification().name().toLowerCase(Locale.ROOT));
            if (m.classification() != ChangeClass.EXPAND) {
                out.append(" (line ").append(m.classificationLine()).append(": ").append(m.classificationReason()).append(')');
            }
            out.append("; ").append(describe(m.reversibility())).append('\n');
        }
        out.append(report.pointOfNoReturn().map(PointOfNoReturn::message)
                .orElse("no point of no return: every migration keeps the previous application version working")).append('\n');
        long blocking = report.findings().stream().filter(Finding::blocking).count();
        long warnings = report.findings().size() - blocking;
        out.append(report.migrations().size()).append(report.migrations().size() == 1 ? " file, " : " files, ")
                .append(blocking).append(" blocking, ").append(warnings).append(warnings == 1 ? " warning" : " warnings").append('\n');
        return out.toString();
    }

    private static String describe(Reversibility reversibility) {
        return switch (reversibility) {
            case Reversibility.UndoFile u -> "reversible: undo file " + u.path().getFileName();
            case Reversibility.Derivable d -> d.inverse().isEmpty() ? "reversible: nothing to undo" : "reversible: inverse derivable (" + d.inverse().size() + (d.inverse().size() == 1 ? " statement)" : " statements)");
            case Reversibility.Irreversible i -> "irreversible (line " + i.line() + ": " + i.reason() + ")";
        };
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
