package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.server.audit.AuditChain;
import dev.gantry.server.audit.AuditStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** What is stored survives a restart, and the audit chain detects tampering: on SQLite and PostgreSQL. */
class PersistenceTest {
    @TempDir
    Path dir;

    static String platformPlan() throws IOException {
        return Files.readString(Path.of("../examples/platform-v1.2/release.yaml"));
    }

    static String pushBody(String source, String plan) {
        return TestServer.JSON.createObjectNode().put("source", source).put("plan", plan).toString();
    }

    /** Makes a few audited changes: a plan push, a flag, a kill, a token. */
    static void mutate(TestServer s) throws IOException {
        assertThat(s.post("/api/v1/releases", TestServer.ADMIN, pushBody("release.yaml", platformPlan())).status()).isEqualTo(201);
        assertThat(s.put("/api/v1/environments/production/flags/new-checkout", TestServer.ADMIN,
                TestServer.booleanFlag("new-checkout", true)).status()).isEqualTo(201);
        assertThat(s.post("/api/v1/environments/production/flags/new-checkout/kill", TestServer.ADMIN, null).status())
                .isEqualTo(200);
        assertThat(s.post("/api/v1/tokens", TestServer.ADMIN, "{\"name\":\"ci\",\"scopes\":[\"read\"]}").status()).isEqualTo(201);
    }

    @Nested
    class Restart {
        @ParameterizedTest
        @EnumSource(TestDatabases.Kind.class)
        void restart_everythingStillThere(TestDatabases.Kind kind) throws IOException {
            try (TestDatabases.TestDb db = TestDatabases.create(kind, dir)) {
                TestServer s = TestServer.start(TestServer.config(db.url(), dir));
                try {
                    mutate(s);
                    String sdkKey = s.sdkKey("production");
                    s = s.restart();
                    JsonNode releases = s.get("/api/v1/releases", TestServer.ADMIN).json().get("releases");
                    assertThat(releases).hasSize(1);
                    assertThat(releases.get(0).get("product").asText()).isEqualTo("platform");
                    assertThat(releases.get(0).get("revision").asLong()).isEqualTo(1);
                    JsonNode flag = s.get("/api/v1/environments/production/flags/new-checkout", TestServer.ADMIN).json();
                    assertThat(flag.get("version").asLong()).isEqualTo(2);
                    assertThat(flag.get("definition").get("on").asBoolean()).isFalse();
                    TestServer.Response snapshot = s.get("/sdk/v1/flags", sdkKey);
                    assertThat(snapshot.status()).isEqualTo(200);
                    assertThat(snapshot.header("ETag")).isEqualTo("\"5\""); // the plan's 3 flags, put, kill
                    assertThat(snapshot.json().get("flags").get(0).get("on").asBoolean()).isFalse();
                    JsonNode verify = s.get("/api/v1/audit/verify", TestServer.ADMIN).json();
                    assertThat(verify.get("intact").asBoolean()).isTrue();
                    // bootstrap token, push, the plan's 3 flags in 2 environments, put, kill, token, sdk key
                    assertThat(verify.get("entries").asLong()).isEqualTo(12);
                } finally {
                    s.close();
                }
            }
        }
    }

    @Nested
    class AuditTampering {
        @ParameterizedTest
        @EnumSource(TestDatabases.Kind.class)
        void alteredEntry_brokenAtThatEntry(TestDatabases.Kind kind) throws IOException {
            try (TestDatabases.TestDb db = TestDatabases.create(kind, dir);
                    TestServer s = TestServer.start(TestServer.config(db.url(), dir))) {
                mutate(s);
                assertThat(AuditStore.verify(Jdbi.create(db.url()))).isInstanceOf(AuditChain.Verification.Intact.class);
                TestDatabases.exec(db.url(), "UPDATE audit_log SET actor = 'somebody else' WHERE seq = 3");
                JsonNode verify = s.get("/api/v1/audit/verify", TestServer.ADMIN).json();
                assertThat(verify.get("intact").asBoolean()).isFalse();
                assertThat(verify.get("seq").asLong()).isEqualTo(3);
                assertThat(AuditStore.verify(Jdbi.create(db.url())))
                        .isEqualTo(new AuditChain.Verification.Broken(3,
                                "entry 3 was changed after it was written (its content does not match its hash)"));
            }
        }

        @ParameterizedTest
        @EnumSource(TestDatabases.Kind.class)
        void deletedEntry_brokenWhereItWas(TestDatabases.Kind kind) throws IOException {
            try (TestDatabases.TestDb db = TestDatabases.create(kind, dir);
                    TestServer s = TestServer.start(TestServer.config(db.url(), dir))) {
                mutate(s);
                TestDatabases.exec(db.url(), "DELETE FROM audit_log WHERE seq = 2");
                JsonNode verify = s.get("/api/v1/audit/verify", TestServer.ADMIN).json();
                assertThat(verify.get("intact").asBoolean()).isFalse();
                assertThat(verify.get("seq").asLong()).isEqualTo(2);
                assertThat(AuditStore.verify(Jdbi.create(db.url()))).isInstanceOf(AuditChain.Verification.Broken.class);
            }
        }

        @ParameterizedTest
        @EnumSource(TestDatabases.Kind.class)
        void everyMutation_auditedWithBeforeAndAfter(TestDatabases.Kind kind) throws IOException {
            try (TestDatabases.TestDb db = TestDatabases.create(kind, dir);
                    TestServer s = TestServer.start(TestServer.config(db.url(), dir))) {
                mutate(s);
                JsonNode entries = s.get("/api/v1/audit?limit=100", TestServer.ADMIN).json().get("entries");
                assertThat(entries).extracting(e -> e.get("action").asText())
                        .containsExactly("token.create", "release.push", "flag.create", "flag.create", "flag.create",
                                "flag.create", "flag.create", "flag.create", "flag.put", "flag.kill", "token.create");
                JsonNode kill = entries.get(9);
                assertThat(kill.get("target").asText()).isEqualTo("flag:production/new-checkout");
                assertThat(TestServer.JSON.readTree(kill.get("before").asText()).get("on").asBoolean()).isTrue();
                assertThat(TestServer.JSON.readTree(kill.get("after").asText()).get("on").asBoolean()).isFalse();
                assertThat(kill.get("actor").asText()).startsWith("admin (GANTRY_ADMIN_TOKEN)");
                assertThat(entries.toString()).doesNotContain(TestServer.ADMIN);
                assertThat(Map.of()).isEmpty();
            }
        }
    }
}
