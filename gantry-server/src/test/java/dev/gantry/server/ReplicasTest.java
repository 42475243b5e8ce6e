package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.flags.EvaluationContext;
import dev.gantry.flags.sdk.GantryClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two replicas as separate processes on one PostgreSQL: fan-out of flag changes and leader takeover. */
class ReplicasTest {
    @TempDir
    Path dir;
    final List<Process> processes = new ArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopAll() {
        processes.forEach(Process::destroyForcibly);
    }

    record Replica(Process process, URI uri) {}

    Replica start(String url, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ReplicaProcess.class.getName(), url, dir.resolve(name).toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
            // start-up output
        }
        assertThat(line).as("replica %s started", name).isNotNull();
        return new Replica(p, URI.create("http://127.0.0.1:" + line.substring(6).trim() + "/"));
    }

    boolean leader(Replica r) {
        try {
            HttpResponse<String> resp = http.send(HttpRequest.newBuilder(r.uri().resolve("/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return TestServer.JSON.readTree(resp.body()).get("leader").asBoolean();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    int send(Replica r, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(r.uri().resolve(path)).header("Authorization", "Bearer " + TestServer.ADMIN)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    String sdkKey(Replica r) throws Exception {
        HttpResponse<String> resp = http.send(HttpRequest.newBuilder(r.uri().resolve("/api/v1/environments/production/sdk-keys"))
                .header("Authorization", "Bearer " + TestServer.ADMIN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        return TestServer.JSON.readTree(resp.body()).get("key").asText();
    }

    @Nested
    class TwoProcesses {
        @Test
        void changeOnA_reachesSdkOnB_andBTakesOverWhenLeaderDies() throws Exception {
            try (TestDatabases.TestDb db = TestDatabases.postgres()) {
                Replica a = start(db.url(), "a");
                await().atMost(Duration.ofSeconds(10)).until(() -> leader(a));
                Replica b = start(db.url(), "b");
                assertThat(leader(b)).isFalse();

                String key = sdkKey(a);
                assertThat(send(a, "PUT", "/api/v1/environments/production/flags/checkout", TestServer.booleanFlag("checkout", true)))
                        .isEqualTo(201);
                try (GantryClient client = GantryClient.builder().sdkKey(key).baseUri(b.uri()).streaming()
                        .disableMetrics().build()) {
                    assertThat(client.awaitReady(Duration.ofSeconds(10))).isTrue();
                    EvaluationContext ctx = EvaluationContext.of("u");
                    await().atMost(Duration.ofSeconds(10)).until(() -> client.booleanDetail("checkout", ctx, false).value());
                    assertThat(send(a, "POST", "/api/v1/environments/production/flags/checkout/kill", null)).isEqualTo(200);
                    await().atMost(Duration.ofSeconds(10)).until(() -> !client.booleanDetail("checkout", ctx, true).value());
                }

                a.process().destroyForcibly().waitFor();
                await().atMost(Duration.ofSeconds(10)).until(() -> leader(b));
                b.process().destroyForcibly().waitFor();
            }
        }
    }
}
