package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.flags.EvaluationContext;
import dev.gantry.flags.sdk.GantryClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Segments through the API: stored, versioned, audited, served to SDKs and honoured by OFREP, on SQLite and PostgreSQL. */
class SegmentApiTest {
    static final String BETA = """
            {"included":["bob"],"excluded":["mallory"],
             "rules":[{"id":"nl","clauses":[{"attribute":"country","op":"in","values":["NL","BE"]}]}]}""";
    static final String FLAG = """
            {"type":"boolean","on":true,"salt":"imp",
             "variations":[{"name":"on","value":true},{"name":"off","value":false}],"offVariation":"off",
             "rules":[{"id":"beta","clauses":[{"op":"inSegment","values":["beta-testers"]}],"serve":{"variation":"on"}}],
             "fallthrough":{"variation":"off"}}""";

    @TempDir
    Path dir;

    static String ofrep(TestServer s, String key, String context) {
        JsonNode j = s.post("/ofrep/v1/evaluate/flags/enable-import", key, "{\"context\":" + context + "}").json();
        return j.get("value").asText() + "/" + j.get("reason").asText();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void segment_storedServedEvaluatedAndSurvivesRestart(TestDatabases.Kind kind) throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.create(kind, dir)) {
            TestServer s = TestServer.start(TestServer.config(db.url(), dir));
            try {
                String base = "/api/v1/environments/staging/segments/beta-testers";
                TestServer.Response created = s.put(base, TestServer.ADMIN, BETA);
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                assertThat(created.json().get("version").asLong()).isEqualTo(1);
                assertThat(s.put("/api/v1/environments/staging/flags/enable-import", TestServer.ADMIN, FLAG).status())
                        .isEqualTo(201);
                String sdkKey = s.sdkKey("staging");

                JsonNode snapshot = s.get("/sdk/v1/flags", sdkKey).json();
                assertThat(snapshot.get("segments")).hasSize(1);
                assertThat(snapshot.get("segments").get(0).get("key").asText()).isEqualTo("beta-testers");

                assertThat(ofrep(s, sdkKey, "{\"targetingKey\":\"bob\"}")).isEqualTo("true/TARGETING_MATCH");
                assertThat(ofrep(s, sdkKey, "{\"targetingKey\":\"ann\",\"country\":\"NL\"}")).isEqualTo("true/TARGETING_MATCH");
                assertThat(ofrep(s, sdkKey, "{\"targetingKey\":\"mallory\",\"country\":\"NL\"}")).isEqualTo("false/DEFAULT");
                assertThat(ofrep(s, sdkKey, "{\"targetingKey\":\"carol\",\"country\":\"DE\"}")).isEqualTo("false/DEFAULT");

                try (GantryClient client = GantryClient.builder().sdkKey(sdkKey).baseUri(s.uri()).streaming()
                        .disableMetrics().build()) {
                    assertThat(client.awaitReady(Duration.ofSeconds(10))).isTrue();
                    EvaluationContext carol = EvaluationContext.of("carol");
                    assertThat(client.booleanDetail("enable-import", carol, true).value()).isFalse();
                    TestServer.Response changed = s.put(base, TestServer.ADMIN,
                            "{\"included\":[\"bob\",\"carol\"],\"excluded\":[\"mallory\"]}");
                    assertThat(changed.status()).isEqualTo(200);
                    assertThat(changed.json().get("version").asLong()).isEqualTo(2);
                    await().atMost(Duration.ofSeconds(10)).until(() -> client.booleanDetail("enable-import", carol, false).value());
                }
                assertThat(ofrep(s, sdkKey, "{\"targetingKey\":\"ann\",\"country\":\"NL\"}")).isEqualTo("false/DEFAULT");

                JsonNode versions = s.get(base + "/versions", TestServer.ADMIN).json().get("versions");
                assertThat(versions).extracting(v -> v.get("action").asText()).containsExactly("segment.put", "segment.put");
                JsonNode audit = s.get("/api/v1/audit?target=segment:staging/beta-testers", TestServer.ADMIN).json().get("entries");
                assertThat(audit).hasSize(2);
                assertThat(audit.get(0).get("actor").asText()).isNotBlank();

                s = s.restart();
                JsonNode list = s.get("/api/v1/environments/staging/segments", TestServer.ADMIN).json();
                assertThat(list.get("segments")).extracting(x -> x.get("key").asText()).containsExactly("beta-testers");
                assertThat(ofrep(s, sdkKey, "{\"targetingKey\":\"carol\"}")).isEqualTo("true/TARGETING_MATCH");
                assertThat(s.get("/api/v1/environments/production/segments", TestServer.ADMIN).json().get("segments")).isEmpty();
            } finally {
                s.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void segment_inUse_deleteRefused_thenAllowedWhenUnused(TestDatabases.Kind kind) {
        try (TestDatabases.TestDb db = TestDatabases.create(kind, dir); TestServer s = TestServer.start(TestServer.config(db.url(), dir))) {
            String base = "/api/v1/environments/production/segments/beta-testers";
            assertThat(s.put(base, TestServer.ADMIN, BETA).status()).isEqualTo(201);
            assertThat(s.put("/api/v1/environments/production/flags/enable-import", TestServer.ADMIN, FLAG).status()).isEqualTo(201);

            TestServer.Response refused = s.call("DELETE", base, TestServer.ADMIN, null);
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.json().get("detail").asText()).contains("beta-testers");
            assertThat(s.get(base, TestServer.ADMIN).status()).isEqualTo(200);

            assertThat(s.call("DELETE", "/api/v1/environments/production/flags/enable-import", TestServer.ADMIN, null).status())
                    .isEqualTo(204);
            assertThat(s.call("DELETE", base, TestServer.ADMIN, null).status()).isEqualTo(204);
            assertThat(s.get(base, TestServer.ADMIN).status()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void segment_invalidOrUnauthorised_rejected(TestDatabases.Kind kind) {
        try (TestDatabases.TestDb db = TestDatabases.create(kind, dir); TestServer s = TestServer.start(TestServer.config(db.url(), dir))) {
            String reader = s.post("/api/v1/tokens", TestServer.ADMIN, "{\"name\":\"r\",\"scopes\":[\"read\"]}").json()
                    .get("token").asText();
            String base = "/api/v1/environments/staging/segments/beta-testers";
            assertThat(s.put(base, reader, BETA).status()).isEqualTo(403);
            TestServer.Response nested = s.put(base, TestServer.ADMIN,
                    "{\"rules\":[{\"id\":\"x\",\"clauses\":[{\"op\":\"inSegment\",\"values\":[\"beta-testers\"]}]}]}");
            assertThat(nested.status()).isEqualTo(422);
            assertThat(s.put(base, TestServer.ADMIN, "{\"includd\":[\"bob\"]}").status()).isEqualTo(422);
            assertThat(s.put("/api/v1/environments/nowhere/segments/x", TestServer.ADMIN, BETA).status()).isEqualTo(404);
            assertThat(s.get(base, reader).status()).isEqualTo(404);
        }
    }
}
