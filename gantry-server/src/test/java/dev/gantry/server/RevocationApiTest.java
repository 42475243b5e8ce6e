package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.signoff.PlanHash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Revoking sign-offs and waivers: who may, audited, and they stop counting; SQLite and PostgreSQL. */
class RevocationApiTest {
    static final String PLAN = SignOffWaiverApiTest.PLAN;
    static final String BASE = "/api/v1/releases/shop/2.0.0";

    @TempDir
    Path dir;
    TestServer server;
    TestDatabases.TestDb db;

    void start(TestDatabases.Kind kind) {
        db = TestDatabases.create(kind, dir);
        server = TestServer.start(TestServer.config(db.url(), dir));
        assertThat(server.post("/api/v1/releases", TestServer.ADMIN, PersistenceTest.pushBody("release.yaml", PLAN)).status())
                .isEqualTo(201);
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
        return server.post("/api/v1/tokens", TestServer.ADMIN, "{\"name\":\"" + name + "\",\"scopes\":[\"" + scope + "\"]}")
                .json().get("token").asText();
    }

    List<String> actions() {
        List<String> out = new ArrayList<>();
        server.get("/api/v1/audit?limit=1000", TestServer.ADMIN).json().get("entries").forEach(e -> out.add(e.get("action").asText()));
        return out;
    }

    String verdict(String smokeStatus) {
        ObjectNode body = TestServer.JSON.createObjectNode();
        body.put("planHash", PlanHash.of(PLAN.getBytes(StandardCharsets.UTF_8)));
        body.putArray("items").addObject().put("category", "quality").put("id", "smoke").put("status", smokeStatus)
                .put("reason", "not done");
        ((com.fasterxml.jackson.databind.node.ArrayNode) body.get("items")).addObject().put("category", "quality")
                .put("id", "demo").put("status", "PASS").put("reason", "done");
        TestServer.Response r = server.post(BASE + "/gate-runs", TestServer.ADMIN, body.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("verdict").asText();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void signoffRevoke_bySignerOrAdminOnly_roleOutstandingAgain(TestDatabases.Kind kind) {
        start(kind);
        String quinn = token("quinn", "approve");
        String sam = token("sam", "approve");
        String dana = token("dana", "approve");
        assertThat(server.post(BASE + "/signoffs", quinn, "{\"role\":\"qa-lead\"}").status()).isEqualTo(201);
        assertThat(server.post(BASE + "/signoffs", sam, "{\"role\":\"security\"}").status()).isEqualTo(201);
        assertThat(server.get(BASE + "/signoffs", TestServer.ADMIN).json().get("complete").asBoolean()).isTrue();

        TestServer.Response notSigner = server.post(BASE + "/signoffs/qa-lead/revoke", sam, "{\"reason\":\"mine now\"}");
        assertThat(notSigner.status()).isEqualTo(403);
        assertThat(notSigner.json().get("detail").asText()).contains("Only the signer (quinn)");
        assertThat(server.post(BASE + "/signoffs/qa-lead/revoke", quinn, "{}").status()).isEqualTo(400);

        TestServer.Response revoked = server.post(BASE + "/signoffs/qa-lead/revoke", quinn,
                "{\"reason\":\"found a regression in checkout\"}");
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("status").get("complete").asBoolean()).isFalse();
        assertThat(revoked.json().get("status").get("outstanding").get(0).asText()).isEqualTo("qa-lead");
        assertThat(server.post(BASE + "/signoffs/qa-lead/revoke", quinn, "{\"reason\":\"again\"}").status()).isEqualTo(404);

        JsonNode status = server.get(BASE + "/signoffs", TestServer.ADMIN).json();
        assertThat(status.get("revoked")).hasSize(1);
        assertThat(status.get("revoked").get(0).get("revokeReason").asText()).isEqualTo("found a regression in checkout");
        assertThat(server.post(BASE + "/signoffs", dana, "{\"role\":\"qa-lead\"}").status()).as("role free to sign again")
                .isEqualTo(201);

        TestServer.Response byAdmin = server.post(BASE + "/signoffs/security/revoke", TestServer.ADMIN, "{\"reason\":\"sam left\"}");
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(byAdmin.json().get("revoked").get("by").asText()).isEqualTo("sam");
        assertThat(actions().stream().filter("signoff.revoke"::equals).count()).isEqualTo(2);
        assertThat(server.get("/api/v1/audit/verify", TestServer.ADMIN).json().get("intact").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void waiverRevoke_verdictNoLongerCountsIt(TestDatabases.Kind kind) {
        start(kind);
        String approver = token("ava", "approve");
        String operator = token("otto", "operate");
        assertThat(verdict("PENDING")).isEqualTo("NO_GO");
        TestServer.Response granted = server.post(BASE + "/waivers", approver,
                "{\"item\":\"smoke\",\"reason\":\"covered by e2e\",\"expires\":\"2099-01-01\"}");
        assertThat(granted.status()).isEqualTo(201);
        String id = granted.json().get("waiver").get("id").asText();
        assertThat(verdict("PENDING")).isEqualTo("GO_WITH_WAIVERS");

        assertThat(server.post(BASE + "/waivers/" + id + "/revoke", operator, "{\"reason\":\"x\"}").status()).isEqualTo(403);
        assertThat(server.post(BASE + "/waivers/nope/revoke", approver, "{\"reason\":\"x\"}").status()).isEqualTo(404);
        TestServer.Response revoked = server.post(BASE + "/waivers/" + id + "/revoke", approver,
                "{\"reason\":\"e2e does not cover payments\"}");
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("waiver").get("active").asBoolean()).isFalse();
        assertThat(revoked.json().get("waiver").get("revoked").get("by").asText()).isEqualTo("ava");

        assertThat(verdict("PENDING")).isEqualTo("NO_GO");
        JsonNode list = server.get(BASE + "/waivers", TestServer.ADMIN).json().get("waivers");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("revoked").get("reason").asText()).isEqualTo("e2e does not cover payments");
        assertThat(server.post(BASE + "/waivers/" + id + "/revoke", TestServer.ADMIN, "{\"reason\":\"twice\"}").status())
                .isEqualTo(404);
        assertThat(actions()).contains("waiver.grant", "waiver.revoke");
    }
}
