package dev.gantry.cli.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandsTest {
    static final String INVOICING = CliRun.example("invoicing-launch");

    @Test
    void prometheusRules_stdout_isTheRulesFile() {
        CliRun run = CliRun.of("export", "prometheus-rules", INVOICING);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("groups:\n  - name: \"invoicing-2.0.0-rollout-guards\"")
                .contains("      - alert: ErrorRateGuard\n")
                .contains("expr: \"(sum(rate(file_uploads_failed_total[5m])) / sum(rate(file_uploads_total[5m]))) > 0.05\"");
    }

    @Test
    void prometheusRules_out_writesTheSameFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("alerts/rules.yml");

        CliRun run = CliRun.of("export", "prometheus-rules", INVOICING, "--out", target.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("wrote " + target + "\n");
        assertThat(Files.readString(target)).isEqualTo(CliRun.of("export", "prometheus-rules", INVOICING).out());
    }

    @Test
    void grafana_out_writesADashboard(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("dashboard.json");

        CliRun run = CliRun.of("export", "grafana", INVOICING, "--out", target.toString());

        assertThat(run.exitCode()).isZero();
        JsonNode dashboard = new ObjectMapper().readTree(target.toFile());
        assertThat(dashboard.get("title").asText()).isEqualTo("Invoicing 2.0.0 release");
        assertThat(dashboard.get("panels").size()).isGreaterThan(10);
    }

    @Test
    void export_invalidPlan_exits2(@TempDir Path dir) throws Exception {
        Path plan = Files.writeString(dir.resolve("release.yaml"), "apiVersion: gantry/v1\n");

        CliRun run = CliRun.of("export", "grafana", plan.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not a valid release plan");
    }
}
