package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Environments created through the API: flags and SDK keys work in them, they survive restarts and reach other replicas. */
class EnvironmentApiTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void create_flagsAndKeysWork_survivesRestart(TestDatabases.Kind kind) {
        try (TestDatabases.TestDb db = TestDatabases.create(kind, dir)) {
            TestServer s = TestServer.start(TestServer.config(db.url(), dir));
            try {
                assertThat(s.put("/api/v1/environments/qa/flags/f", TestServer.ADMIN, TestServer.booleanFlag("f", true)).status())
                        .isEqualTo(404);
                TestServer.Response created = s.post("/api/v1/environments", TestServer.ADMIN, "{\"name\":\"qa\"}");
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                assertThat(created.json().get("name").asText()).isEqualTo("qa");
                assertThat(s.get("/api/v1/environments", TestServer.ADMIN).json().get("environments"))
                        .extracting(e -> e.get("name").asText()).containsExactly("production", "qa", "staging");

                String sdkKey = s.sdkKey("qa");
                assertThat(s.put("/api/v1/environments/qa/flags/f", TestServer.ADMIN, TestServer.booleanFlag("f", true)).status())
                        .isEqualTo(201);
                assertThat(s.get("/sdk/v1/flags", sdkKey).json().get("flags")).hasSize(1);
                assertThat(s.post("/ofrep/v1/evaluate/flags/f", sdkKey, "{\"context\":{\"targetingKey\":\"u\"}}").json()
                        .get("value").asBoolean()).isTrue();
                assertThat(s.get("/api/v1/audit?target=environment:qa", TestServer.ADMIN).json().get("entries")).hasSize(1);

                s = s.restart();
                assertThat(s.get("/api/v1/environments/qa/flags/f", TestServer.ADMIN).status()).isEqualTo(200);
                assertThat(s.get("/sdk/v1/flags", sdkKey).json().get("flags")).hasSize(1);
            } finally {
                s.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void create_badNameDuplicateOrScope_rejected(TestDatabases.Kind kind) {
        try (TestDatabases.TestDb db = TestDatabases.create(kind, dir); TestServer s = TestServer.start(TestServer.config(db.url(), dir))) {
            for (String bad : new String[] {"QA", "", "1qa", "qa prod", "a".repeat(41), "../x"}) {
                TestServer.Response r = s.post("/api/v1/environments", TestServer.ADMIN,
                        TestServer.JSON.createObjectNode().put("name", bad).toString());
                assertThat(r.status()).as(bad).isEqualTo(422);
                assertThat(r.json().get("detail").asText()).contains("lowercase");
            }
            assertThat(s.post("/api/v1/environments", TestServer.ADMIN, "{}").status()).isEqualTo(422);
            assertThat(s.post("/api/v1/environments", TestServer.ADMIN, "{\"name\":\"staging\"}").status()).isEqualTo(409);
            String flagsToken = s.post("/api/v1/tokens", TestServer.ADMIN, "{\"name\":\"f\",\"scopes\":[\"read\",\"flags\"]}")
                    .json().get("token").asText();
            assertThat(s.post("/api/v1/environments", flagsToken, "{\"name\":\"qa\"}").status()).isEqualTo(403);
            JsonNode envs = s.get("/api/v1/environments", TestServer.ADMIN).json().get("environments");
            assertThat(envs).hasSize(2);
        }
    }

    @Test
    void createdOnOneReplica_usableOnTheOther() {
        try (TestDatabases.TestDb db = TestDatabases.postgres();
                TestServer a = TestServer.start(TestServer.config(db.url(), dir.resolve("a")));
                TestServer b = TestServer.start(TestServer.config(db.url(), dir.resolve("b")))) {
            assertThat(a.post("/api/v1/environments", TestServer.ADMIN, "{\"name\":\"eu-production\"}").status()).isEqualTo(201);
            String keyFromB = b.sdkKey("eu-production");
            assertThat(a.put("/api/v1/environments/eu-production/flags/f", TestServer.ADMIN, TestServer.booleanFlag("f", true))
                    .status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(10)).until(() -> b.get("/sdk/v1/flags", keyFromB).json().get("flags").size() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> b.get("/api/v1/environments", TestServer.ADMIN).json()
                    .get("environments").size() == 3);
        }
    }
}
