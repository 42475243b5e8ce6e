package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Migrations marked applied to production, and the point of no return, on SQLite and PostgreSQL. */
class AppliedMigrationApiTest {
    static final String PLAN = """
            apiVersion: gantry/v1
            release: { product: web, version: 2.1.0, owner: dana, target: 2026-12-02 }
            """;
    static final String PATH = "/api/v1/releases/web/2.1.0/migrations/applied";
    static final String PONR = """
            "pointOfNoReturn": {"migration": "V5", "message": "past V5, rolling the application back is unsafe",
                                "guidance": ["Restore the pre-release backup or fix forward."]}""";

    @TempDir
    Path dir;
    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    void start(TestDatabases.Kind kind) {
        TestDatabases.TestDb db = TestDatabases.create(kind, dir);
        server = TestServer.start(TestServer.config(db.url(), dir));
        assertThat(server.post("/api/v1/releases", TestServer.ADMIN, PersistenceTest.pushBody("release.yaml", PLAN))
                .status()).isEqualTo(201);
    }

    static String mark(String migration, String classification, boolean withPointOfNoReturn) {
        return "{\"migration\":\"" + migration + "\",\"file\":\"" + migration + "__x.sql\",\"classification\":\""
                + classification + "\"" + (withPointOfNoReturn ? "," + PONR : "") + "}";
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void mark_beforeAndPastPointOfNoReturn_listedInOrderAndAudited(TestDatabases.Kind kind) {
        start(kind);

        TestServer.Response v5 = server.post(PATH, TestServer.ADMIN, mark("5", "contract", true));
        TestServer.Response v4 = server.post(PATH, TestServer.ADMIN, mark("V4", "expand", true));

        assertThat(v5.status()).as(v5.body()).isEqualTo(201);
        assertThat(v5.json().get("migration").asText()).isEqualTo("V5");
        assertThat(v5.json().get("pastPointOfNoReturn").asBoolean()).isTrue();
        assertThat(v4.json().get("pastPointOfNoReturn").asBoolean()).isFalse();
        JsonNode list = server.get(PATH, TestServer.ADMIN).json();
        assertThat(list.get("pastPointOfNoReturn").asBoolean()).isTrue();
        assertThat(java.util.stream.StreamSupport.stream(list.get("migrations").spliterator(), false).map(m -> m.get("migration").asText())).containsExactly("V4", "V5");
        assertThat(list.at("/migrations/1/pointOfNoReturn/guidance/0").asText()).startsWith("Restore the pre-release backup");
        assertThat(server.get("/api/v1/audit", TestServer.ADMIN).body()).contains("migration.applied");
        assertThat(server.get("/api/v1/audit/verify", TestServer.ADMIN).json().get("intact").asBoolean()).isTrue();
    }

    @Test
    void mark_sameMigrationTwice_secondChangesNothing() {
        start(TestDatabases.Kind.SQLITE);
        assertThat(server.post(PATH, TestServer.ADMIN, mark("V2", "expand", false)).status()).isEqualTo(201);

        TestServer.Response again = server.post(PATH, TestServer.ADMIN, mark("v2", "expand", false));

        assertThat(again.status()).isEqualTo(200);
        assertThat(server.get(PATH, TestServer.ADMIN).json().get("migrations")).hasSize(1);
        assertThat(server.get(PATH, TestServer.ADMIN).json().get("pastPointOfNoReturn").asBoolean()).isFalse();
    }

    @Nested
    class Refusals {
        @Test
        void mark_readOnlyToken_forbidden() {
            start(TestDatabases.Kind.SQLITE);
            String reader = server.post("/api/v1/tokens", TestServer.ADMIN, "{\"name\":\"r\",\"scopes\":[\"read\"]}")
                    .json().get("token").asText();

            assertThat(server.post(PATH, reader, mark("V2", "expand", false)).status()).isEqualTo(403);
            assertThat(server.get(PATH, reader).status()).isEqualTo(200);
        }

        @Test
        void mark_unknownReleaseOrBadLabel_problemDetails() {
            start(TestDatabases.Kind.SQLITE);

            TestServer.Response unknown = server.post("/api/v1/releases/web/9.9.9/migrations/applied", TestServer.ADMIN,
                    mark("V2", "expand", false));
            TestServer.Response label = server.post(PATH, TestServer.ADMIN, mark("five", "expand", false));
            TestServer.Response kind = server.post(PATH, TestServer.ADMIN, mark("V2", "maybe", false));

            assertThat(unknown.status()).isEqualTo(404);
            assertThat(label.status()).isEqualTo(400);
            assertThat(label.json().get("detail").asText()).contains("migration label such as V5");
            assertThat(kind.json().get("detail").asText()).contains("expand, contract or destructive");
            assertThat(label.header("Content-Type")).contains("application/problem+json");
        }
    }
}
