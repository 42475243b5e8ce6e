package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.signoff.PlanHash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Deploy and rollback runs reported by the CLI, on SQLite and PostgreSQL. */
class DeployRunApiTest {
    static final String PLAN = """
            apiVersion: gantry/v1
            release: { product: web, version: 2.1.0, owner: dana, target: 2026-12-02 }
            deploy:
              stages:
                - name: staging
                  steps: [{ name: Ship, run: "echo ship" }]
            """;
    static final String PATH = "/api/v1/releases/web/2.1.0/deploy-runs";

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

    static ObjectNode body(String kind, boolean succeeded) {
        ObjectNode body = TestServer.JSON.createObjectNode();
        body.put("planHash", PlanHash.of(PLAN.getBytes(StandardCharsets.UTF_8)));
        ObjectNode log = body.putObject("log");
        log.put("kind", kind).put("product", "web").put("version", "2.1.0").put("started", "2026-12-02T10:00:00Z")
                .put("duration", "1s").put("succeeded", succeeded).put("summary", kind.toLowerCase() + " ended");
        log.putArray("steps").addObject().put("name", "Ship").put("outcome", succeeded ? "SUCCEEDED" : "FAILED");
        return body;
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void post_runs_storedNumberedAuditedAndListed(TestDatabases.Kind kind) {
        start(kind);

        TestServer.Response first = server.post(PATH, TestServer.ADMIN, body("DEPLOY", true).toString());
        TestServer.Response second = server.post(PATH, TestServer.ADMIN, body("ROLLBACK", false).toString());

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("run").asLong()).isEqualTo(1);
        assertThat(second.json().get("run").asLong()).isEqualTo(2);
        JsonNode runs = server.get(PATH, TestServer.ADMIN).json().get("runs");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(1).get("kind").asText()).isEqualTo("rollback");
        assertThat(runs.get(1).get("succeeded").asBoolean()).isFalse();
        assertThat(runs.get(1).has("log")).isFalse();
        assertThat(server.get(PATH + "/2", TestServer.ADMIN).json().at("/log/steps/0/outcome").asText()).isEqualTo("FAILED");
        JsonNode audit = server.get("/api/v1/audit", TestServer.ADMIN).json();
        assertThat(audit.toString()).contains("deploy.run").contains("rollback.run");
        assertThat(server.get("/api/v1/audit/verify", TestServer.ADMIN).json().get("intact").asBoolean()).isTrue();
    }

    @Test
    void post_refusals_sayWhatIsWrong() {
        start(TestDatabases.Kind.SQLITE);
        ObjectNode wrongHash = body("DEPLOY", true).put("planHash", "sha256:00");
        ObjectNode badKind = body("DEPLOY", true);
        ((ObjectNode) badKind.get("log")).put("kind", "PARTY");
        ObjectNode otherRelease = body("DEPLOY", true);
        ((ObjectNode) otherRelease.get("log")).put("product", "api");
        String reader = server.post("/api/v1/tokens", TestServer.ADMIN, "{\"name\":\"r\",\"scopes\":[\"read\"]}")
                .json().get("token").asText();

        TestServer.Response conflict = server.post(PATH, TestServer.ADMIN, wrongHash.toString());
        TestServer.Response kind = server.post(PATH, TestServer.ADMIN, badKind.toString());
        TestServer.Response other = server.post(PATH, TestServer.ADMIN, otherRelease.toString());

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("detail").asText()).contains("push the plan the run used first");
        assertThat(kind.status()).isEqualTo(422);
        assertThat(kind.json().get("detail").asText()).isEqualTo("'log.kind' must be DEPLOY or ROLLBACK.");
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().get("detail").asText()).contains("not of web 2.1.0");
        assertThat(server.post(PATH, reader, body("DEPLOY", true).toString()).status()).isEqualTo(403);
        assertThat(server.get(PATH + "/9", TestServer.ADMIN).status()).isEqualTo(404);
        assertThat(server.post(PATH, TestServer.ADMIN, "{\"planHash\":\"x\",\"log\":{},\"extra\":1}").status()).isEqualTo(400);
    }
}
