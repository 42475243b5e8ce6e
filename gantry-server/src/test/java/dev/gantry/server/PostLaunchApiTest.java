package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.server.gate.OutboundHosts;
import dev.gantry.server.rollout.RolledBack;
import dev.gantry.testing.PrometheusServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Post-launch snapshots from a real Prometheus on the plan's schedule, bugs, and the review, on both databases. */
class PostLaunchApiTest {
    static final String BASE = "/api/v1/releases/shop/2.0.0";
    static final String PLAN = """
            apiVersion: gantry/v1
            release: { product: shop, version: 2.0.0, owner: dana, target: 2027-05-10 }
            successMetrics:
              - { id: error-rate, name: Error rate, target: "< 1%%", source: prometheus, query: '%s', reviewAt: D+7 }
              - { id: requests, name: Requests, target: ">= 100", source: prometheus, query: "sum(http_requests_total)", reviewAt: D+7 }
              - { id: broken, name: Per-code requests, target: ">= 1", source: prometheus, query: "http_requests_total", reviewAt: D+7 }
              - { id: signups, name: Signups, target: ">= 50", source: manual, reviewAt: D+7 }
            """.formatted(TestApplication.errorRateQuery("5s"));

    static TestApplication app;
    static PrometheusServer prometheus;

    @TempDir
    Path dir;
    TestDatabases.TestDb db;
    TestServer server;
    final MutableClock clock = new MutableClock(Instant.parse("2027-05-09T12:00:00Z"));

    @BeforeAll
    static void prometheus() {
        app = TestApplication.start();
        prometheus = PrometheusServer.scraping(app.metricsUrl());
        prometheus.awaitQuery("sum(rate(http_requests_total[5s])) > 0");
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
        app.close();
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

    int snapshotsAt(String instant) {
        clock.set(Instant.parse(instant));
        server.server.runLeaderTasks();
        return server.get(BASE + "/snapshots", TestServer.ADMIN).json().get("snapshots").size();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void snapshots_hourlyOnLaunchDayDailyAfter_reviewDecidedFromThem(TestDatabases.Kind kind) {
        db = TestDatabases.create(kind, dir);
        server = TestServer.start(TestServer.config(db.url(), dir).withAllowedOutboundHosts(OutboundHosts.parse("127.0.0.1")),
                clock, ServerWiring.defaults().withEnvironment(Map.of("GANTRY_PROMETHEUS_URL", prometheus.url())));
        assertThat(server.post("/api/v1/releases", TestServer.ADMIN, PersistenceTest.pushBody("release.yaml", PLAN)).status())
                .isEqualTo(201);

        assertThat(snapshotsAt("2027-05-09T23:59:59Z")).as("before launch").isZero();
        assertThat(snapshotsAt("2027-05-10T10:30:00Z")).as("one per prometheus metric").isEqualTo(3);
        assertThat(snapshotsAt("2027-05-10T10:59:59Z")).as("same hourly slot").isEqualTo(3);
        assertThat(snapshotsAt("2027-05-10T11:00:00Z")).as("next hour").isEqualTo(6);
        assertThat(snapshotsAt("2027-05-13T15:00:00Z")).as("daily on D+3").isEqualTo(9);
        assertThat(snapshotsAt("2027-05-13T23:00:00Z")).as("same day").isEqualTo(9);
        assertThat(snapshotsAt("2027-05-17T12:00:00Z")).as("after D+6, no schedule").isEqualTo(9);

        List<String> slots = new ArrayList<>();
        JsonNode snapshots = server.get(BASE + "/snapshots", TestServer.ADMIN).json().get("snapshots");
        snapshots.forEach(s -> {
            if (s.get("metric").asText().equals("requests")) {
                slots.add(s.get("slot").asText());
                assertThat(s.get("value").asDouble()).isGreaterThan(100);
            }
            if (s.get("metric").asText().equals("error-rate")) {
                assertThat(s.get("value").asDouble()).isZero();
            }
            if (s.get("metric").asText().equals("broken")) {
                assertThat(s.get("error").asText()).isEqualTo("the query returned 2 series; a success metric needs one");
            }
        });
        assertThat(slots).containsExactly("2027-05-10T10:00:00Z", "2027-05-10T11:00:00Z", "2027-05-13T00:00:00Z");

        String reader = token("rita", "read");
        assertThat(server.post(BASE + "/metrics/signups", reader, "{\"value\":40}").status()).isEqualTo(403);
        assertThat(server.post(BASE + "/metrics/nope", TestServer.ADMIN, "{\"value\":40}").status()).isEqualTo(404);
        assertThat(server.post(BASE + "/metrics/signups", TestServer.ADMIN, "{\"value\":40}").status()).isEqualTo(201);
        TestServer.Response bug = server.post(BASE + "/bugs", TestServer.ADMIN,
                "{\"title\":\"Totals wrong\",\"severity\":\"critical\",\"reportedAt\":\"2027-05-10T20:00:00Z\"}");
        assertThat(bug.status()).as(bug.body()).isEqualTo(201);
        assertThat(server.post(BASE + "/bugs", TestServer.ADMIN, "{\"title\":\"x\",\"severity\":\"bad\"}").status())
                .isEqualTo(400);
        server.server.rollbackListener().rolledBack(new RolledBack("shop", "2.0.0", 1, "guard error-rate", true, true,
                Instant.parse("2027-05-10T12:00:00Z")));

        JsonNode review = server.get(BASE + "/review", reader).json();
        assertThat(review.get("decision").asText()).isEqualTo("failed");
        List<String> reasons = new ArrayList<>();
        review.get("reasons").forEach(r -> reasons.add(r.asText()));
        assertThat(reasons).containsExactly("Signups is 40, target >= 50", "1 critical bug was reported within 48 hours of launch",
                "Per-code requests was not measured", "the release was rolled back once", "1 incident is not resolved", "1 bug is still open");
        String markdown = server.get(BASE + "/review?format=markdown", reader).body();
        assertThat(markdown).contains("## Decision: failed", "| Error rate | < 1% | 0% | pass | prometheus at 2027-05-13 15:00 UTC |",
                "| Signups | >= 50 | 40 | FAIL | manual at 2027-05-17 12:00 UTC |", "- 2027-05-10 12:00 UTC, automatic: guard error-rate",
                "Totals wrong (reported 2027-05-10 20:00 UTC, open)",
                "| shop 2.0.0 rolled back | minor | identified |");

        String bugId = bug.json().get("id").asText();
        assertThat(server.post(BASE + "/bugs/" + bugId + "/resolve", TestServer.ADMIN, null).status()).isEqualTo(200);
        assertThat(server.post(BASE + "/bugs/" + bugId + "/resolve", TestServer.ADMIN, null).status()).isEqualTo(409);
        assertThat(server.get(BASE + "/review", reader).json().get("reasons").toString()).doesNotContain("still open");
        assertThat(server.get("/api/v1/audit/verify", TestServer.ADMIN).status()).isEqualTo(200);
    }

    String token(String name, String scope) {
        TestServer.Response r = server.post("/api/v1/tokens", TestServer.ADMIN,
                "{\"name\":\"" + name + "\",\"scopes\":[\"" + scope + "\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("token").asText();
    }
}
