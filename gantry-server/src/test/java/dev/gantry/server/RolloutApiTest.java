package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.server.gate.OutboundHosts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rollout API: starting, commands, approvals, the HTTP and SDK guard sources, the status stream. */
class RolloutApiTest {
    static final String PATH = "/api/v1/releases/shop/2.0.0";
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    TestServer server;
    TestApplication app;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (app != null) {
            app.close();
        }
    }

    static String plan(String phases, String guards) {
        return """
                apiVersion: gantry/v1
                release: { product: shop, version: 2.0.0, owner: dana, target: 2026-12-02 }
                roles:
                  engineering-lead: { title: Engineering Lead, members: [erin] }
                flags: [{ key: new-checkout }]
                rollout:
                  flag: new-checkout
                  phases:
                %s
                %s
                  evaluationInterval: 1s
                """.formatted(phases, guards);
    }

    static final String TWO_PHASES = "    - { name: canary, percent: 10, hold: 1h }\n    - { name: everyone, percent: 100 }";

    void start(TestDatabases.Kind kind, String plan, Map<String, String> env) {
        TestDatabases.TestDb db = TestDatabases.create(kind, dir);
        server = TestServer.start(TestServer.config(db.url(), dir).withAllowedOutboundHosts(OutboundHosts.parse("127.0.0.1")),
                ServerWiring.defaults().withEnvironment(env).withNotifier(new RecordingNotifier()));
        assertThat(server.post("/api/v1/releases", TestServer.ADMIN, PersistenceTest.pushBody("release.yaml", plan))
                .status()).isEqualTo(201);
        assertThat(server.put("/api/v1/environments/production/flags/new-checkout", TestServer.ADMIN, """
                {"type":"boolean","on":true,"salt":"new-checkout",
                 "variations":[{"name":"on","value":true},{"name":"off","value":false}],
                 "offVariation":"off","fallthrough":{"variation":"off"}}""").status()).isEqualTo(200); // the push created it (off); this replaces it
    }

    String token(String name, String... scopes) {
        TestServer.Response r = server.post("/api/v1/tokens", TestServer.ADMIN, "{\"name\":\"" + name + "\",\"scopes\":[\""
                + String.join("\",\"", scopes) + "\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("token").asText();
    }

    JsonNode status() {
        return server.get(PATH + "/rollout", TestServer.ADMIN).json();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void start_gateVerdictRequiredUnlessAdminForces_oneRunningRolloutPerRelease(TestDatabases.Kind kind) {
        start(kind, plan(TWO_PHASES, ""), Map.of());
        String operator = token("olga", "operate", "read");

        TestServer.Response noGo = server.post(PATH + "/rollouts", operator, null);
        TestServer.Response operatorForce = server.post(PATH + "/rollouts", operator, "{\"force\":true}");
        TestServer.Response adminForce = server.post(PATH + "/rollouts", TestServer.ADMIN, "{\"force\":true}");
        TestServer.Response second = server.post(PATH + "/rollouts", TestServer.ADMIN, "{\"force\":true}");

        assertThat(noGo.status()).isEqualTo(409);
        assertThat(noGo.json().get("detail").asText()).contains("has no gate run").contains("needs GO");
        assertThat(operatorForce.status()).isEqualTo(403);
        assertThat(adminForce.status()).as(adminForce.body()).isEqualTo(201);
        assertThat(adminForce.json().get("state").asText()).isEqualTo("running");
        assertThat(adminForce.json().get("percent").asDouble()).isEqualTo(10.0);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("detail").asText()).contains("already has a running rollout");
        JsonNode events = server.get(PATH + "/rollout/events", TestServer.ADMIN).json().get("events");
        assertThat(events.get(0).get("type").asText()).isEqualTo("started");
        assertThat(events.get(1).get("type").asText()).isEqualTo("phase-entered");
        assertThat(server.get("/api/v1/environments/production/flags/new-checkout", TestServer.ADMIN).json()
                .at("/definition/fallthrough/split/0/weight").asInt()).isEqualTo(10000);
        assertThat(server.get("/api/v1/audit", TestServer.ADMIN).body()).contains("rollout.start");
        assertThat(server.get("/api/v1/audit/verify", TestServer.ADMIN).json().get("intact").asBoolean()).isTrue();
    }

    @Test
    void start_serverGateRunGo_startsWithoutForce() {
        start(TestDatabases.Kind.SQLITE, plan(TWO_PHASES, ""), Map.of());
        TestServer.Response gate = server.post(PATH + "/gate-runs/server", TestServer.ADMIN, null);
        assertThat(gate.status()).as(gate.body()).isEqualTo(201);

        TestServer.Response started = server.post(PATH + "/rollouts", token("olga", "operate", "read"), null);

        assertThat(started.status()).as(started.body()).isEqualTo(201);
    }

    @Test
    void approval_onlyAMemberOfTheRoleWithApproveScope_advances() {
        start(TestDatabases.Kind.SQLITE, plan("    - { name: canary, percent: 10 }\n"
                + "    - { name: everyone, percent: 100, approval: engineering-lead }", ""), Map.of());
        assertThat(server.post(PATH + "/rollouts", TestServer.ADMIN, "{\"force\":true}").status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> status().get("state").asText().equals("awaiting-approval"));

        TestServer.Response operator = server.post(PATH + "/rollout/promote", token("olga", "operate", "read"), null);
        TestServer.Response stranger = server.post(PATH + "/rollout/approve", token("mallory", "approve", "read"),
                "{\"role\":\"engineering-lead\"}");
        TestServer.Response member = server.post(PATH + "/rollout/approve", token("erin", "approve", "read"),
                "{\"role\":\"engineering-lead\"}");

        assertThat(operator.status()).isEqualTo(403);
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.json().get("detail").asText()).contains("mallory does not hold the role engineering-lead");
        assertThat(member.status()).as(member.body()).isEqualTo(200);
        await().atMost(WAIT).until(() -> status().get("state").asText().equals("completed"));
        assertThat(server.get(PATH + "/rollout/events", TestServer.ADMIN).json().get("events").findValuesAsText("actor"))
                .contains("erin");
    }

    @Test
    void pauseResumePromote_changeStateAndAreRefusedWhenTheyDoNotApply() {
        start(TestDatabases.Kind.SQLITE, plan(TWO_PHASES, ""), Map.of());
        assertThat(server.post(PATH + "/rollout/pause", TestServer.ADMIN, null).status()).isEqualTo(404);
        assertThat(server.post(PATH + "/rollouts", TestServer.ADMIN, "{\"force\":true}").status()).isEqualTo(201);

        TestServer.Response paused = server.post(PATH + "/rollout/pause", TestServer.ADMIN, "{\"reason\":\"lunch\"}");
        TestServer.Response promoteWhilePaused = server.post(PATH + "/rollout/promote", TestServer.ADMIN, null);
        TestServer.Response resumed = server.post(PATH + "/rollout/resume", TestServer.ADMIN, null);
        TestServer.Response promoted = server.post(PATH + "/rollout/promote", TestServer.ADMIN, null);

        assertThat(paused.json().get("state").asText()).isEqualTo("paused");
        assertThat(paused.json().get("pausedReason").asText()).contains("lunch");
        assertThat(promoteWhilePaused.status()).isEqualTo(409);
        assertThat(promoteWhilePaused.json().get("detail").asText()).contains("resume it first");
        assertThat(resumed.json().get("state").asText()).isEqualTo("running");
        assertThat(promoted.json().get("percent").asDouble()).isEqualTo(100.0);
        await().atMost(WAIT).until(() -> status().get("state").asText().equals("completed"));
        assertThat(server.post(PATH + "/rollout/abort", TestServer.ADMIN, null).json().get("detail").asText())
                .contains("completed");
    }

    @Nested
    class GuardSources {
        @Test
        void httpProbe_unhealthy_pausesByGuard() {
            app = TestApplication.start();
            start(TestDatabases.Kind.SQLITE, plan(TWO_PHASES, "  guards:\n    - { id: health, source: http, url: \"${APP_URL}/health\", action: pause }"),
                    Map.of("APP_URL", app.healthUrl().replace("/health", "")));
            assertThat(server.post(PATH + "/rollouts", TestServer.ADMIN, "{\"force\":true}").status()).isEqualTo(201);
            await().atMost(WAIT).until(() -> status().at("/guards/0/healthy").asBoolean());

            app.healthy(false);

            await().atMost(WAIT).until(() -> status().get("state").asText().equals("paused"));
            JsonNode status = status();
            assertThat(status.get("pausedCause").asText()).isEqualTo("guard");
            assertThat(status.get("pausedReason").asText()).contains("health").contains("503");
        }

        @Test
        void httpProbe_hostNotAllowed_inconclusiveWithReason() {
            start(TestDatabases.Kind.SQLITE, plan(TWO_PHASES,
                    "  guards:\n    - { id: health, source: http, url: \"http://internal.example.com/health\", action: pause }"), Map.of());
            assertThat(server.post(PATH + "/rollouts", TestServer.ADMIN, "{\"force\":true}").status()).isEqualTo(201);

            await().atMost(WAIT).until(() -> status().get("state").asText().equals("paused"));

            assertThat(status().get("pausedReason").asText()).contains("not in the server's allowed outbound hosts");
        }

        @Test
        void sdkMetrics_newVariationErrorRateAboveThreshold_rollsBack() {
            start(TestDatabases.Kind.SQLITE, plan(TWO_PHASES,
                    "  guards:\n    - { id: sdk-errors, source: sdk, query: error-rate, when: \"> 2%\", action: rollback }"), Map.of());
            String sdkKey = server.sdkKey("production");
            assertThat(server.post(PATH + "/rollouts", TestServer.ADMIN, "{\"force\":true}").status()).isEqualTo(201);
            await().atMost(WAIT).until(() -> status().get("state").asText().equals("paused")); // no data yet: inconclusive

            String batch = """
                    {"sdk":"gantry-java/0.1.0","snapshotVersion":"2","from":"2026-12-02T10:00:00Z","to":"2026-12-02T10:01:00Z",
                     "variants":[{"flag":"new-checkout","variant":"on","evaluations":1000,"events":{"error":%d}},
                                 {"flag":"new-checkout","variant":"off","evaluations":9000,"events":{"error":9}}]}""";
            assertThat(server.post("/sdk/v1/metrics", sdkKey, batch.formatted(10)).status()).isEqualTo(202);
            await().atMost(WAIT).until(() -> status().get("state").asText().equals("running"));
            assertThat(status().at("/samples/inPhase").asLong()).isEqualTo(10_000);
            assertThat(status().at("/guards/0/value").asDouble()).isEqualTo(0.01);

            assertThat(server.post("/sdk/v1/metrics", sdkKey, batch.formatted(80)).status()).isEqualTo(202);

            await().atMost(WAIT).until(() -> status().get("state").asText().equals("rolled-back"));
            JsonNode status = status();
            assertThat(status.get("cause").asText()).startsWith("guard sdk-errors: ");
            assertThat(status.at("/guards/0/value").asDouble()).isEqualTo(0.045);
        }
    }

    @Test
    void stream_sendsStatusChangesAndEndsWhenFinished() throws Exception {
        start(TestDatabases.Kind.SQLITE, plan(TWO_PHASES, ""), Map.of());
        assertThat(server.post(PATH + "/rollouts", TestServer.ADMIN, "{\"force\":true}").status()).isEqualTo(201);
        HttpResponse<java.io.InputStream> response = server.http.send(HttpRequest.newBuilder(server.uri().resolve(PATH
                        + "/rollout/stream")).header("Authorization", "Bearer " + TestServer.ADMIN)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> states = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            boolean promoted = false;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    states.add(TestServer.JSON.readTree(line.substring(6)).get("state").asText());
                    if (!promoted) {
                        promoted = true;
                        server.post(PATH + "/rollout/promote", TestServer.ADMIN, null);
                    }
                }
            }
        }
        assertThat(states.getFirst()).isEqualTo("running");
        assertThat(states.getLast()).isEqualTo("completed");
    }
}
