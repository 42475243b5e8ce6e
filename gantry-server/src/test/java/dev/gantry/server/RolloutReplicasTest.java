package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two replicas on one PostgreSQL: only the leader drives a rollout, and the other takes over when it dies. */
class RolloutReplicasTest {
    static final String PATH = "/api/v1/releases/shop/5.0.0";
    static final String PLAN = """
            apiVersion: gantry/v1
            release: { product: shop, version: 5.0.0, owner: dana, target: 2026-12-02 }
            flags: [{ key: new-checkout }]
            rollout:
              flag: new-checkout
              phases:
                - { name: canary, percent: 10, hold: 3s }
                - { name: half, percent: 50, hold: 3s }
                - { name: everyone, percent: 100 }
              evaluationInterval: 1s
            """;

    @TempDir
    Path dir;
    final List<TestServer> servers = new ArrayList<>();
    TestDatabases.TestDb db;

    @AfterEach
    void stop() {
        servers.forEach(TestServer::close);
        if (db != null) {
            db.close();
        }
    }

    TestServer replica(String name) {
        TestServer s = TestServer.start(TestServer.config(db.url(), dir.resolve(name)),
                ServerWiring.defaults().withEnvironment(Map.of()).withNotifier(new RecordingNotifier()));
        servers.add(s);
        return s;
    }

    @Test
    void leaderDiesMidHold_otherReplicaContinues_noPhaseRepeatedOrSkipped() {
        db = TestDatabases.postgres();
        TestServer first = replica("a");
        await().atMost(Duration.ofSeconds(10)).until(() -> first.server.leader());
        TestServer second = replica("b");
        assertThat(second.server.leader()).isFalse();
        assertThat(second.post("/api/v1/releases", TestServer.ADMIN, PersistenceTest.pushBody("release.yaml", PLAN))
                .status()).isEqualTo(201);
        assertThat(second.put("/api/v1/environments/production/flags/new-checkout", TestServer.ADMIN, """
                {"type":"boolean","on":true,"salt":"new-checkout",
                 "variations":[{"name":"on","value":true},{"name":"off","value":false}],
                 "offVariation":"off","fallthrough":{"variation":"off"}}""").status()).isEqualTo(200); // the push created it (off); this replaces it
        assertThat(second.post(PATH + "/rollouts", TestServer.ADMIN, "{\"force\":true}").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> phases(second).size() == 2);

        first.close();
        servers.remove(first);
        await().atMost(Duration.ofSeconds(10)).until(() -> second.server.leader());
        await().atMost(Duration.ofSeconds(60)).until(() -> second.get(PATH + "/rollout", TestServer.ADMIN).json()
                .get("state").asText().equals("completed"));

        assertThat(phases(second)).containsExactly(0, 1, 2);
    }

    static List<Integer> phases(TestServer s) {
        List<Integer> out = new ArrayList<>();
        for (JsonNode e : s.get(PATH + "/rollout/events", TestServer.ADMIN).json().get("events")) {
            if (e.get("type").asText().equals("phase-entered")) {
                out.add(e.get("phase").asInt());
            }
        }
        return out;
    }
}
