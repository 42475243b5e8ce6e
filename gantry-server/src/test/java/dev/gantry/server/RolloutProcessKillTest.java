package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server process killed outright (no shutdown) in the middle of a hold: a server started again
 * on the same SQLite database continues the rollout, with no phase repeated or skipped and the
 * hold counted from the stored timestamps.
 */
class RolloutProcessKillTest {
    static final String PATH = "/api/v1/releases/shop/6.0.0";
    static final String PLAN = """
            apiVersion: gantry/v1
            release: { product: shop, version: 6.0.0, owner: dana, target: 2026-12-02 }
            flags: [{ key: new-checkout }]
            rollout:
              flag: new-checkout
              phases:
                - { name: canary, percent: 10, hold: 2s }
                - { name: half, percent: 50, hold: 6s }
                - { name: everyone, percent: 100 }
              evaluationInterval: 1s
            """;
    static final String FLAG = """
            {"type":"boolean","on":true,"salt":"new-checkout",
             "variations":[{"name":"on","value":true},{"name":"off","value":false}],
             "offVariation":"off","fallthrough":{"variation":"off"}}""";

    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newHttpClient();
    Process process;
    TestServer restarted;

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
        if (restarted != null) {
            restarted.close();
        }
    }

    @Test
    void processKilledDuringHold_restartedServerContinues_noPhaseRepeatedOrSkipped() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("gantry.db");
        URI base = startProcess(url);
        assertThat(send(base, "POST", "/api/v1/releases", PersistenceTest.pushBody("release.yaml", PLAN))).isEqualTo(201);
        assertThat(send(base, "PUT", "/api/v1/environments/production/flags/new-checkout", FLAG)).isEqualTo(200);
        assertThat(send(base, "POST", PATH + "/rollouts", "{\"force\":true}")).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> phaseEntries(base).size() == 2);

        process.destroyForcibly().waitFor();
        assertThat(process.isAlive()).isFalse();
        restarted = TestServer.start(TestServer.config(url, dir.resolve("b")),
                ServerWiring.defaults().withEnvironment(Map.of()).withNotifier(new RecordingNotifier()));
        await().atMost(Duration.ofSeconds(60)).until(() -> restarted.get(PATH + "/rollout", TestServer.ADMIN).json()
                .get("state").asText().equals("completed"));

        List<JsonNode> entries = new ArrayList<>();
        for (JsonNode e : restarted.get(PATH + "/rollout/events", TestServer.ADMIN).json().get("events")) {
            if (e.get("type").asText().equals("phase-entered")) {
                entries.add(e);
            }
        }
        assertThat(entries.stream().map(e -> e.get("phase").asInt())).containsExactly(0, 1, 2);
        Instant half = Instant.parse(entries.get(1).get("at").asText());
        Instant everyone = Instant.parse(entries.get(2).get("at").asText());
        assertThat(Duration.between(half, everyone)).as("the half phase held its 6s across the kill")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(6));
        assertThat(restarted.get("/api/v1/environments/production/flags/new-checkout", TestServer.ADMIN).json()
                .toString()).contains("100");
    }

    URI startProcess(String url) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ReplicaProcess.class.getName(), url, dir.resolve("a").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
            // start-up output
        }
        assertThat(line).as("server process started").isNotNull();
        return URI.create("http://127.0.0.1:" + line.substring(6).trim() + "/");
    }

    int send(URI base, String method, String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + TestServer.ADMIN).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    List<Integer> phaseEntries(URI base) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(PATH + "/rollout/events"))
                .header("Authorization", "Bearer " + TestServer.ADMIN).build(), HttpResponse.BodyHandlers.ofString());
        List<Integer> out = new ArrayList<>();
        for (JsonNode e : TestServer.JSON.readTree(r.body()).get("events")) {
            if (e.get("type").asText().equals("phase-entered")) {
                out.add(e.get("phase").asInt());
            }
        }
        return out;
    }
}
