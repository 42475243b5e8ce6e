package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.flags.EvaluationContext;
import dev.gantry.flags.sdk.GantryClient;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK protocol against the real GantryClient and over raw HTTP. */
class FlagStreamingTest {
    @TempDir
    Path dir;
    TestServer server;
    String sdkKey;

    @BeforeEach
    void start() {
        server = TestServer.start(TestServer.config("jdbc:sqlite:" + dir.resolve("flags.db"), dir));
        sdkKey = server.sdkKey("production");
        assertThat(server.put("/api/v1/environments/production/flags/new-checkout", TestServer.ADMIN,
                TestServer.booleanFlag("new-checkout", true)).status()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    GantryClient client(boolean streaming) {
        GantryClient.Builder b = GantryClient.builder().sdkKey(sdkKey).baseUri(server.uri()).disableMetrics();
        return (streaming ? b.streaming() : b.polling(Duration.ofMillis(200))).build();
    }

    @Nested
    class RealClient {
        @Test
        void kill_throughApi_reachesStreamingSdk() throws Exception {
            try (GantryClient client = client(true)) {
                assertThat(client.awaitReady(Duration.ofSeconds(10))).isTrue();
                EvaluationContext ctx = EvaluationContext.of("user-1");
                assertThat(client.booleanDetail("new-checkout", ctx, false).value()).isTrue();
                assertThat(server.post("/api/v1/environments/production/flags/new-checkout/kill", TestServer.ADMIN, null)
                        .status()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> !client.booleanDetail("new-checkout", ctx, true).value());
            }
        }

        @Test
        void rollout_throughApi_splitReachesSdk() throws Exception {
            try (GantryClient client = client(true)) {
                assertThat(client.awaitReady(Duration.ofSeconds(10))).isTrue();
                assertThat(server.post("/api/v1/environments/production/flags/new-checkout/rollout", TestServer.ADMIN,
                        "{\"percent\":30}").status()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(10)).until(() -> client.snapshot().version().equals("2"));
                int on = 0;
                for (int i = 0; i < 2000; i++) {
                    if (client.booleanDetail("new-checkout", EvaluationContext.of("user-" + i), false).value()) {
                        on++;
                    }
                }
                assertThat(on).isBetween(500, 700);
            }
        }

        @Test
        void otherEnvironmentChange_notSeen() throws Exception {
            try (GantryClient client = client(true)) {
                assertThat(client.awaitReady(Duration.ofSeconds(10))).isTrue();
                server.put("/api/v1/environments/staging/flags/only-staging", TestServer.ADMIN, TestServer.booleanFlag("only-staging", true));
                server.post("/api/v1/environments/production/flags/new-checkout/kill", TestServer.ADMIN, null);
                await().atMost(Duration.ofSeconds(10)).until(() -> !client.booleanDetail("new-checkout", EvaluationContext.of("u"), true).value());
                assertThat(client.snapshot().flag("only-staging")).isEmpty();
            }
        }

        @Test
        void pollingClient_seesChange() throws Exception {
            try (GantryClient client = client(false)) {
                assertThat(client.awaitReady(Duration.ofSeconds(10))).isTrue();
                server.post("/api/v1/environments/production/flags/new-checkout/toggle", TestServer.ADMIN, "{\"on\":false}");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> !client.booleanDetail("new-checkout", EvaluationContext.of("u"), true).value());
            }
        }
    }

    @Nested
    class Snapshot {
        @Test
        void ifNoneMatchCurrent_304() {
            TestServer.Response first = server.get("/sdk/v1/flags", sdkKey);
            assertThat(first.status()).isEqualTo(200);
            String etag = first.header("ETag");
            assertThat(etag).isEqualTo("\"1\"");
            TestServer.Response again = server.send(HttpRequest.newBuilder(server.uri().resolve("/sdk/v1/flags"))
                    .header("Authorization", "Bearer " + sdkKey).header("If-None-Match", etag).build());
            assertThat(again.status()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
        }

        @Test
        void metricsBatch_storedAndReadable() {
            String batch = """
                    {"sdk":"gantry-java/0.1.0","snapshotVersion":"1","from":"2026-03-02T10:00:00Z","to":"2026-03-02T10:01:00Z",
                     "variants":[{"flag":"new-checkout","variant":"on","evaluations":1200,"events":{"error":3}}],
                     "errors":[{"flag":"old","errorCode":"FLAG_NOT_FOUND","count":17}]}""";
            assertThat(server.post("/sdk/v1/metrics", sdkKey, batch).status()).isEqualTo(202);
            TestServer.Response stored = server.get("/api/v1/environments/production/sdk-metrics", TestServer.ADMIN);
            assertThat(stored.json().get("batches").get(0).get("variants").get(0).get("evaluations").asLong()).isEqualTo(1200);
            assertThat(server.get("/api/v1/environments/staging/sdk-metrics", TestServer.ADMIN).json().get("batches")).isEmpty();
        }

        @Test
        void metricsBatch_unknownField_400() {
            String batch = "{\"from\":\"a\",\"to\":\"b\",\"surprise\":1}";
            assertThat(server.post("/sdk/v1/metrics", sdkKey, batch).status()).isEqualTo(400);
        }
    }

    @Nested
    class RawStream {
        List<String> readEvents(String lastEventId, int blocks) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve("/sdk/v1/stream"))
                    .header("Authorization", "Bearer " + sdkKey).header("Accept", "text/event-stream");
            if (lastEventId != null) {
                b.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<InputStream> r = server.http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            List<String> out = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                StringBuilder block = new StringBuilder();
                String line;
                while (out.size() < blocks && (line = reader.readLine()) != null) {
                    if (line.isEmpty()) {
                        out.add(block.toString());
                        block.setLength(0);
                    } else {
                        block.append(line).append('\n');
                    }
                }
            }
            return out;
        }

        @Test
        void noLastEventId_putFirstThenHeartbeats() throws Exception {
            List<String> events = readEvents(null, 2);
            assertThat(events.get(0)).startsWith("event: put\nid: 1\ndata: {");
            assertThat(events.get(1)).isEqualTo(": heartbeat\n");
        }

        @Test
        void lastEventIdCurrent_onlyHeartbeats() throws Exception {
            List<String> events = readEvents("1", 2);
            assertThat(events).allSatisfy(e -> assertThat(e).startsWith(":"));
        }

        @Test
        void lastEventIdOlder_patchFromThatVersion() throws Exception {
            server.post("/api/v1/environments/production/flags/new-checkout/kill", TestServer.ADMIN, null);
            List<String> events = readEvents("1", 1);
            assertThat(events.get(0)).startsWith("event: patch\nid: 2\ndata: {\"baseVersion\":\"1\",\"version\":\"2\"");
        }

        @Test
        void sdkKeyRevoked_openStreamEnds() throws Exception {
            TestServer.Response created = server.post("/api/v1/environments/production/sdk-keys", TestServer.ADMIN, null);
            String key = created.json().get("key").asText();
            HttpResponse<InputStream> r = server.http.send(HttpRequest.newBuilder(server.uri().resolve("/sdk/v1/stream"))
                    .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(server.call("DELETE", "/api/v1/sdk-keys/" + created.json().get("id").asText(), TestServer.ADMIN, null)
                    .status()).isEqualTo(204);
            try (InputStream in = r.body()) {
                byte[] all = in.readAllBytes(); // returns only when the server ends the stream
                assertThat(new String(all, StandardCharsets.UTF_8)).startsWith("event: put");
            }
        }

        @Test
        void lastEventIdUnknown_put() throws Exception {
            List<String> events = readEvents("999", 1);
            assertThat(events.get(0)).startsWith("event: put\nid: 1\n");
        }
    }
}
