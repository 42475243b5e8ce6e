package dev.gantry.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.gantry.plan.LoadResult;
import dev.gantry.plan.PlanLoader;
import dev.gantry.plan.ReleasePlan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class PrometheusRulesTest {
    static final List<String> EXAMPLES = List.of("platform-v1.2", "gonthia-crm-1.0", "invoicing-launch");

    static ReleasePlan example(String name) {
        return dev.gantry.testing.TestPlans.example(name);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rules(String yaml) {
        Map<String, Object> file = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
        return ((List<Map<String, Object>>) file.get("groups")).stream()
                .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream()).toList();
    }

    @Nested
    class Structure {
        @Test
        @SuppressWarnings("unchecked")
        void of_invoicing_comparesEachQueryWithItsThresholdAsARatio() {
            List<Map<String, Object>> rules = rules(PrometheusRules.of(example("invoicing-launch")));

            assertThat(rules).extracting(rule -> rule.get("alert")).containsExactly("ErrorRateGuard", "P95LatencyGuard",
                    "EmailDeliveryRateGuard", "UploadFailuresGuard", "ErrorRate", "ApiP95", "EmailDelivery", "UploadFailures");
            Map<String, Object> delivery = rules.get(2);
            assertThat(delivery.get("expr")).isEqualTo(
                    "(sum(rate(emails_delivered_total[15m])) / sum(rate(emails_sent_total[15m]))) < 0.9");
            assertThat(delivery.get("for")).isEqualTo("15m");
            assertThat((Map<String, Object>) delivery.get("labels")).containsEntry("severity", "warning")
                    .containsEntry("release", "2.0.0").containsEntry("product", "Invoicing");
            assertThat((Map<String, Object>) rules.get(0).get("labels")).containsEntry("severity", "critical")
                    .containsEntry("action", "rollback");
            assertThat((Map<String, Object>) rules.get(0).get("annotations")).containsKeys("summary", "description")
                    .containsEntry("runbook", "ROLLBACK-PROCEDURE.md");
            assertThat(rules.get(1).get("expr").toString()).endsWith(") > 2");
        }

        @Test
        void of_platform_listsTheSdkGuardAsACommentNotARule() {
            String yaml = PrometheusRules.of(example("platform-v1.2"));

            assertThat(yaml).contains("# Guard billing-errors (sdk) is evaluated by the Gantry server");
            assertThat(rules(yaml)).extracting(rule -> rule.get("alert")).doesNotContain("BillingErrorsGuard");
        }

        @Test
        void of_sameplan_isDeterministic() {
            assertThat(PrometheusRules.of(example("gonthia-crm-1.0"))).isEqualTo(PrometheusRules.of(example("gonthia-crm-1.0")));
        }
    }

    @Nested
    class Promtool {
        @TempDir
        Path dir;

        @TestFactory
        Stream<DynamicTest> of_everyExample_passesPromtoolCheckRules() {
            return EXAMPLES.stream().map(example -> DynamicTest.dynamicTest(example, () -> {
                Path promtool = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator))
                        .map(entry -> Path.of(entry, "promtool")).filter(Files::isExecutable).findFirst()
                        .orElse(Path.of("/usr/bin/promtool"));
                if (!Files.isExecutable(promtool)) {
                    if ("true".equals(System.getenv("GANTRY_CI_STRICT"))) {
                        fail("promtool is missing and GANTRY_CI_STRICT=true: install Debian's 'prometheus' package");
                    }
                    Assumptions.abort("promtool is missing: install Debian's 'prometheus' package to run this test");
                }
                Path file = dir.resolve(example + ".rules.yml");
                Files.writeString(file, PrometheusRules.of(example(example)), StandardCharsets.UTF_8);
                Process process = new ProcessBuilder(promtool.toString(), "check", "rules", file.toString())
                        .redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(process.exitValue()).as("promtool check rules:\n%s", output).isZero();
                assertThat(output).contains("SUCCESS: " + rules(Files.readString(file)).size() + " rules found");
            }));
        }
    }

    @Nested
    class Names {
        @Test
        void camel_kebabAndDigits_becomeCamelCase() {
            assertThat(Watch.camel("error-rate")).isEqualTo("ErrorRate");
            assertThat(Watch.camel("p95_latency.api")).isEqualTo("P95LatencyApi");
            assertThat(Watch.camel("5xx")).isEqualTo("Gantry5xx");
        }
    }
}
