package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.server.rollout.RolledBack;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The public status page and its management API, on SQLite and PostgreSQL. */
class StatusPageApiTest {
    static final String CANARY_URL = "https://hooks.slack.com/services/T0CANARY/B0CANARY/canary-webhook-secret-7f3a";

    @TempDir
    Path dir;
    TestServer server;
    TestDatabases.TestDb db;
    final LocalDate launch = LocalDate.now(ZoneOffset.UTC).plusDays(10);

    String plan() {
        return """
                apiVersion: gantry/v1
                release: { product: Shop Web, version: 2.0.0, owner: dana, target: %s }
                infrastructure:
                  - { component: Database, service: PostgreSQL, configuration: Managed }
                  - { component: File storage, service: S3, configuration: Bucket }
                communications:
                  - { id: launch-window, audience: public, medium: status-page, when: D0, at: "14:00", subject: Scheduled maintenance for 2.0, template: templates/maintenance.md }
                  - { id: rollback-note, audience: public, medium: status-page, trigger: rollback, subject: We rolled back }
                """.formatted(launch);
    }

    void start(TestDatabases.Kind kind) {
        db = TestDatabases.create(kind, dir);
        server = TestServer.start(TestServer.config(db.url(), dir));
        TestServer.Response r = server.post("/api/v1/releases", TestServer.ADMIN, CommunicationsApiTest.pushBody(plan(),
                java.util.Map.of("templates/maintenance.md", "On {{release.target}} we upgrade {{release.product}}.\n")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
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

    JsonNode page() {
        TestServer.Response r = server.get("/status.json", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
        return r.json();
    }

    static String status(JsonNode page, String component) {
        for (JsonNode c : page.get("components")) {
            if (c.get("id").asText().equals(component)) {
                return c.get("status").asText();
            }
        }
        throw new AssertionError("no component " + component + " in " + page);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void page_fromPlans_componentsAndLaunchWindowWithoutToken(TestDatabases.Kind kind) {
        start(kind);
        JsonNode page = page();

        assertThat(page.get("status").get("indicator").asText()).isEqualTo("none");
        assertThat(page.get("status").get("description").asText()).isEqualTo("All Systems Operational");
        List<String> ids = new ArrayList<>();
        page.get("components").forEach(c -> ids.add(c.get("id").asText() + "=" + c.get("name").asText()));
        assertThat(ids).containsExactly("shop-web=Shop Web", "shop-web-database=Database", "shop-web-file-storage=File storage");
        JsonNode window = page.get("scheduled_maintenances").get(0);
        assertThat(window.get("name").asText()).isEqualTo("Scheduled maintenance for 2.0");
        assertThat(window.get("status").asText()).isEqualTo("scheduled");
        assertThat(window.get("scheduled_for").asText()).isEqualTo(launch + "T14:00:00Z");
        assertThat(window.get("scheduled_until").asText()).isEqualTo(launch + "T15:00:00Z");
        assertThat(window.get("components").get(0).asText()).isEqualTo("shop-web");
        assertThat(window.get("body").asText()).isEqualTo("On " + launch + " we upgrade Shop Web.");
        assertThat(page.get("scheduled_maintenances")).hasSize(1);
        assertThat(server.get("/api/v1/status", null).json().get("components")).hasSize(3);

        String moved = plan().replace("at: \"14:00\"", "at: \"16:30\"");
        assertThat(server.post("/api/v1/releases", TestServer.ADMIN, PersistenceTest.pushBody("release.yaml", moved)).status())
                .isEqualTo(201);
        JsonNode after = page();
        assertThat(after.get("scheduled_maintenances")).hasSize(1);
        assertThat(after.get("scheduled_maintenances").get(0).get("scheduled_for").asText()).isEqualTo(launch + "T16:30:00Z");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void incidents_openUpdateResolve_indicatorFollowsAndAudited(TestDatabases.Kind kind) {
        start(kind);
        String reader = token("rita", "read");
        String ops = token("olga", "operate");

        assertThat(server.put("/api/v1/status/components/shop-web", reader, "{\"status\":\"major_outage\"}").status())
                .isEqualTo(403);
        assertThat(server.put("/api/v1/status/components/shop-web", null, "{\"status\":\"major_outage\"}").status())
                .isEqualTo(401);
        TestServer.Response bad = server.put("/api/v1/status/components/shop-web", ops, "{\"status\":\"on-fire\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asText()).contains("operational, degraded_performance");
        assertThat(server.put("/api/v1/status/components/nope", ops, "{\"status\":\"major_outage\"}").status()).isEqualTo(404);

        assertThat(server.put("/api/v1/status/components/shop-web-database", ops, "{\"status\":\"degraded_performance\"}")
                .status()).isEqualTo(200);
        assertThat(page().get("status").get("indicator").asText()).isEqualTo("minor");
        assertThat(status(page(), "shop-web-database")).isEqualTo("degraded_performance");

        TestServer.Response opened = server.post("/api/v1/status/incidents", ops, """
                {"name":"Checkout errors","impact":"major","body":"Some payments fail.","components":["shop-web"],
                 "product":"Shop Web","version":"2.0.0"}""");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String id = opened.json().get("id").asText();
        assertThat(page().get("status").get("indicator").asText()).isEqualTo("major");
        assertThat(page().get("incidents").get(0).get("status").asText()).isEqualTo("investigating");

        assertThat(server.post("/api/v1/status/incidents/" + id + "/updates", ops,
                "{\"status\":\"monitoring\",\"body\":\"A fix is out.\"}").status()).isEqualTo(201);
        server = server.restart();
        JsonNode incident = page().get("incidents").get(0);
        assertThat(incident.get("status").asText()).isEqualTo("monitoring");
        assertThat(incident.get("incident_updates").get(0).get("body").asText()).isEqualTo("A fix is out.");
        assertThat(incident.get("incident_updates").get(1).get("body").asText()).isEqualTo("Some payments fail.");

        assertThat(server.post("/api/v1/status/incidents/" + id + "/resolve", ops, "{\"body\":\"All good.\"}").status())
                .isEqualTo(200);
        assertThat(page().get("incidents")).isEmpty();
        assertThat(page().get("status").get("indicator").asText()).isEqualTo("minor");
        assertThat(server.post("/api/v1/status/incidents/" + id + "/updates", ops,
                "{\"status\":\"monitoring\",\"body\":\"again\"}").status()).isEqualTo(409);
        assertThat(server.get("/api/v1/status/incidents/" + id, null).json().get("resolved_at").isNull()).isFalse();

        List<String> actions = new ArrayList<>();
        server.get("/api/v1/audit?limit=1000", TestServer.ADMIN).json().get("entries")
                .forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).contains("status.component.add", "status.component.set", "status.incident.open",
                "status.incident.update", "status.incident.resolve", "status.maintenance.schedule");
        assertThat(server.get("/api/v1/audit/verify", TestServer.ADMIN).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void maintenance_inProgress_componentUnderMaintenance(TestDatabases.Kind kind) {
        start(kind);
        String ops = token("olga", "operate");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TestServer.Response r = server.post("/api/v1/status/maintenances", ops, """
                {"name":"Database upgrade","body":"Read-only for a few minutes.","components":["shop-web-database"],
                 "startsAt":"%s","endsAt":"%s"}""".formatted(now.minus(1, ChronoUnit.MINUTES), now.plus(1, ChronoUnit.HOURS)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode page = page();
        assertThat(status(page, "shop-web-database")).isEqualTo("under_maintenance");
        assertThat(status(page, "shop-web")).isEqualTo("operational");
        assertThat(page.get("status").get("indicator").asText()).isEqualTo("maintenance");
        assertThat(page.get("scheduled_maintenances").get(0).get("status").asText()).isEqualTo("in_progress");

        assertThat(server.post("/api/v1/status/maintenances", ops, """
                {"name":"x","components":["nope"],"startsAt":"%s","endsAt":"%s"}"""
                .formatted(now, now.plus(1, ChronoUnit.HOURS))).status()).isEqualTo(422);
        assertThat(server.post("/api/v1/status/maintenances", ops, """
                {"name":"x","startsAt":"%s","endsAt":"%s"}""".formatted(now, now)).status()).isEqualTo(400);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void rolledBack_opensOneIncidentNamingReleaseWithoutSecrets(TestDatabases.Kind kind) {
        start(kind);
        RolledBack event = new RolledBack("Shop Web", "2.0.0", 1,
                "guard error-rate: 0.12 > 0.05 for 5m (alert sent to " + CANARY_URL + ")", true, true,
                Instant.parse("2026-12-01T10:15:30Z"));

        server.server.rollbackListener().rolledBack(event);
        server.server.rollbackListener().rolledBack(event);

        TestServer.Response r = server.get("/status.json", null);
        assertThat(r.body()).doesNotContain("canary-webhook-secret").doesNotContain("hooks.slack.com");
        JsonNode incidents = r.json().get("incidents");
        assertThat(incidents).hasSize(1);
        JsonNode incident = incidents.get(0);
        assertThat(incident.get("name").asText()).isEqualTo("Shop Web 2.0.0 rolled back");
        assertThat(incident.get("status").asText()).isEqualTo("identified");
        assertThat(incident.get("components").get(0).asText()).isEqualTo("shop-web");
        assertThat(incident.get("release").get("version").asText()).isEqualTo("2.0.0");
        assertThat(incident.get("incident_updates").get(0).get("body").asText())
                .contains("rolled back Shop Web 2.0.0 automatically because of guard error-rate: 0.12 > 0.05 for 5m")
                .contains("previous version is serving again");
        assertThat(r.json().get("status").get("indicator").asText()).isEqualTo("minor");
        assertThat(server.get("/api/v1/audit?limit=1000", TestServer.ADMIN).body()).doesNotContain("canary-webhook-secret");
    }
}
