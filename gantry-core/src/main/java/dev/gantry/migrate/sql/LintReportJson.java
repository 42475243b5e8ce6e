package dev.gantry.migrate.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link LintReport} as JSON in the stable shape documented in
 * docs/migration-lint.md ({@code "schemaVersion": 1}). Stateless and thread-safe.
 */
public final class LintReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LintReportJson() {}

    public static String render(LintReport report) {
        try {
            return MAPPER.writeValueAsString(toTree(report)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the lint report could not be written as JSON", e);
        }
    }

    /** The report as a Jackson tree, for callers that embed it in a larger document. */
    public static ObjectNode toTree(LintReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", 1);
        ObjectNode settings = root.putObject("settings");
        settings.put("pgVersion", report.settings().pgVersion());
        settings.put("assumeInTransaction", report.settings().assumeInTransaction());
        long blocking = report.findings().stream().filter(Finding::blocking).count();
        ObjectNode summary = root.putObject("summary");
        summary.put("files", report.migrations().size());
        summary.put("findings", report.findings().size());
        summary.put("blocking", blocking);
        summary.put("warnings", report.findings().size() - blocking);
        summary.put("passed", blocking == 0);
        report.pointOfNoReturn().ifPresentOrElse(p -> {
            ObjectNode node = root.putObject("pointOfNoReturn");
            node.put("migration", p.migration().migration().label());
            node.put("file", uri(p.migration().migration().path()));
            node.put("classification", lower(p.migration().classification()));
            node.put("line", p.migration().classificationLine());
            node.put("reason", p.migration().classificationReason());
            node.put("message", p.message());
        }, () -> root.putNull("pointOfNoReturn"));
        ArrayNode migrations = root.putArray("migrations");
        for (MigrationResult m : report.migrations()) {
            ObjectNode node = migrations.addObject();
            node.put("file", uri(m.migration().path()));
            node.put("kind", lower(m.migration().kind()));
            node.put("version", m.migration().version());
            node.put("description", m.migration().description());
            node.put("classification", lower(m.classification()));
            node.put("classificationReason", m.classificationReason());
            node.put("classificationLine", m.classificationLine());
            ObjectNode rev = node.putObject("reversibility");
            rev.put("kind", m.reversibility().label());
            switch (m.reversibility()) {
                case Reversibility.UndoFile u -> rev.put("undoFile", uri(u.path()));
                case Reversibility.Derivable d -> {
                    ArrayNode inverse = rev.putArray("inverse");
                    d.inverse().forEach(inverse::add);
                }
                case Reversibility.Irreversible i -> {
                    rev.put("reason", i.reason());
                    rev.put("line", i.line());
                }
            }
            node.put("findings", m.findings().size());
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding f : report.findings()) {
            ObjectNode node = findings.addObject();
            node.put("ruleId", f.ruleId());
            node.put("severity", f.severity().label());
            node.put("file", uri(f.file()));
            node.put("line", f.line());
            node.put("column", f.column());
            node.put("message", f.message());
            node.put("title", f.rule().title());
            node.put("why", f.rule().why());
            node.put("fix", f.rule().fix());
            ObjectNode eq = node.putObject("equivalents");
            strings(eq.putArray("squawk"), f.rule().equivalents().squawk());
            strings(eq.putArray("atlas"), f.rule().equivalents().atlas());
        }
        return root;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** A path as written, with forward slashes, so output is the same on every OS. */
    static String uri(Path path) {
        return path.toString().replace('\\', '/');
    }
}
