package dev.gantry.migrate.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link LintReport} as SARIF 2.1.0 for code-scanning tools: every rule in
 * {@code runs[0].tool.driver.rules}, every finding a result with its rule, level and
 * location. Stateless and thread-safe.
 */
public final class LintReportSarif {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LintReportSarif() {}

    public static String render(LintReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "gantry-migrate-lint");
        driver.put("informationUri", "https://github.com/gantry-dev/gantry/blob/main/docs/migration-lint.md");
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> index = new HashMap<>();
        List<Rule> all = Rules.all();
        for (int i = 0; i < all.size(); i++) {
            Rule rule = all.get(i);
            index.put(rule.id(), i);
            ObjectNode node = rules.addObject();
            node.put("id", rule.id());
            node.put("name", rule.id());
            node.putObject("shortDescription").put("text", rule.title());
            node.putObject("fullDescription").put("text", rule.why());
            node.putObject("help").put("text", rule.fix() + "\n\n" + rule.example());
            node.putObject("defaultConfiguration").put("level", level(rule.severity()));
            ObjectNode properties = node.putObject("properties");
            ArrayNode squawk = properties.putArray("squawk");
            rule.equivalents().squawk().forEach(squawk::add);
            ArrayNode atlas = properties.putArray("atlas");
            rule.equivalents().atlas().forEach(atlas::add);
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : report.findings()) {
            ObjectNode result = results.addObject();
            result.put("ruleId", f.ruleId());
            result.put("ruleIndex", index.get(f.ruleId()));
            result.put("level", level(f.severity()));
            result.putObject("message").put("text", f.message() + "; " + f.rule().fix());
            ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", LintReportJson.uri(f.file()));
            ObjectNode region = physical.putObject("region");
            region.put("startLine", f.line());
            region.put("startColumn", f.column());
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the lint report could not be written as SARIF", e);
        }
    }

    private static String level(Severity severity) {
        return severity == Severity.BLOCKING ? "error" : "warning";
    }
}
