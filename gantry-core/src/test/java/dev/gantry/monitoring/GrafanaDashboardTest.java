package dev.gantry.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrafanaDashboardTest {
    static JsonNode dashboard(String example) throws Exception {
        return new ObjectMapper().readTree(GrafanaDashboard.of(PrometheusRulesTest.example(example)));
    }

    static List<String> titles(JsonNode dashboard, String type) {
        List<String> titles = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> {
            if (panel.get("type").asText().equals(type)) {
                titles.add(panel.get("title").asText());
            }
        });
        return titles;
    }

    @Test
    void of_invoicing_hasAPanelPerGuardAlertBusinessAndSuccessMetric() throws Exception {
        JsonNode dashboard = dashboard("invoicing-launch");

        assertThat(dashboard.get("schemaVersion").asInt()).isEqualTo(39);
        assertThat(dashboard.at("/templating/list/0/name").asText()).isEqualTo("DS_PROMETHEUS");
        assertThat(dashboard.at("/templating/list/0/query").asText()).isEqualTo("prometheus");
        assertThat(titles(dashboard, "row")).containsExactly("Rollout guards", "Alerts", "Business metrics", "Success metrics");
        assertThat(titles(dashboard, "timeseries")).hasSize(4 + 4 + 4 + 4)
                .contains("error-rate guard", "Invoice creation rate", "Invoices created in week 1");
        dashboard.get("panels").forEach(panel -> {
            if (panel.get("type").asText().equals("timeseries")) {
                assertThat(panel.at("/datasource/uid").asText()).isEqualTo("${DS_PROMETHEUS}");
                assertThat(panel.at("/targets/0/expr").asText()).isNotBlank();
            }
        });
    }

    @Test
    void of_guardPanel_drawsTheThresholdRedOnTheBreachSide() throws Exception {
        JsonNode dashboard = dashboard("invoicing-launch");
        JsonNode errorRate = panel(dashboard, "error-rate guard");
        JsonNode delivery = panel(dashboard, "email-delivery-rate guard");

        assertThat(errorRate.at("/fieldConfig/defaults/thresholds/steps/1/value").asDouble()).isEqualTo(0.01);
        assertThat(errorRate.at("/fieldConfig/defaults/thresholds/steps/1/color").asText()).isEqualTo("red");
        assertThat(errorRate.at("/fieldConfig/defaults/custom/thresholdsStyle/mode").asText()).isEqualTo("line+area");
        assertThat(errorRate.at("/fieldConfig/defaults/unit").asText()).isEqualTo("percentunit");
        assertThat(delivery.at("/fieldConfig/defaults/thresholds/steps/0/color").asText()).isEqualTo("red");
        assertThat(delivery.at("/fieldConfig/defaults/thresholds/steps/1/value").asDouble()).isEqualTo(0.9);
    }

    @Test
    void of_panels_doNotOverlapAndIdsAreUnique() throws Exception {
        JsonNode dashboard = dashboard("gonthia-crm-1.0");
        List<String> cells = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> {
            ids.add(panel.get("id").asInt());
            JsonNode grid = panel.get("gridPos");
            for (int y = grid.get("y").asInt(); y < grid.get("y").asInt() + grid.get("h").asInt(); y++) {
                for (int x = grid.get("x").asInt(); x < grid.get("x").asInt() + grid.get("w").asInt(); x++) {
                    cells.add(x + "," + y);
                }
            }
        });

        assertThat(cells).doesNotHaveDuplicates();
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void of_samePlan_isByteIdentical() {
        assertThat(GrafanaDashboard.of(PrometheusRulesTest.example("platform-v1.2")))
                .isEqualTo(GrafanaDashboard.of(PrometheusRulesTest.example("platform-v1.2")));
    }

    static JsonNode panel(JsonNode dashboard, String title) {
        for (JsonNode panel : dashboard.get("panels")) {
            if (panel.get("title").asText().equals(title)) {
                return panel;
            }
        }
        throw new AssertionError("no panel " + title);
    }
}
