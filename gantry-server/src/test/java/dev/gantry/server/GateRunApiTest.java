package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.gantry.server.gate.OutboundHosts;
import dev.gantry.signoff.PlanHash;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Gate runs: posted by the CLI, and run by the server within its allowed outbound hosts. */
class GateRunApiTest {
    @TempDir
    Path dir;
    TestServer server;
    TestDatabases.TestDb db;
    HttpServer target;
    final AtomicInteger healthHits = new AtomicInteger();
    final AtomicInteger localhostHits = new AtomicInteger();

    @BeforeEach
    void startTarget() throws IOException {
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/health", ex -> {
            healthHits.incrementAndGet();
            if (!"127.0.0.1".equals(ex.getRequestHeaders().getFirst("Host").replaceAll(":\\d+$", ""))) {
                localhostHits.incrementAndGet();
            }
            answer(ex, 200, "{\"status\":\"ok\"}");
        });
        target.createContext("/redirect", ex -> {
            ex.getResponseHeaders().add("Location", "http://localhost:" + port() + "/health");
            answer(ex, 302, "");
        });
        target.createContext("/api/v1/query", ex -> answer(ex, 200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"1\"]}]}}"));
        target.createContext("/", ex -> {
            ex.getResponseHeaders().add("X-Frame-Options", "DENY");
            answer(ex, 200, "home");
        });
        target.start();
    }

    static void answer(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    int port() {
        return target.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
        target.stop(0);
    }

    void start(TestDatabases.Kind kind, OutboundHosts hosts) {
        db = TestDatabases.create(kind, dir);
        server = TestServer.start(TestServer.config(db.url(), dir).withAllowedOutboundHosts(hosts));
    }

    String plan() {
        String base = "http://127.0.0.1:" + port();
        return """
                apiVersion: gantry/v1
                release: { product: shop, version: 3.0.0, owner: dana, target: 2026-12-02 }
                gates:
                  web:
                    - { id: health, title: Health, check: { type: http, url: "BASE/health", expect: 200 } }
                    - { id: headers, title: Headers, check: { type: http-headers, url: "BASE/", require: [x-frame-options] } }
                    - { id: metrics, title: Metrics, check: { type: prometheus, url: "BASE", query: up, expect: "== 1" } }
                    - { id: outside, title: Outside, check: { type: http, url: "http://internal.example.org/admin", expect: 200 } }
                    - { id: bounce, title: Bounce, check: { type: http, url: "BASE/redirect", expect: 200 } }
                  quality:
                    - { id: coverage, title: Coverage, check: { type: coverage, report: /etc/passwd, min: 70 } }
                    - { id: e2e, title: E2E, check: { type: command, run: "touch MARKER" } }
                    - { id: smoke, title: Smoke, check: { type: manual } }
                """.replace("BASE", base).replace("MARKER", dir.resolve("ran").toString());
    }

    void push(String plan) {
        TestServer.Response r = server.post("/api/v1/releases", TestServer.ADMIN, PersistenceTest.pushBody("release.yaml", plan));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    static Map<String, JsonNode> items(JsonNode run) {
        Map<String, JsonNode> byId = new HashMap<>();
        run.get("items").forEach(i -> byId.put(i.get("id").asText(), i));
        return byId;
    }

    @Nested
    class ServerRuns {
        @Test
        void serverRun_allowedHostsOnly_fileAndCommandChecksSkipped() {
            start(TestDatabases.Kind.SQLITE, OutboundHosts.parse("127.0.0.1"));
            push(plan());
            TestServer.Response r = server.post("/api/v1/releases/shop/3.0.0/gate-runs/server", TestServer.ADMIN, null);
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            JsonNode run = r.json();
            Map<String, JsonNode> items = items(run);
            assertThat(run.get("origin").asText()).isEqualTo("server");
            assertThat(items.get("health").get("status").asText()).as(items.get("health").toString()).isEqualTo("PASS");
            assertThat(items.get("headers").get("status").asText()).as(items.get("headers").toString()).isEqualTo("PASS");
            assertThat(items.get("metrics").get("status").asText()).as(items.get("metrics").toString()).isEqualTo("PASS");
            assertThat(items.get("outside").get("status").asText()).isEqualTo("ERROR");
            assertThat(items.get("outside").get("reason").asText())
                    .isEqualTo("host internal.example.org is not in the server's allowed outbound hosts");
            assertThat(items.get("bounce").get("status").asText()).isIn("ERROR", "FAIL");
            assertThat(items.get("bounce").get("reason").asText()).endsWith("was not sent: host localhost is not in the server's allowed outbound hosts");
            for (String id : new String[] {"coverage", "e2e", "smoke"}) {
                assertThat(items.get(id).get("status").asText()).isEqualTo("SKIPPED");
                assertThat(items.get(id).get("reason").asText()).isEqualTo("runs in the CLI only");
            }
            assertThat(run.get("verdict").asText()).isEqualTo("NO_GO");
            assertThat(Files.exists(dir.resolve("ran"))).as("the command check must never run on the server").isFalse();
            assertThat(localhostHits.get()).as("the redirect to a host not allowed must not be followed").isZero();
            assertThat(healthHits.get()).isEqualTo(1);

            JsonNode latest = server.get("/api/v1/releases/shop/3.0.0/gate-runs/latest", TestServer.ADMIN).json();
            assertThat(latest.get("run").asLong()).isEqualTo(run.get("run").asLong());
            assertThat(latest.get("items")).hasSize(8);
        }

        @Test
        void serverRun_defaultNoHostsAllowed_everyOutboundItemErrors() {
            start(TestDatabases.Kind.SQLITE, OutboundHosts.none());
            push(plan());
            JsonNode run = server.post("/api/v1/releases/shop/3.0.0/gate-runs/server", TestServer.ADMIN, null).json();
            Map<String, JsonNode> items = items(run);
            for (String id : new String[] {"health", "headers", "metrics"}) {
                assertThat(items.get(id).get("reason").asText())
                        .isEqualTo("host 127.0.0.1 is not in the server's allowed outbound hosts");
            }
            assertThat(healthHits.get()).isZero();
        }

        @Test
        void serverRun_readToken_403() {
            start(TestDatabases.Kind.SQLITE, OutboundHosts.none());
            push(plan());
            TestServer.Response t = server.post("/api/v1/tokens", TestServer.ADMIN, "{\"name\":\"r\",\"scopes\":[\"read\"]}");
            String reader = t.json().get("token").asText();
            assertThat(server.post("/api/v1/releases/shop/3.0.0/gate-runs/server", reader, null).status()).isEqualTo(403);
        }
    }

    ObjectNode cliRun(String plan, String overrideStatus) {
        ObjectNode body = TestServer.JSON.createObjectNode();
        body.put("planHash", PlanHash.of(plan.getBytes(StandardCharsets.UTF_8)));
        ArrayNode items = body.putArray("items");
        String[][] all = {{"web", "health"}, {"web", "headers"}, {"web", "metrics"}, {"web", "outside"}, {"web", "bounce"},
            {"quality", "coverage"}, {"quality", "e2e"}, {"quality", "smoke"}};
        for (String[] it : all) {
            ObjectNode i = items.addObject();
            i.put("category", it[0]).put("id", it[1]).put("status", it[1].equals("e2e") ? overrideStatus : "PASS")
                    .put("reason", "checked").put("durationMs", 12);
            i.putArray("evidence").add("from the CLI");
        }
        return body;
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void cliRun_validated_verdictDecidedWithServerWaivers(TestDatabases.Kind kind) {
        start(kind, OutboundHosts.none());
        String plan = plan();
        push(plan);
        String path = "/api/v1/releases/shop/3.0.0/gate-runs";

        TestServer.Response go = server.post(path, TestServer.ADMIN, cliRun(plan, "PASS").toString());
        assertThat(go.status()).as(go.body()).isEqualTo(201);
        assertThat(go.json().get("verdict").asText()).isEqualTo("GO");
        assertThat(go.json().get("origin").asText()).isEqualTo("cli");
        assertThat(go.json().get("revision").asLong()).isEqualTo(1);

        TestServer.Response noGo = server.post(path, TestServer.ADMIN, cliRun(plan, "FAIL").toString());
        assertThat(noGo.json().get("verdict").asText()).isEqualTo("NO_GO");
        assertThat(noGo.json().get("blocking").get(0).asText()).isEqualTo("e2e");

        String expires = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        assertThat(server.post("/api/v1/releases/shop/3.0.0/waivers", TestServer.ADMIN,
                "{\"item\":\"e2e\",\"reason\":\"flaky runner\",\"expires\":\"" + expires + "\"}").status()).isEqualTo(201);
        TestServer.Response waived = server.post(path, TestServer.ADMIN, cliRun(plan, "FAIL").toString());
        assertThat(waived.json().get("verdict").asText()).isEqualTo("GO_WITH_WAIVERS");
        assertThat(waived.json().get("waived").get(0).get("reason").asText()).isEqualTo("flaky runner");

        JsonNode list = server.get(path, TestServer.ADMIN).json().get("runs");
        assertThat(list).hasSize(3);
        assertThat(list.get(2).get("run").asLong()).isEqualTo(3);
        assertThat(list.get(2).has("items")).isFalse();
        JsonNode latest = server.get(path + "/latest", TestServer.ADMIN).json();
        assertThat(latest.get("verdict").asText()).isEqualTo("GO_WITH_WAIVERS");
        assertThat(items(latest).get("e2e").get("evidence").get(0).asText()).isEqualTo("from the CLI");
    }

    @Nested
    class Refusals {
        String plan;
        String path = "/api/v1/releases/shop/3.0.0/gate-runs";

        @BeforeEach
        void setUp() {
            start(TestDatabases.Kind.SQLITE, OutboundHosts.none());
            plan = plan();
            push(plan);
        }

        void assertProblem(ObjectNode body, int status, String detailPart) {
            TestServer.Response r = server.post(path, TestServer.ADMIN, body.toString());
            assertThat(r.status()).as(r.body()).isEqualTo(status);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asText()).contains(detailPart);
        }

        @Test
        void unknownPlanHash_409() {
            assertProblem(cliRun(plan + "# edited locally\n", "PASS"), 409, "push the plan the run used first");
        }

        @Test
        void missingItem_422() {
            ObjectNode body = cliRun(plan, "PASS");
            ((ArrayNode) body.get("items")).remove(7);
            assertProblem(body, 422, "lacks 1 of the plan's items (smoke)");
        }

        @Test
        void unknownStatus_422() {
            assertProblem(cliRun(plan, "GREEN"), 422, "has status 'GREEN'");
        }

        @Test
        void unknownItemOrWrongCategory_422() {
            ObjectNode body = cliRun(plan, "PASS");
            ((ObjectNode) body.get("items").get(0)).put("category", "quality");
            assertProblem(body, 422, "is in category 'web' of the plan, not 'quality'");
            ObjectNode extra = cliRun(plan, "PASS");
            ((ArrayNode) extra.get("items")).addObject().put("category", "web").put("id", "ghost").put("status", "PASS")
                    .put("reason", "r");
            assertProblem(extra, 422, "no checklist item 'ghost'");
        }

        @Test
        void clientVerdictOrUnknownField_400() {
            ObjectNode body = cliRun(plan, "PASS");
            body.put("verdict", "GO");
            assertProblem(body, 400, "Unknown field 'verdict'");
        }

        @Test
        void noRunYet_latest404() {
            TestServer.Response r = server.get(path + "/latest", TestServer.ADMIN);
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.json().get("detail").asText()).contains("has no gate run yet");
        }
    }

    @Nested
    class Config {
        @Test
        void allowedOutboundHosts_wildcardsAndExactNames() {
            OutboundHosts hosts = OutboundHosts.parse(" staging.example.com, *.internal.example.org ,10.0.0.5");
            assertThat(hosts.allows("staging.example.com")).isTrue();
            assertThat(hosts.allows("STAGING.example.com")).isTrue();
            assertThat(hosts.allows("prod.example.com")).isFalse();
            assertThat(hosts.allows("a.internal.example.org")).isTrue();
            assertThat(hosts.allows("a.b.internal.example.org")).isTrue();
            assertThat(hosts.allows("internal.example.org")).isFalse();
            assertThat(hosts.allows("evilinternal.example.org")).isFalse();
            assertThat(hosts.allows("10.0.0.5")).isTrue();
            assertThat(OutboundHosts.none().allows("localhost")).isFalse();
            assertThatThrownBy(() -> OutboundHosts.parse("*")).hasMessageContaining("no allow-everything wildcard");
        }

        @Test
        void resolve_flagOverEnvOverFile_defaultNone() throws IOException {
            Path file = dir.resolve("gantry.properties");
            Files.writeString(file, "allowed-outbound-hosts = file.example.com\n");
            assertThat(ServerConfig.resolve(Map.of(), Map.of(), Optional.empty()).allowedOutboundHosts().patterns()).isEmpty();
            assertThat(ServerConfig.resolve(Map.of(), Map.of(), Optional.of(file)).allowedOutboundHosts().allows("file.example.com"))
                    .isTrue();
            ServerConfig env = ServerConfig.resolve(Map.of(), Map.of("GANTRY_ALLOWED_OUTBOUND_HOSTS", "*.env.example.com"),
                    Optional.of(file));
            assertThat(env.allowedOutboundHosts().allows("a.env.example.com")).isTrue();
            assertThat(env.allowedOutboundHosts().allows("file.example.com")).isFalse();
            ServerConfig flag = ServerConfig.resolve(Map.of("allowed-outbound-hosts", "flag.example.com"),
                    Map.of("GANTRY_ALLOWED_OUTBOUND_HOSTS", "*.env.example.com"), Optional.of(file));
            assertThat(flag.allowedOutboundHosts().patterns()).containsExactly("flag.example.com");
        }
    }
}
