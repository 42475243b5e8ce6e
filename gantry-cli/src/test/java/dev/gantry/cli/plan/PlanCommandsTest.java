package dev.gantry.cli.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PLATFORM = CliRun.example("platform-v1.2");

    @TempDir
    Path dir;

    Path fiveMistakes() throws Exception {
        Path plan = dir.resolve("release.yaml");
        Files.writeString(plan, """
                apiVersion: gantry/v1
                release:
                  product: shop
                  versoin: 2.0.0
                  owner: [ana, bob]
                  target: 2026-06-01
                milestones:
                  - { id: M1, name: Beta, due: next week }
                flags: [{ key: checkout-v2 }]
                rollout:
                  flag: checkout-v2
                  phases: [{ percent: 10, hold: 1 day }, { percent: 100 }]
                signoffs:
                  - [qa-lead]
                """);
        return plan;
    }

    @Nested
    class Validate {
        @Test
        void validate_validPlan_exitsZeroAndSummarises() {
            CliRun run = CliRun.of("plan", "validate", PLATFORM);

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("valid release plan for platform 1.2.0 (7 changes, 11 environment variables");
        }

        @Test
        void validate_fiveMistakes_listsEachWithPositionAndExitsTwo() throws Exception {
            Path plan = fiveMistakes();

            CliRun run = CliRun.of("plan", "validate", plan.toString());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().lines().filter(line -> line.startsWith(plan + ":"))).containsExactly(
                    plan + ":4:3: unknown key 'versoin' in release; did you mean 'version'?",
                    plan + ":5:10: release.owner should be a single value, but it is a list; write one value on the same line as the key",
                    plan + ":8:32: milestones[0].due should be a release day, but it is 'next week'; write D0 for launch day, "
                            + "D-7 for a week before, D+7 for a week after, or a date YYYY-MM-DD",
                    plan + ":12:33: rollout.phases[0].hold should be a duration, but it is '1 day'; write a number and a unit: "
                            + "250ms, 30s, 5m, 2h, 7d, 2w (or combined, 1h30m)",
                    plan + ":14:5: signoffs[0] should be a single value, but it is a list; write one value on the same line as the key",
                    plan + ": 5 problems");
        }

        @Test
        void validate_jsonOutput_hasFileValidAndProblems() throws Exception {
            CliRun run = CliRun.of("plan", "validate", fiveMistakes().toString(), "--output", "json");

            JsonNode json = JSON.readTree(run.out());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(json.get("valid").asBoolean()).isFalse();
            assertThat(json.get("problems")).hasSize(5);
            JsonNode first = json.get("problems").get(0);
            assertThat(first.get("line").asInt()).isEqualTo(4);
            assertThat(first.get("column").asInt()).isEqualTo(3);
            assertThat(first.get("message").asText()).isEqualTo("unknown key 'versoin' in release");
            assertThat(first.get("fix").asText()).isEqualTo("did you mean 'version'?");
        }

        @Test
        void validate_missingFile_isAProblemNotACrash() {
            CliRun run = CliRun.of("plan", "validate", dir.resolve("absent.yaml").toString());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("absent.yaml:1:1: no such file");
        }
    }

    @Nested
    class Show {
        @Test
        void show_text_listsChangesWithBreakingBadges() {
            CliRun run = CliRun.of("plan", "show", PLATFORM);

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("platform 1.2.0 (minor release, from 1.0.0)")
                    .contains("[breaking] run-config-v2: Cloud Run services move to the 1.2 configuration (operators)")
                    .contains("[deferred] connect-oauth")
                    .contains("STRIPE_WEBHOOK_SECRET (string, required, secret, since 1.2.0, renamed from STRIPE_ENDPOINT_SECRET)")
                    .contains("canary: 10%, hold 2h");
        }

        @Test
        void show_json_isTheNormalisedPlanWithSecretsAsReferences() throws Exception {
            CliRun run = CliRun.of("plan", "show", PLATFORM, "--output", "json");

            JsonNode plan = JSON.readTree(run.out());
            assertThat(plan.get("apiVersion").asText()).isEqualTo("gantry/v1");
            assertThat(plan.at("/release/target").asText()).isEqualTo("2026-12-08");
            assertThat(plan.at("/rollout/guards/0/for").asText()).isEqualTo("5m");
            assertThat(plan.at("/rollout/guards/0/notify/0").asText()).isEqualTo("pagerduty");
            assertThat(plan.at("/notifications/1/url").asText()).isEqualTo("${SLACK_RELEASES_WEBHOOK_URL}");
            assertThat(plan.has("directory")).as("local paths stay out of the output").isFalse();
        }
    }

    @Nested
    class Timeline {
        @Test
        void timeline_today_marksPastDueAndOverdue() {
            CliRun run = CliRun.of("plan", "timeline", PLATFORM, "--today", "2026-12-01");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("launch 2026-12-08, today 2026-12-01 is D-7")
                    .containsPattern("2026-11-24\\s+D-14\\s+overdue\\s+milestone\\s+M2: Migration path and tooling ready")
                    .containsPattern("2026-12-01\\s+D-7\\s+today\\s+event\\s+Code freeze")
                    .containsPattern("2026-12-15\\s+D\\+7\\s+upcoming\\s+event\\s+Release review")
                    .contains("1 overdue: M2: Migration path and tooling ready");
        }

        @Test
        void timeline_badDate_isAUsageError() {
            CliRun run = CliRun.of("plan", "timeline", PLATFORM, "--today", "tomorrow");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("gantry: Invalid value for option '--today': 'tomorrow' is not a date; write it as YYYY-MM-DD")
                    .contains("'gantry plan timeline --help'");
        }
    }

    @Nested
    class Check {
        @Test
        void check_showsTheReleaseAtAGlance() {
            CliRun run = CliRun.of("check", CliRun.example("gonthia-crm-1.0"), "--today", "2027-01-10");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Gonthia CRM 1.0.0 (owner priya.raman)")
                    .contains("timeline   D-5, launch in 5 days (2027-01-15), planning")
                    .contains("changes    8 shipped, 3 breaking (affecting customers, operators, downstream), 1 deferred")
                    .contains("36 items in 7 categories: 32 required, 4 optional")
                    .contains("sign-offs  4 outstanding: engineering-lead, qa-lead, security, product-owner")
                    .contains("rollout    10% -> 50% -> 100%");
        }

        @Test
        void check_json_hasStableFields() throws Exception {
            CliRun run = CliRun.of("check", PLATFORM, "--today", "2026-12-08", "--output", "json");

            JsonNode json = JSON.readTree(run.out());
            assertThat(json.get("stage").asText()).isEqualTo("LAUNCH_DAY");
            assertThat(json.get("releaseDay").asText()).isEqualTo("D0");
            assertThat(json.at("/changes/breaking").asInt()).isEqualTo(5);
            assertThat(json.get("rolloutPhases")).hasSize(3);
        }

        @Test
        void check_invalidPlan_printsProblemsAndExitsTwo() throws Exception {
            CliRun run = CliRun.of("check", fiveMistakes().toString());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains(":4:3: unknown key 'versoin'").contains("is not a valid release plan (5 problems)");
        }
    }

    @Test
    void unknownCommand_isAUsageErrorWithAHint() {
        CliRun run = CliRun.of("plan", "vaildate", PLATFORM);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("gantry: Unmatched arguments").contains("see 'gantry plan --help'");
    }
}
