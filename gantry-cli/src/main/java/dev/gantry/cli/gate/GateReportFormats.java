package dev.gantry.cli.gate;

import dev.gantry.gate.CheckStatus;
import dev.gantry.gate.GateReport;
import dev.gantry.gate.ItemResult;
import dev.gantry.gate.Waiver;
import dev.gantry.json.GantryJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Renders a {@link GateReport} as text, JSON, Markdown or JUnit XML. */
final class GateReportFormats {
    private GateReportFormats() {}

    /** The live line for one finished check. */
    static String line(ItemResult result) {
        return String.format(Locale.ROOT, "%-7s %s/%s: %s (%s)%s", result.status(), result.category(),
                result.item().id(), result.result().reason(), millis(result.duration()),
                result.item().required() ? "" : " [optional]");
    }

    static String text(GateReport report) {
        StringBuilder out = new StringBuilder();
        out.append('\n').append(counts(report)).append('\n');
        for (GateReport.Waived waived : report.waived()) {
            out.append("waived   ").append(waived.result().item().id()).append(" (").append(waived.result().status())
                    .append("): ").append(waived.waiver().reason()).append(" — granted by ")
                    .append(waived.waiver().grantedBy()).append(", expires ").append(waived.waiver().expires()).append('\n');
        }
        for (Waiver expired : report.expiredWaivers()) {
            out.append("expired  waiver for ").append(expired.item()).append(" by ").append(expired.grantedBy())
                    .append(" expired ").append(expired.expires()).append(" and no longer counts\n");
        }
        for (ItemResult blocking : report.blocking()) {
            out.append("blocking ").append(blocking.item().id()).append(" (").append(blocking.item().title())
                    .append("): ").append(blocking.status()).append(", ").append(blocking.result().reason()).append('\n');
        }
        out.append("verdict: ").append(report.verdict().label());
        return out.toString();
    }

    private static String counts(GateReport report) {
        List<String> parts = new ArrayList<>();
        for (CheckStatus status : CheckStatus.values()) {
            long count = report.count(status);
            if (count > 0) {
                parts.add(count + " " + status.name().toLowerCase(Locale.ROOT));
            }
        }
        return report.results().size() + " items: " + String.join(", ", parts);
    }

    /** The report as JSON: verdict, blocking and waived ids, and every item with its evidence. */
    static String json(GateReport report) {
        return GantryJson.write(dev.gantry.gate.GateReportJson.fields(report));
    }

    static String markdown(GateReport report, String product) {
        StringBuilder out = new StringBuilder();
        out.append("## Gate: ").append(report.verdict().label()).append(" — ").append(product).append("\n\n");
        out.append("| | Item | Category | Required | Result |\n|---|---|---|---|---|\n");
        for (ItemResult result : report.results()) {
            Optional<GateReport.Waived> waived = report.waived().stream().filter(w -> w.result() == result).findFirst();
            out.append("| ").append(icon(result.status())).append(' ').append(result.status())
                    .append(waived.isPresent() ? " (waived)" : "").append(" | ").append(cell(result.item().title()))
                    .append(" | ").append(result.category()).append(" | ").append(result.item().required() ? "yes" : "no")
                    .append(" | ").append(cell(result.result().reason()))
                    .append(waived.map(w -> "; waived by " + cell(w.waiver().grantedBy()) + " until "
                            + w.waiver().expires() + ": " + cell(w.waiver().reason())).orElse(""))
                    .append(" |\n");
        }
        out.append('\n').append(counts(report)).append('\n');
        return out.toString();
    }

    private static String icon(CheckStatus status) {
        return switch (status) {
            case PASS -> "✅";
            case WARN -> "⚠️";
            case FAIL, ERROR -> "❌";
            case PENDING -> "⏳";
            case SKIPPED -> "⏭️";
        };
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /**
     * JUnit XML: one test suite per category, one test case per item. A blocking item is a
     * failure; an optional item that is not ready, or a skipped check, is skipped; a waived item
     * passes with the waiver in its output.
     */
    static String junit(GateReport report) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        long failures = report.blocking().size();
        out.append("<testsuites name=\"gantry gate\" tests=\"").append(report.results().size()).append("\" failures=\"")
                .append(failures).append("\">\n");
        Map<String, List<ItemResult>> byCategory = new LinkedHashMap<>();
        report.results().forEach(r -> byCategory.computeIfAbsent(r.category(), k -> new ArrayList<>()).add(r));
        for (Map.Entry<String, List<ItemResult>> category : byCategory.entrySet()) {
            long categoryFailures = category.getValue().stream().filter(report.blocking()::contains).count();
            double seconds = category.getValue().stream().mapToLong(r -> r.duration().toMillis()).sum() / 1000.0;
            out.append("  <testsuite name=\"").append(xml(category.getKey())).append("\" tests=\"")
                    .append(category.getValue().size()).append("\" failures=\"").append(categoryFailures)
                    .append("\" time=\"").append(seconds).append("\">\n");
            for (ItemResult result : category.getValue()) {
                out.append("    <testcase classname=\"gate.").append(xml(category.getKey())).append("\" name=\"")
                        .append(xml(result.item().id() + ": " + result.item().title())).append("\" time=\"")
                        .append(result.duration().toMillis() / 1000.0).append("\">");
                String message = result.status() + ": " + result.result().reason();
                Optional<GateReport.Waived> waived = report.waived().stream().filter(w -> w.result() == result).findFirst();
                if (report.blocking().contains(result)) {
                    out.append("\n      <failure message=\"").append(xml(message)).append("\">")
                            .append(xml(String.join("\n", result.result().evidence()))).append("</failure>\n    ");
                } else if (waived.isPresent()) {
                    out.append("\n      <system-out>").append(xml(message + "\nwaived by " + waived.get().waiver().grantedBy()
                            + " until " + waived.get().waiver().expires() + ": " + waived.get().waiver().reason()))
                            .append("</system-out>\n    ");
                } else if (result.status() != CheckStatus.PASS && result.status() != CheckStatus.WARN) {
                    out.append("\n      <skipped message=\"").append(xml(message)).append("\"/>\n    ");
                } else {
                    out.append("\n      <system-out>").append(xml(message + "\n" + String.join("\n", result.result().evidence())))
                            .append("</system-out>\n    ");
                }
                out.append("</testcase>\n");
            }
            out.append("  </testsuite>\n");
        }
        out.append("</testsuites>\n");
        return out.toString();
    }

    private static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + "ms";
    }
}
