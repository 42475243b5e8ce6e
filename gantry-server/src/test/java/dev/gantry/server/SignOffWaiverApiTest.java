package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sign-offs and waivers over the API, on SQLite and PostgreSQL. */
class SignOffWaiverApiTest {
    @TempDir
    Path dir;
    TestServer server;
    TestDatabases.TestDb db;

    static final String PLAN = """
            apiVersion: gantry/v1
            release: { product: shop, version: 2.0.0, owner: dana, target: 2026-12-02 }
            roles:
              qa-lead: { title: QA Lead, members: [quinn, dana] }
              security: { title: Security, members: [sam, dana] }
            gates:
              quality:
                - { id: smoke, title: Manual smoke testing completed, check: { type: manual } }
                - { id: demo, title: Demo recorded, required: false, check: { type: manual } }
            signoffs: [qa-lead, security]
            """;

    void start(TestDatabases.Kind kind) {
        db = TestDatabases.create(kind, dir);
        server = TestServer.start(TestServer.config(db.url(), dir));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
    }

    String token(String name, String scope) {
        TestServer.Response r = server.post("/api/v1/tokens", TestServer.ADMIN,
                "{\"name\":\"" + name + "\",\"scopes\":[\"" + scope + "\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("token").asText();
    }

    void push(String plan) {
        TestServer.Response r = server.post("/api/v1/releases", TestServer.ADMIN, PersistenceTest.pushBody("release.yaml", plan));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    TestServer.Response sign(String token, String role) {
        return server.post("/api/v1/releases/shop/2.0.0/signoffs", token, "{\"role\":\"" + role + "\"}");
    }

    static void assertProblem(TestServer.Response r, int status, String detailPart) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asText()).contains(detailPart);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void signoffs_rulesEnforced_completeThenVoidedByNewRevision(TestDatabases.Kind kind) {
        start(kind);
        push(PLAN);
        String quinn = token("quinn", "approve");
        String sam = token("sam", "approve");
        String reader = token("rita", "read");

        assertProblem(sign(reader, "qa-lead"), 403, "approve");
        assertProblem(sign(quinn, "legal"), 422, "does not ask for a sign-off by 'legal'");
        assertProblem(sign(quinn, "security"), 422, "quinn does not hold role 'security'");
        assertThat(sign(quinn, "qa-lead").status()).isEqualTo(201);
        assertProblem(sign(token("dana", "approve"), "qa-lead"), 422, "already signed by quinn");

        JsonNode half = server.get("/api/v1/releases/shop/2.0.0/signoffs", reader).json();
        assertThat(half.get("complete").asBoolean()).isFalse();
        assertThat(half.get("outstanding").get(0).asText()).isEqualTo("security");

        TestServer.Response done = sign(sam, "security");
        assertThat(done.status()).as(done.body()).isEqualTo(201);
        assertThat(done.json().get("signoff").get("by").asText()).isEqualTo("sam");
        assertThat(done.json().get("status").get("complete").asBoolean()).isTrue();

        push(PLAN + "# reworded\n");
        JsonNode after = server.get("/api/v1/releases/shop/2.0.0/signoffs", reader).json();
        assertThat(after.get("complete").asBoolean()).isFalse();
        assertThat(after.get("outstanding")).hasSize(2);
        assertThat(after.get("void")).hasSize(2);
        assertThat(after.get("void").get(0).get("void").asBoolean()).isTrue();
        assertProblem(server.post("/api/v1/releases/shop/2.0.0/signoffs", quinn, "{\"role\":\"qa-lead\",\"revision\":1}"),
                409, "Revision 1 is not the latest");
        assertThat(server.post("/api/v1/releases/shop/2.0.0/signoffs", quinn, "{\"role\":\"qa-lead\",\"revision\":2}")
                .status()).isEqualTo(201);

        List<String> actions = new ArrayList<>();
        server.get("/api/v1/audit?limit=1000", TestServer.ADMIN).json().get("entries")
                .forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions.stream().filter("signoff.sign"::equals).count()).isEqualTo(3);
        assertThat(server.get("/api/v1/audit/verify", TestServer.ADMIN).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void waivers_grantedByPrincipal_listed_refusalsExplained(TestDatabases.Kind kind) {
        start(kind);
        push(PLAN);
        String priya = token("priya", "approve");
        String path = "/api/v1/releases/shop/2.0.0/waivers";
        String expires = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

        TestServer.Response granted = server.post(path, priya,
                "{\"item\":\"smoke\",\"reason\":\"ran in CI #812\",\"expires\":\"" + expires + "\"}");
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        assertThat(granted.json().get("waiver").get("grantedBy").asText()).isEqualTo("priya");

        assertProblem(server.post(path, priya, "{\"item\":\"demo\",\"reason\":\"r\",\"expires\":\"" + expires + "\"}"),
                422, "optional and never blocks");
        assertProblem(server.post(path, priya, "{\"item\":\"nope\",\"reason\":\"r\",\"expires\":\"" + expires + "\"}"),
                422, "no checklist item 'nope'");
        assertProblem(server.post(path, priya, "{\"item\":\"smoke\",\"reason\":\"r\",\"expires\":\"2020-01-01\"}"),
                422, "not in the future");
        assertProblem(server.post(path, priya, "{\"item\":\"smoke\",\"reason\":\"r\",\"expires\":\"soon\"}"),
                400, "ISO-8601");
        assertProblem(server.post(path, priya, "{\"item\":\"smoke\",\"reason\":\"r\",\"expires\":\"" + expires
                + "\",\"grantedBy\":\"someone-else\"}"), 400, "Unknown field 'grantedBy'");
        assertProblem(server.post(path, token("ops", "operate"), "{\"item\":\"smoke\",\"reason\":\"r\",\"expires\":\""
                + expires + "\"}"), 403, "approve");

        TestServer.Response listed = server.get(path, TestServer.ADMIN);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonNode list = listed.json().get("waivers");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("item").asText()).isEqualTo("smoke");
        assertThat(list.get(0).get("active").asBoolean()).isTrue();
        assertProblem(server.get("/api/v1/releases/shop/9.9.9/waivers", TestServer.ADMIN), 404, "No release shop 9.9.9");
    }

    @Nested
    class Owner {
        @Test
        void ownerAlone_cannotSignTheOnlyRole() {
            start(TestDatabases.Kind.SQLITE);
            push(PLAN.replace("signoffs: [qa-lead, security]", "signoffs: [security]"));
            assertProblem(sign(token("dana", "approve"), "security"), 422, "release owner dana cannot sign every role alone");
        }
    }
}
