package dev.gantry.flags.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.flags.EvaluationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingTest {
    private static final EvaluationContext CTX = EvaluationContext.of("user-1");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private GantryClient.Builder client(TestFlagServer server) {
        return GantryClient.builder().baseUri(server.uri()).sdkKey(TestFlagServer.SDK_KEY)
                .reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(200))
                .disableMetrics();
    }

    @Nested
    class Updates {
        @Test
        void stream_initialPut_makesClientReady() throws Exception {
            try (TestFlagServer server = TestFlagServer.start(Snapshots.of("1", true, "dark"));
                    GantryClient client = client(server).build()) {
                assertThat(client.awaitReady(WAIT)).isTrue();

                assertThat(client.booleanValue("checkout", CTX, false)).isTrue();
                assertThat(server.requests("/sdk/v1/stream").get(0).header("Authorization"))
                        .isEqualTo("Bearer " + TestFlagServer.SDK_KEY);
                assertThat(server.requests("/sdk/v1/stream").get(0).header("Last-Event-ID")).isNull();
            }
        }

        @Test
        void stream_changePushed_isPickedUpAndListenerNotified() throws Exception {
            RecordingListener listener = new RecordingListener();
            try (TestFlagServer server = TestFlagServer.start(Snapshots.of("1", true, "dark"));
                    GantryClient client = client(server).listener(listener).build()) {
                assertThat(client.awaitReady(WAIT)).isTrue();

                server.publish(Snapshots.of("2", false, "dark"));

                await().atMost(WAIT).until(() -> !client.booleanValue("checkout", CTX, true));
                await().atMost(WAIT).until(() -> listener.snapshots.size() == 2);
                assertThat(listener.snapshots.get(1).changedFlags()).containsExactly("checkout");
                assertThat(client.snapshot().version()).isEqualTo("2");
            }
        }

        @Test
        void stream_patch_updatesOneFlag() throws Exception {
            try (TestFlagServer server = TestFlagServer.start(Snapshots.of("1", true, "dark"));
                    GantryClient client = client(server).build()) {
                assertThat(client.awaitReady(WAIT)).isTrue();
                String themeClassic = Snapshots.of("x", true, "classic").toJson();
                String flag = themeClassic.substring(themeClassic.indexOf("{\"key\":\"theme\""), themeClassic.lastIndexOf("],\"segments\""));

                server.pushRaw("event: patch\nid: 2\ndata: {\"baseVersion\":\"1\",\"version\":\"2\",\"flags\":[" + flag + "]}\n\n");

                await().atMost(WAIT).until(() -> client.stringValue("theme", CTX, "x").equals("classic"));
                assertThat(client.snapshot().version()).isEqualTo("2");
                assertThat(client.booleanValue("checkout", CTX, false)).isTrue();
            }
        }

        @Test
        void stream_patchForAnotherBase_reconnectsForAFullSnapshot() throws Exception {
            try (TestFlagServer server = TestFlagServer.start(Snapshots.of("1", true, "dark"));
                    GantryClient client = client(server).build()) {
                assertThat(client.awaitReady(WAIT)).isTrue();
                server.setSnapshot(Snapshots.of("5", false, "dark"));

                server.pushRaw("event: patch\nid: 5\ndata: {\"baseVersion\":\"4\",\"version\":\"5\",\"deletedFlags\":[\"theme\"]}\n\n");

                await().atMost(WAIT).until(() -> client.snapshot().version().equals("5"));
                assertThat(client.snapshot().flag("theme")).isPresent();
                assertThat(server.requests("/sdk/v1/stream").get(1).header("Last-Event-ID")).isNull();
            }
        }

        @Test
        void stream_patchLeavingADanglingPrerequisite_isRejectedAndFullSnapshotFetched() throws Exception {
            String v1 = """
                    {"format":1,"version":"1","flags":[
                      {"key":"parent","type":"boolean","on":true,
                       "variations":[{"name":"on","value":true},{"name":"off","value":false}],
                       "offVariation":"off","fallthrough":{"variation":"on"}},
                      {"key":"child","type":"boolean","on":true,
                       "variations":[{"name":"on","value":true},{"name":"off","value":false}],
                       "offVariation":"off","prerequisites":[{"flag":"parent","variation":"on"}],
                       "fallthrough":{"variation":"on"}}]}""";
            RecordingListener listener = new RecordingListener();
            try (TestFlagServer server = TestFlagServer.start(dev.gantry.flags.Snapshot.parse(v1));
                    GantryClient client = client(server).listener(listener).build()) {
                assertThat(client.awaitReady(WAIT)).isTrue();

                server.pushRaw("event: patch\nid: 2\ndata: {\"baseVersion\":\"1\",\"version\":\"2\",\"deletedFlags\":[\"parent\"]}\n\n");

                await().atMost(WAIT).until(() -> listener.messages().stream().anyMatch(m -> m.contains(
                        "$.flags[0].prerequisites[0].flag: no flag with key 'parent' in this snapshot")));
                await().atMost(WAIT).until(() -> server.requests("/sdk/v1/stream").size() >= 2);
                assertThat(server.requests("/sdk/v1/stream").get(1).header("Last-Event-ID")).isNull();
                assertThat(client.snapshot().version()).isEqualTo("1");
                assertThat(client.booleanValue("child", CTX, false)).isTrue();
            }
        }

        @Test
        void stream_malformedPut_keepsPreviousAndGoesStale() throws Exception {
            RecordingListener listener = new RecordingListener();
            try (TestFlagServer server = TestFlagServer.start(Snapshots.of("1", true, "dark"));
                    GantryClient client = client(server).listener(listener).build()) {
                assertThat(client.awaitReady(WAIT)).isTrue();

                server.pushRaw("event: put\nid: 2\ndata: {\"format\":1,\"version\":\"2\",\"flags\":[{\"key\":\"checkout\"}]}\n\n");

                await().atMost(WAIT).until(() -> client.status() == ClientStatus.STALE);
                assertThat(client.booleanValue("checkout", CTX, false)).isTrue();
                await().atMost(WAIT).until(() -> listener.messages().stream()
                        .anyMatch(m -> m.contains("$.flags[0]: missing required field 'type'")));
            }
        }
    }

    @Nested
    class Resilience {
        @Test
        void droppedStream_reconnectsResumingFromCurrentVersion() throws Exception {
            try (TestFlagServer server = TestFlagServer.start(Snapshots.of("1", true, "dark"));
                    GantryClient client = client(server).build()) {
                assertThat(client.awaitReady(WAIT)).isTrue();

                server.dropStreams();

                await().atMost(WAIT).until(() -> server.requests("/sdk/v1/stream").size() >= 2 && server.openStreams() == 1);
                assertThat(server.requests("/sdk/v1/stream").get(1).header("Last-Event-ID")).isEqualTo("1");
                server.publish(Snapshots.of("2", false, "dark"));
                await().atMost(WAIT).until(() -> !client.booleanValue("checkout", CTX, true));
            }
        }

        @Test
        void silentStream_isReconnectedAfterReadTimeout() throws Exception {
            try (TestFlagServer server = TestFlagServer.start(Snapshots.of("1", true, "dark"));
                    GantryClient client = client(server).streamReadTimeout(Duration.ofMillis(300)).build()) {
                assertThat(client.awaitReady(WAIT)).isTrue();

                await().atMost(WAIT).until(() -> server.requests("/sdk/v1/stream").size() >= 2);
                assertThat(client.booleanValue("checkout", CTX, false)).isTrue();
            }
        }

        @Test
        void heartbeats_keepASilentStreamOpen() throws Exception {
            try (TestFlagServer server = TestFlagServer.start(Snapshots.of("1", true, "dark"));
                    GantryClient client = client(server).streamReadTimeout(Duration.ofMillis(400)).build()) {
                assertThat(client.awaitReady(WAIT)).isTrue();
                for (int i = 0; i < 10; i++) {
                    server.heartbeat();
                    Thread.sleep(100);
                }
                assertThat(server.requests("/sdk/v1/stream")).hasSize(1);
            }
        }

        @Test
        void serverOutage_clientKeepsValuesAndCacheLetsNewClientStart() throws Exception {
            Path cache = dir.resolve("cache/flags.json");
            TestFlagServer server = TestFlagServer.start(Snapshots.of("1", true, "dark"));
            int port = server.port();
            RecordingListener listener = new RecordingListener();
            try (GantryClient client = client(server).cacheFile(cache).listener(listener).build()) {
                assertThat(client.awaitReady(WAIT)).isTrue();
                server.publish(Snapshots.of("2", false, "classic"));
                await().atMost(WAIT).until(() -> client.snapshot().version().equals("2"));
                await().atMost(WAIT).until(() -> Files.exists(cache) && Files.readString(cache).contains("\"version\":\"2\""));

                server.close();

                await().atMost(WAIT).until(() -> client.status() == ClientStatus.STALE);
                assertThat(client.booleanValue("checkout", CTX, true)).isFalse();
                assertThat(client.stringValue("theme", CTX, "x")).isEqualTo("classic");
                assertThat(listener.messages()).allSatisfy(m -> assertThat(m).doesNotContain(TestFlagServer.SDK_KEY));

                try (GantryClient fresh = client(server).cacheFile(cache).build()) {
                    assertThat(fresh.status()).isEqualTo(ClientStatus.STALE);
                    assertThat(fresh.booleanValue("checkout", CTX, true)).isFalse();
                    assertThat(fresh.stringValue("theme", CTX, "x")).isEqualTo("classic");
                    assertThat(fresh.awaitReady(Duration.ofMillis(300))).isFalse();
                }

                try (TestFlagServer back = TestFlagServer.startOn(port, Snapshots.of("3", true, "classic"))) {
                    await().atMost(WAIT).until(() -> client.status() == ClientStatus.READY
                            && client.snapshot().version().equals("3"));
                    assertThat(back.requests("/sdk/v1/stream").get(0).header("Last-Event-ID")).isEqualTo("2");
                    assertThat(client.booleanValue("checkout", CTX, false)).isTrue();
                }
            } finally {
                server.close();
            }
        }

        @Test
        void wrongKey_isErrorWithoutEchoingTheKey() throws Exception {
            RecordingListener listener = new RecordingListener();
            try (TestFlagServer server = TestFlagServer.start(Snapshots.of("1", true, "dark"));
                    GantryClient client = GantryClient.builder().baseUri(server.uri()).sdkKey("sdk-wrong-key-987")
                            .reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(100)).disableMetrics()
                            .listener(listener).build()) {
                await().atMost(WAIT).until(() -> client.status() == ClientStatus.ERROR);
                await().atMost(WAIT).until(() -> !listener.messages().isEmpty());

                assertThat(listener.messages().get(0)).startsWith("The server rejected the SDK key (HTTP 401 from http://127.0.0.1:")
                        .doesNotContain("sdk-wrong-key-987");
                assertThat(client.booleanValue("checkout", CTX, true)).isTrue();
            }
        }
    }
}
