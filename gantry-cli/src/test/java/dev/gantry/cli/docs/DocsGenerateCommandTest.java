package dev.gantry.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.cli.CliRun;
import dev.gantry.docs.DocumentSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsGenerateCommandTest {
    static final String GONTHIA = CliRun.example("gonthia-crm-1.0");

    @TempDir
    Path dir;

    @Nested
    class Generate {
        @Test
        void generate_example_writesTheSixDocumentsIdenticallyTwice() throws IOException {
            CliRun first = CliRun.of("docs", "generate", GONTHIA, "--out", dir.resolve("a").toString());
            CliRun second = CliRun.of("docs", "generate", GONTHIA, "--out", dir.resolve("b").toString());

            assertThat(first.exitCode()).isZero();
            assertThat(second.exitCode()).isZero();
            for (String name : DocumentSet.NAMES) {
                assertThat(first.out()).contains("wrote " + dir.resolve("a").resolve(name));
                assertThat(Files.readAllBytes(dir.resolve("a").resolve(name)))
                        .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(name)));
            }
            assertThat(Files.readString(dir.resolve("a/LAUNCH-RUNBOOK.md"))).startsWith("# Gonthia CRM 1.0.0: launch runbook");
        }

        @Test
        void generate_withoutOut_isAUsageError() {
            CliRun run = CliRun.of("docs", "generate", GONTHIA);

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("--out");
        }
    }

    @Nested
    class Templates {
        @Test
        void generate_teamTemplate_replacesThatDocumentOnly() throws IOException {
            Path templates = Files.createDirectories(dir.resolve("templates"));
            Files.writeString(templates.resolve("SUPPORT.md"), """
                    # Support for {{release.product}}
                    {{#each support.knownIssues}}
                    - {{issue}}: {{workaround}}
                    {{/each}}
                    """);

            CliRun run = CliRun.of("docs", "generate", GONTHIA, "--out", dir.resolve("out").toString(),
                    "--templates", templates.toString());

            assertThat(run.exitCode()).isZero();
            assertThat(Files.readString(dir.resolve("out/SUPPORT.md")))
                    .isEqualTo("# Support for Gonthia CRM\n- Import > 10K rows: Split file\n- No email invites: Share link manually\n");
            assertThat(Files.readString(dir.resolve("out/RELEASE-NOTES.md"))).startsWith("# Gonthia CRM 1.0.0: release notes");
        }

        @Test
        void generate_brokenTemplate_exits2NamingTemplateLineAndColumn() throws IOException {
            Path templates = Files.createDirectories(dir.resolve("templates"));
            Files.writeString(templates.resolve("POST-LAUNCH.md"), "# Checks\n{{#each successMetrics}}\n- {{name}}\n");

            CliRun run = CliRun.of("docs", "generate", GONTHIA, "--out", dir.resolve("out").toString(),
                    "--templates", templates.toString());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("POST-LAUNCH.md:2:1: '{{#each successMetrics}}' is never closed; add {{/each}}");
            assertThat(dir.resolve("out")).doesNotExist();
        }

        @Test
        void generate_templatesDirWithoutDocumentNames_isAUsageError() throws IOException {
            Path templates = Files.createDirectories(dir.resolve("templates"));
            Files.writeString(templates.resolve("notes.md"), "x");

            CliRun run = CliRun.of("docs", "generate", GONTHIA, "--out", dir.resolve("out").toString(),
                    "--templates", templates.toString());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("holds no template named like a document");
        }
    }

    @Nested
    class Secrets {
        /**
         * Runs the real command in a child JVM whose environment holds the canary values, so a
         * resolved reference would show up in the documents.
         */
        @Test
        void generate_environmentHoldsTheSecrets_documentsShowOnlyReferences() throws Exception {
            Path plan = dir.resolve("release.yaml");
            Files.writeString(plan, """
                    apiVersion: gantry/v1
                    release: { product: shop, version: 2.0.0, previous: 1.9.0, owner: ana, target: 2026-06-01 }
                    rollout:
                      flag: shop-2
                      phases: [{ percent: 10, hold: 1h }, { percent: 100 }]
                      guards:
                        - { id: errors, source: prometheus, query: "sum(rate(errors_total[5m]))", when: "> 1", for: 5m, action: rollback, notify: [slack] }
                    flags: [{ key: shop-2 }]
                    rollback:
                      webhooks:
                        - { name: Platform rollback, url: "${GANTRY_CANARY_HOOK}", method: POST, headers: { Authorization: "Bearer ${GANTRY_CANARY_TOKEN}" } }
                    deploy:
                      stages:
                        - { name: production, production: true, steps: [{ name: Verify, http: { url: "${GANTRY_CANARY_HOOK}/health", expect: 200 } }] }
                    notifications:
                      slack: { type: slack, url: "${GANTRY_CANARY_SLACK}" }
                    """);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "dev.gantry.cli.Main", "docs", "generate",
                    plan.toString(), "--out", dir.resolve("out").toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("GANTRY_CANARY_HOOK", "https://canary.invalid/hook-c4n4ry");
            builder.environment().put("GANTRY_CANARY_TOKEN", "tok-c4n4ry");
            builder.environment().put("GANTRY_CANARY_SLACK", "https://hooks.slack.invalid/slack-c4n4ry");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();

            StringBuilder all = new StringBuilder(output);
            try (Stream<Path> files = Files.list(dir.resolve("out"))) {
                for (Path file : files.sorted().toList()) {
                    all.append(Files.readString(file));
                }
            }
            assertThat(all.toString()).doesNotContain("c4n4ry")
                    .contains("`POST ${GANTRY_CANARY_HOOK}`, header `Authorization: Bearer ${GANTRY_CANARY_TOKEN}`")
                    .contains("`${GANTRY_CANARY_HOOK}/health` answers HTTP 200");
        }
    }
}
