package dev.gantry.cli.impact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {
    static final String PLATFORM = CliRun.example("platform-v1.2");

    @Test
    void analyze_text_groupsByAudienceWithPointOfNoReturn() {
        CliRun run = CliRun.of("analyze", PLATFORM);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Impact of platform 1.2.0 (from 1.0.0): 5 breaking changes")
                .contains("Point of no return: past V5").contains("\nOperators:\n").contains("\nDownstream consumers:\n")
                .contains("[breaking] accounts.plan is renamed price_id (plan-to-price-column, risk critical, rollback unsafe)");
    }

    @Test
    void analyze_jsonAndMarkdown_carryTheSameFacts() throws Exception {
        JsonNode json = new ObjectMapper().readTree(CliRun.of("analyze", PLATFORM, "--output", "json").out());
        String markdown = CliRun.of("analyze", PLATFORM, "--output", "markdown").out();

        assertThat(json.at("/pointOfNoReturn/migration").asText()).isEqualTo("V5");
        assertThat(json.get("audiences")).hasSize(5);
        assertThat(markdown).startsWith("# Impact of platform 1.2.0 (from 1.0.0)").contains("## Operators")
                .contains("| V5__rename_plan_to_price.sql | contract |");
    }

    @Test
    void docsMigration_writesTheGuide(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("MIGRATION.md");

        CliRun run = CliRun.of("docs", "migration", PLATFORM, "--out", target.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(Files.readString(target)).startsWith("# Upgrading platform from 1.0.0 to 1.2.0")
                .isEqualTo(CliRun.of("docs", "migration", PLATFORM).out());
    }
}
