package dev.gantry.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.plan.CheckSpec.Slo.Criterion;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.plan.Threshold.Operator;
import dev.gantry.testing.PrometheusServer;
import dev.gantry.testing.TestHttpServer;
import dev.gantry.testing.TestHttpServer.Answer;
import dev.gantry.testing.TestPlans;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SloCheckTest {
    private static final Criterion BELOW_600 = new Criterion(Operator.LESS, 600, false, false, "<600");
    private static final Criterion AT_MOST_10_PERCENT_UP = new Criterion(Operator.LESS_OR_EQUAL, 10, true, true, "<=+10%");
    private static final Criterion AT_MOST_50_UP = new Criterion(Operator.LESS_OR_EQUAL, 50, true, false, "<=+50");

    @Nested
    class Criteria {
        @Test
        void holds_allCriteriaOfAListHold_isTrue() {
            assertThat(SloCheck.holds(List.of(List.of(BELOW_600, AT_MOST_10_PERCENT_UP)), 450, Optional.of(420.0))).isTrue();
        }

        @Test
        void holds_oneCriterionOfTheOnlyListFails_isFalse() {
            // 500 is under 600 but more than 10% above the baseline 420 (bound 462)
            assertThat(SloCheck.holds(List.of(List.of(BELOW_600, AT_MOST_10_PERCENT_UP)), 500, Optional.of(420.0))).isFalse();
        }

        @Test
        void holds_anotherListHolds_isTrue() {
            assertThat(SloCheck.holds(List.of(List.of(BELOW_600, AT_MOST_10_PERCENT_UP), List.of(AT_MOST_50_UP)), 465,
                    Optional.of(420.0))).isTrue();
        }

        @Test
        void holds_relativeWithoutBaseline_isFalse() {
            assertThat(SloCheck.holds(List.of(List.of(AT_MOST_10_PERCENT_UP)), 1, Optional.empty())).isFalse();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AgainstPrometheus {
        @TempDir
        Path dir;

        private TestHttpServer app;
        private PrometheusServer prometheus;

        @BeforeAll
        void start() {
            String metrics = """
                    # TYPE shop_latency_p95_ms gauge
                    shop_latency_p95_ms{window="now"} 450
                    shop_latency_p95_ms{window="baseline"} 420
                    # TYPE shop_error_ratio gauge
                    shop_error_ratio 0.02
                    """;
            app = TestHttpServer.start().on("/metrics", exchange -> Answer.of(200, metrics));
            prometheus = PrometheusServer.scraping(app.url() + "/metrics");
            prometheus.awaitQuery("shop_error_ratio");
        }

        @AfterAll
        void stop() {
            if (prometheus != null) {
                prometheus.close();
            }
            app.close();
        }

        private GateReport run(String objectives, String scores) {
            ReleasePlan plan = TestPlans.write(dir, TestPlans.HEAD + "gates:\n  reliability:\n"
                    + "    - id: slo\n      title: SLOs met\n      check:\n        type: slo\n"
                    + "        url: \"${PROM}\"\n" + scores + "        objectives:\n" + objectives.indent(8));
            return GateEngine.builder().variables(name -> Optional.ofNullable(Map.of("PROM", prometheus.url()).get(name)))
                    .build().run(plan, Optional.empty(), List.of(), List.of(), GateListener.NONE);
        }

        private static final String LATENCY = """
                  - { sli: p95, query: 'shop_latency_p95_ms{window="now"}', baselineQuery: 'shop_latency_p95_ms{window="baseline"}',
                      pass: ["<600", "<=+10%"], warning: ["<800"] }
                """;

        @Test
        void evaluate_onePassOneWarning_scores75AndWarns() {
            GateReport report = run(LATENCY + """
                      - { sli: errors, query: shop_error_ratio, pass: ["<0.01"], warning: ["<0.05"] }
                    """, "        passScore: 90\n        warningScore: 75\n");

            ItemResult result = report.results().getFirst();
            assertThat(result.status()).isEqualTo(CheckStatus.WARN);
            assertThat(result.result().reason()).startsWith("score 75% (pass at 90%, warning at 75%)");
            assertThat(result.result().evidence()).anyMatch(line -> line.startsWith("p95: 450 vs baseline 420 -> pass"));
            assertThat(report.verdict()).isEqualTo(Verdict.GO);
        }

        @Test
        void evaluate_failedKeyObjective_failsWhateverTheScore() {
            GateReport report = run(LATENCY + """
                      - { sli: errors, query: shop_error_ratio, pass: ["<0.01"], key: true }
                    """, "        passScore: 50\n        warningScore: 10\n");

            ItemResult result = report.results().getFirst();
            assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(result.result().reason()).startsWith("key objective errors failed");
            assertThat(report.verdict()).isEqualTo(Verdict.NO_GO);
        }

        @Test
        void evaluate_queryWithoutData_failsThatObjective() {
            GateReport report = run("""
                      - { sli: missing, query: shop_no_such_metric, pass: ["<1"] }
                    """, "");

            assertThat(report.results().getFirst().status()).isEqualTo(CheckStatus.FAIL);
            assertThat(report.results().getFirst().result().evidence())
                    .anyMatch(line -> line.contains("missing: no value (the query returned 0 series"));
        }
    }
}
