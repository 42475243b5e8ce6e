package dev.gantry.migrate.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReportFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SQL =
            "SET lock_timeout = '1s';\nSET statement_timeout = '1min';\nALTER TABLE users DROP COLUMN legacy;\nCREATE TABLE t (c varchar(10));\n";

    private static LintReport report() {
        return MigrationLinter.lintSql("V3__drop.sql", SQL, LintSettings.defaults());
    }

    @Nested
    class Text {
        @Test
        void render_eachFinding_isFileLineColSeverityRuleMessageAndFix() {
            String text = LintReportText.render(report());
            assertThat(text).containsPattern("(?m)^V3__drop\\.sql:3:19: blocking drop-column: column users\\.legacy is dropped .*; stop using the column");
            assertThat(text).containsPattern("(?m)^V3__drop\\.sql:4:\\d+: warning prefer-text: ");
            assertThat(text).contains("past V3, rolling the application back is unsafe");
        }
    }

    @Nested
    class Json {
        @Test
        void render_hasTheDocumentedStableShape() throws Exception {
            JsonNode root = JSON.readTree(LintReportJson.render(report()));
            assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
            assertThat(root.at("/settings/pgVersion").asInt()).isEqualTo(15);
            assertThat(root.at("/summary/passed").asBoolean()).isFalse();
            assertThat(root.at("/summary/blocking").asInt()).isPositive();
            assertThat(root.at("/pointOfNoReturn/migration").asText()).isEqualTo("V3");
            assertThat(root.at("/migrations/0/classification").asText()).isEqualTo("destructive");
            assertThat(root.at("/migrations/0/reversibility/kind").asText()).isEqualTo("irreversible");
            JsonNode finding = root.at("/findings/0");
            assertThat(finding.get("ruleId").asText()).isEqualTo("drop-column");
            assertThat(finding.get("severity").asText()).isEqualTo("blocking");
            assertThat(finding.get("file").asText()).isEqualTo("V3__drop.sql");
            assertThat(finding.get("line").asInt()).isEqualTo(3);
            assertThat(finding.get("column").asInt()).isEqualTo(19);
            assertThat(finding.at("/equivalents/squawk/0").asText()).isEqualTo("ban-drop-column");
            assertThat(finding.at("/equivalents/atlas/0").asText()).isEqualTo("DS103");
            assertThat(finding.get("fix").asText()).isNotBlank();
        }

        @Test
        void render_noPointOfNoReturn_isNull() throws Exception {
            JsonNode root = JSON.readTree(LintReportJson.render(MigrationLinter.lintSql("V1__a.sql", "SELECT 1;", LintSettings.defaults())));
            assertThat(root.get("pointOfNoReturn").isNull()).isTrue();
            assertThat(root.at("/summary/passed").asBoolean()).isTrue();
            assertThat(root.at("/migrations/0/reversibility/inverse").isArray()).isTrue();
        }
    }

    @Nested
    class Sarif {
        @Test
        void render_isSarif210WithRulesAndLocatedResults() throws Exception {
            JsonNode root = JSON.readTree(LintReportSarif.render(report()));
            assertThat(root.get("version").asText()).isEqualTo("2.1.0");
            assertThat(root.get("$schema").asText()).contains("sarif-2.1.0");
            JsonNode run = root.at("/runs/0");
            JsonNode rules = run.at("/tool/driver/rules");
            assertThat(rules.size()).isEqualTo(Rules.all().size());
            assertThat(run.at("/tool/driver/name").asText()).isNotBlank();
            JsonNode results = run.get("results");
            assertThat(results.size()).isEqualTo(report().findings().size());
            JsonNode first = results.get(0);
            assertThat(first.get("ruleId").asText()).isEqualTo("drop-column");
            assertThat(first.get("level").asText()).isEqualTo("error");
            assertThat(rules.get(first.get("ruleIndex").asInt()).get("id").asText()).isEqualTo("drop-column");
            assertThat(first.at("/message/text").asText()).isNotBlank();
            assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("V3__drop.sql");
            assertThat(first.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(3);
            assertThat(first.at("/locations/0/physicalLocation/region/startColumn").asInt()).isEqualTo(19);
            assertThat(results.findValuesAsText("level")).contains("warning");
        }
    }
}
