package dev.gantry.cli.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.gantry.cli.CliRun;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class GateCommandsTest {
    @TempDir
    Path dir;

    private HttpServer app;
    private Path plan;

    @BeforeEach
    void start() throws Exception {
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/api/health", exchange -> {
            byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        app.start();
        Files.writeString(dir.resolve("RUNBOOK.md"), "# Runbook\nRestart the service.\n");
        plan = dir.resolve("release.yaml");
        Files.writeString(plan, """
                apiVersion: gantry/v1
                release: { product: shop, version: 2.0.0, owner: olivia, target: 2026-03-02 }
                gates:
                  reliability:
                    - { id: health, title: Health check responding,
                        check: { type: http, url: "http://127.0.0.1:%d/api/health", jsonPointer: /status, equals: ok } }
                    - { id: smoke, title: Manual smoke testing completed, check: { type: manual } }
                  documentation:
                    - { id: runbook, title: Runbook written, check: { type: docs, paths: [RUNBOOK.md] } }
                    - { id: faq, title: FAQ written, required: false, check: { type: docs, paths: [FAQ.md] } }
                """.formatted(app.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        app.stop(0);
    }

    @Nested
    class Run {
        @Test
        void run_manualItemUnmarked_printsALinePerCheckThenNoGoAndExitsThree() {
            CliRun run = CliRun.of("gate", "run", plan.toString());

            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.out()).contains("PASS    reliability/health: ", "PENDING reliability/smoke: nobody has marked it done yet",
                    "FAIL    documentation/faq: FAQ.md does not exist", "[optional]",
                    "blocking smoke (Manual smoke testing completed): PENDING", "verdict: NO-GO");
        }

        @Test
        void run_afterMark_isGoAndExitsZero() {
            CliRun mark = CliRun.of("gate", "mark", plan.toString(), "smoke", "--by", "quinn", "--evidence",
                    "https://wiki.example.com/smoke/2.0.0");
            CliRun run = CliRun.of("gate", "run", plan.toString());

            assertThat(mark.exitCode()).isZero();
            assertThat(mark.out()).contains("Marked 'Manual smoke testing completed' (smoke) done by quinn");
            assertThat(dir.resolve(".gantry/state.json")).content().contains("https://wiki.example.com/smoke/2.0.0");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("PASS    reliability/smoke: marked done by quinn", "verdict: GO");
        }

        @Test
        void run_afterWaiver_isGoWithWaiversNamingTheWaiver() {
            CliRun waive = CliRun.of("gate", "waive", plan.toString(), "smoke", "--reason", "covered by canary",
                    "--by", "olivia", "--expires", "48h");
            CliRun run = CliRun.of("gate", "run", plan.toString());

            assertThat(waive.exitCode()).isZero();
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("waived   smoke (PENDING): covered by canary — granted by olivia",
                    "verdict: GO WITH WAIVERS");
        }

        @Test
        void run_waiverExpiringInThePast_isRefused() {
            CliRun waive = CliRun.of("gate", "waive", plan.toString(), "smoke", "--reason", "x", "--by", "olivia",
                    "--expires", LocalDate.now().minusDays(1).toString());

            assertThat(waive.exitCode()).isEqualTo(2);
            assertThat(waive.err()).contains("is in the past");
        }

        @Test
        void run_onlyCategory_runsOnlyThatCategory() {
            CliRun run = CliRun.of("gate", "run", plan.toString(), "--only", "documentation");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).doesNotContain("reliability/").contains("verdict: GO");
        }

        @Test
        void run_onlyUnknownCategory_exitsTwoNamingTheCategories() {
            CliRun run = CliRun.of("gate", "run", plan.toString(), "--only", "secrity");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("no gate category 'secrity'").contains("reliability, documentation");
        }

        @Test
        void run_invalidPlan_printsPositionsAndExitsTwo() throws Exception {
            Files.writeString(plan, "apiVersion: gantry/v1\nrelease: { product: shop, version: 2.0.0, owner: o, target: 2026-03-02 }\n"
                    + "gates:\n  quality:\n    - { title: X, check: { type: coverag } }\n");

            CliRun run = CliRun.of("gate", "run", plan.toString());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains(plan + ":5:").contains("did you mean 'coverage'");
        }
    }

    @Nested
    class Outputs {
        @Test
        void run_junitOutput_isJunitXmlWithTheBlockingItemAsFailure() throws Exception {
            CliRun run = CliRun.of("gate", "run", plan.toString(), "--output", "junit");

            Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(4);
            assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(1);
            assertThat(xml.getElementsByTagName("failure").item(0).getAttributes().getNamedItem("message").getNodeValue())
                    .startsWith("PENDING");
            assertThat(run.err()).contains("PENDING reliability/smoke");
        }

        @Test
        void run_jsonOutput_carriesVerdictAndEvidence() throws Exception {
            CliRun run = CliRun.of("gate", "run", plan.toString(), "--output", "json");

            JsonNode json = new ObjectMapper().readTree(run.out());
            assertThat(json.path("verdict").asText()).isEqualTo("NO_GO");
            assertThat(json.path("blocking").get(0).asText()).isEqualTo("smoke");
            assertThat(json.path("items").get(0).path("evidence").toString()).contains("/status = ok");
        }

        @Test
        void run_markdownOutput_isATableWithTheVerdict() {
            CliRun run = CliRun.of("gate", "run", plan.toString(), "--output", "markdown");

            assertThat(run.out()).startsWith("## Gate: NO-GO — shop 2.0.0").contains("| Item | Category |")
                    .contains("| Manual smoke testing completed | reliability | yes |");
        }
    }

    @Nested
    class Check {
        @Test
        void check_beforeAnyGateRun_saysTheGateHasNotRun() {
            CliRun run = CliRun.of("check", plan.toString());

            assertThat(run.out()).contains("verdict    not run yet");
        }

        @Test
        void check_afterGateRun_showsThatVerdictUntilThePlanChanges() throws Exception {
            CliRun.of("gate", "run", plan.toString());

            CliRun current = CliRun.of("check", plan.toString());
            Files.writeString(plan, Files.readString(plan) + "# reworded\n");
            CliRun changed = CliRun.of("check", plan.toString());

            assertThat(current.out()).containsPattern("verdict    NO-GO; 1 blocking: smoke \\(as of [0-9T:.Z-]+\\)\n");
            assertThat(changed.out()).contains("but the plan changed since; run 'gantry gate run' again");
        }
    }

    @Test
    void help_envFileOption_showsTheVariableSyntaxLiterally() {
        CliRun run = CliRun.of("gate", "run", "--help");

        assertThat(run.out()).contains("Variables for ${VAR} references").doesNotContain("null");
    }

    @Test
    void mark_automaticItem_isRefused() {
        CliRun run = CliRun.of("gate", "mark", plan.toString(), "health", "--by", "quinn", "--evidence", "looked");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("checked automatically (http)");
    }

    @Test
    void mark_unknownItem_suggestsTheNearestId() {
        CliRun run = CliRun.of("gate", "mark", plan.toString(), "smoke-test", "--by", "quinn", "--evidence", "x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no gate item 'smoke-test'; did you mean 'smoke'?");
    }

    @Test
    void run_gonthiaExampleDocumentation_isGo() {
        CliRun run = CliRun.of("gate", "run", CliRun.example("gonthia-crm-1.0"), "--only", "documentation",
                "--state", dir.resolve("state.json").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("PASS    documentation/env-documented", "verdict: GO");
    }
}
