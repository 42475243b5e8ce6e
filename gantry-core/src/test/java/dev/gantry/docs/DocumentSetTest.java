package dev.gantry.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.docs.template.Template;
import dev.gantry.docs.template.TemplateException;
import dev.gantry.plan.LoadResult;
import dev.gantry.plan.PlanLoader;
import dev.gantry.plan.ReleasePlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class DocumentSetTest {
    static final List<String> EXAMPLES = List.of("platform-v1.2", "gonthia-crm-1.0", "invoicing-launch");

    static Path examples() {
        return dev.gantry.testing.TestPlans.examples();
    }

    static ReleasePlan plan(Path file) {
        LoadResult result = PlanLoader.load(file);
        assertThat(result).as("%s", result instanceof LoadResult.Invalid invalid ? invalid.problems() : "")
                .isInstanceOf(LoadResult.Valid.class);
        return ((LoadResult.Valid) result).plan();
    }

    static ReleasePlan example(String name) {
        return plan(examples().resolve(name).resolve("release.yaml"));
    }

    @Nested
    class Examples {
        @TestFactory
        Stream<DynamicTest> generate_eachExample_matchesItsGoldenDocuments() {
            return EXAMPLES.stream().flatMap(example -> {
                Map<String, String> documents = DocumentSet.generate(example(example), Map.of());
                assertThat(documents.keySet()).containsExactlyElementsOf(DocumentSet.NAMES);
                return documents.entrySet().stream().map(document -> DynamicTest.dynamicTest(
                        example + "/" + document.getKey(),
                        () -> Golden.assertMatches(example + "/" + document.getKey(), document.getValue())));
            });
        }

        @Test
        void generate_twice_givesByteIdenticalDocuments() {
            for (String example : EXAMPLES) {
                assertThat(DocumentSet.generate(example(example), Map.of()))
                        .isEqualTo(DocumentSet.generate(example(example), Map.of()));
            }
        }

        @Test
        void generate_platform_keepsWebhookAndUrlReferencesUnresolved() {
            Map<String, String> documents = DocumentSet.generate(example("platform-v1.2"), Map.of());

            assertThat(documents.get("ROLLBACK-PROCEDURE.md")).contains("`POST ${CLOUD_DEPLOY_ROLLBACK_HOOK}`")
                    .contains("**V5**").contains("restore the pre-release backup");
            assertThat(documents.get("LAUNCH-RUNBOOK.md")).contains("`${PRODUCTION_URL}/api/health` answers HTTP 200")
                    .contains("api:1.2.0 --region").doesNotContain("${release.version}");
        }

        @Test
        void generate_gonthia_coversTheSeedsTablesAndChecklists() {
            Map<String, String> documents = DocumentSet.generate(example("gonthia-crm-1.0"), Map.of());

            assertThat(documents.get("RELEASE-NOTES.md")).contains("### Security", "### Fixed", "### Added",
                    "## Breaking changes", "| Import > 10K rows | Split file | Week 7 |");
            assertThat(documents.get("POST-LAUNCH.md")).contains("- [ ] D0 +24h", "- [ ] D+7 (Fri 2027-01-22)",
                    "## No critical bugs for 48 hours", "| User Signups | >= 100 | prometheus | D+7 (Fri 2027-01-22) | |");
            assertThat(documents.get("SUPPORT.md")).contains("| 2 | On-call engineer | PagerDuty |",
                    "| Week 2 | D+7, Fri 2027-01-22 | D+13, Thu 2027-01-28 | alex.moreau | jun.ito |");
            assertThat(documents.get("ROLLBACK-PROCEDURE.md")).contains("- Authentication completely broken",
                    "guard `error-rate` (value > 5% for 5m)");
        }
    }

    @Nested
    class Overrides {
        @Test
        void generate_override_replacesOnlyThatDocument() {
            ReleasePlan plan = example("invoicing-launch");

            Map<String, String> documents = DocumentSet.generate(plan,
                    Map.of("SUPPORT.md", "Escalate to {{oncall.primary}} for {{release.product}}.\n"));

            assertThat(documents.get("SUPPORT.md")).isEqualTo("Escalate to kai.nakamura for Invoicing.\n");
            assertThat(documents.get("RELEASE-NOTES.md")).isEqualTo(DocumentSet.generate(plan, Map.of()).get("RELEASE-NOTES.md"));
        }

        @Test
        void generate_overrideWithUnknownName_failsWithPosition() {
            assertThatThrownBy(() -> DocumentSet.generate(example("invoicing-launch"),
                    Map.of("POST-LAUNCH.md", "# Checks\n\n{{postLaunch.criticalBugWindw}}\n")))
                    .isInstanceOf(TemplateException.class)
                    .hasMessageStartingWith("POST-LAUNCH.md:3:1: 'postLaunch' has no 'criticalBugWindw' (did you mean 'criticalBugWindow'?)");
        }

        @Test
        void generate_overrideNotADocument_isRefused() {
            assertThatThrownBy(() -> DocumentSet.generate(example("invoicing-launch"), Map.of("NOTES.md", "x")))
                    .hasMessageContaining("NOTES.md is not a document");
        }

        @Test
        void builtInTemplate_rendersTheBuiltInDocument() {
            ReleasePlan plan = example("platform-v1.2");

            assertThat(DocumentSet.generate(plan, Map.of("SUPPORT.md", DocumentSet.builtInTemplate("SUPPORT.md"),
                    "MIGRATION.md", DocumentSet.builtInTemplate("MIGRATION.md"))))
                    .isEqualTo(DocumentSet.generate(plan, Map.of()));
        }
    }

    @Nested
    class CommunicationTemplates {
        @TestFactory
        Stream<DynamicTest> render_everyExampleCommunicationTemplate_compilesAndRenders() {
            return EXAMPLES.stream().flatMap(example -> {
                ReleasePlan plan = example(example);
                return plan.communications().stream().filter(c -> c.template().isPresent()).map(c -> DynamicTest.dynamicTest(
                        example + "/" + c.template().get(), () -> {
                            Path file = plan.resolve(c.template().get());
                            String text = Template.compile(c.template().get(), Files.readString(file, StandardCharsets.UTF_8))
                                    .render(ReleaseContext.forCommunication(plan, c.id()));
                            assertThat(text).isNotBlank().doesNotContain("{{").doesNotContain("}}");
                        }));
            });
        }

        @Test
        void render_gonthiaSupportBrief_listsKnownIssues() throws IOException {
            ReleasePlan plan = example("gonthia-crm-1.0");
            String source = Files.readString(plan.resolve("templates/support-brief.md"));

            String text = Template.compile("support-brief.md", source).render(ReleaseContext.forCommunication(plan, "support-email"));

            assertThat(text).contains("Gonthia CRM 1.0.0 launches on 2027-01-15.")
                    .contains("- Import > 10K rows: Split file (fix expected Week 7)\n- No email invites: Share link manually");
        }
    }

    @Nested
    class SparsePlan {
        @TempDir
        Path dir;

        @Test
        void generate_minimalPlan_saysWhatIsMissingInsteadOfEmptyTables() throws IOException {
            Path file = Files.writeString(dir.resolve("release.yaml"),
                    "apiVersion: gantry/v1\nrelease: { product: shop, version: 2.0.0, owner: ana, target: 2026-06-01 }\n");

            Map<String, String> documents = DocumentSet.generate(plan(file), Map.of());

            assertThat(documents.get("LAUNCH-RUNBOOK.md")).contains("The plan lists no timeline events",
                    "The plan declares no gates.", "The plan declares no deployment steps.", "No progressive rollout")
                    .doesNotContain("| Day | Date | What | Owner |");
            assertThat(documents.get("ROLLBACK-PROCEDURE.md")).contains("The plan lists no rollback steps: write them before launch.");
            assertThat(documents.get("SUPPORT.md")).contains("The plan names no escalation path: ask the release owner, ana.");
            assertThat(documents.get("POST-LAUNCH.md")).contains("- [ ] D0 +24h", "- [ ] D+6 (Sun 2026-06-07)");
        }
    }

    @Nested
    class Secrets {
        @TempDir
        Path dir;

        @Test
        void generate_planWithReferencesAndInlineSecret_showsReferencesAndHidesInlineValue() throws IOException {
            Path file = dir.resolve("release.yaml");
            Files.writeString(file, """
                    apiVersion: gantry/v1
                    release: { product: shop, version: 2.0.0, previous: 1.9.0, owner: ana, target: 2026-06-01 }
                    rollback:
                      steps:
                        - { name: Roll back, run: "deploy --to ${release.previous} --token $DEPLOY_TOKEN" }
                      webhooks:
                        - { name: Platform rollback, url: "${CANARY_ROLLBACK_HOOK}", method: POST, headers: { Authorization: "Bearer ${CANARY_TOKEN}" } }
                        - { name: Inline hook, url: "https://hooks.example.com/s3cr3t-canary-path", method: POST }
                    """);

            String all = String.join("\n", DocumentSet.generate(plan(file), Map.of()).values());

            assertThat(all).contains("`POST ${CANARY_ROLLBACK_HOOK}`, header `Authorization: Bearer ${CANARY_TOKEN}`")
                    .contains("`POST <hidden>`").doesNotContain("s3cr3t-canary-path")
                    .contains("deploy --to 1.9.0 --token $DEPLOY_TOKEN");
        }
    }
}
