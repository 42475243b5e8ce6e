package dev.gantry.flags.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.flags.EvaluationContext;
import dev.gantry.flags.JsonValue;
import dev.gantry.flags.internal.JsonTree;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PollingAndMetricsTest {
    private static final EvaluationContext CTX = EvaluationContext.of("user-1");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Nested
    class Polling {
        @Test
        void polling_unchangedSnapshot_isRevalidatedWithIfNoneMatch() throws Exception {
            try (TestFlagServer server = TestFlagServer.start(Snapshots.of("1", true, "dark"));
                    GantryClient client = GantryClient.builder().baseUri(server.uri()).sdkKey(TestFlagServer.SDK_KEY)
                            .polling(Duration.ofMillis(50)).disableMetrics().build()) {
                assertThat(client.awaitReady(WAIT)).isTrue();

                await().atMost(WAIT).until(() -> server.requests("/sdk/v1/flags").size() >= 3);
                List<TestFlagServer.Request> polls = server.requests("/sdk/v1/flags");
                assertThat(polls.get(0).header("If-None-Match")).isNull();
                assertThat(polls.get(2).header("If-None-Match")).isEqualTo("\"1\"");
                assertThat(client.status()).isEqualTo(ClientStatus.READY);
            }
        }

        @Test
        void polling_changedSnapshot_isPickedUp() throws Exception {
            try (TestFlagServer server = TestFlagServer.start(Snapshots.of("1", true, "dark"));
                    GantryClient client = GantryClient.builder().baseUri(server.uri()).sdkKey(TestFlagServer.SDK_KEY)
                            .polling(Duration.ofMillis(50)).disableMetrics().build()) {
                assertThat(client.awaitReady(WAIT)).isTrue();

                server.setSnapshot(Snapshots.of("2", false, "dark"));

                await().atMost(WAIT).until(() -> !client.booleanValue("checkout", CTX, true));
            }
        }

        @Test
        void polling_serverDown_goesStaleAndKeepsValues() throws Exception {
            TestFlagServer server = TestFlagServer.start(Snapshots.of("1", true, "dark"));
            try (GantryClient client = GantryClient.builder().baseUri(server.uri()).sdkKey(TestFlagServer.SDK_KEY)
                    .polling(Duration.ofMillis(50)).requestTimeout(Duration.ofMillis(500)).disableMetrics().build()) {
                assertThat(client.awaitReady(WAIT)).isTrue();

                server.close();

                await().atMost(WAIT).until(() -> client.status() == ClientStatus.STALE);
                assertThat(client.booleanValue("checkout", CTX, false)).isTrue();
            }
        }
    }

    @Nested
    class Metrics {
        private static JsonValue.JsonObject obj(JsonValue v) {
            return (JsonValue.JsonObject) v;
        }

        @Test
        void close_sendsCountsPerFlagVariantAndErrorsAndEvents() throws Exception {
            Clock clock = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
            EvaluationContext staff = EvaluationContext.of("staff-1");
            try (TestFlagServer server = TestFlagServer.start(Snapshots.of("1", true, "dark"))) {
                try (GantryClient client = GantryClient.builder().baseUri(server.uri()).sdkKey(TestFlagServer.SDK_KEY)
                        .clock(clock).metricsInterval(Duration.ofHours(1)).build()) {
                    assertThat(client.awaitReady(WAIT)).isTrue();
                    for (int i = 0; i < 7; i++) {
                        client.booleanValue("checkout", CTX, false);
                    }
                    client.stringValue("theme", CTX, "x");
                    client.stringValue("checkout", CTX, "x");
                    client.booleanValue("missing", CTX, false);
                    client.booleanValue("missing", CTX, false);
                    client.recordError("checkout", staff);
                    client.track("checkout", staff, "purchase");
                }

                assertThat(server.metricBatches).hasSize(1);
                assertThat(server.requests("/sdk/v1/metrics").get(0).header("Authorization"))
                        .isEqualTo("Bearer " + TestFlagServer.SDK_KEY);
                JsonValue.JsonObject batch = obj(JsonTree.parse(server.metricBatches.get(0).getBytes(StandardCharsets.UTF_8)));
                assertThat(batch.members().get("snapshotVersion")).isEqualTo(JsonValue.of("1"));
                assertThat(batch.members().get("from")).isEqualTo(JsonValue.of("2026-03-02T10:00:00Z"));
                assertThat(JsonTree.toJson(batch.members().get("variants"))).isEqualTo(
                        "[{\"flag\":\"checkout\",\"variant\":\"on\",\"evaluations\":7,\"events\":{\"error\":1,\"purchase\":1}},"
                                + "{\"flag\":\"theme\",\"variant\":\"dark\",\"evaluations\":1,\"events\":{}}]");
                assertThat(JsonTree.toJson(batch.members().get("errors"))).isEqualTo(
                        "[{\"flag\":\"checkout\",\"errorCode\":\"TYPE_MISMATCH\",\"count\":1},"
                                + "{\"flag\":\"missing\",\"errorCode\":\"FLAG_NOT_FOUND\",\"count\":2}]");
            }
        }

        @Test
        void batch_hasTheFieldsDocumentedInSdkProtocol() throws Exception {
            String doc = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "sdk-protocol.md"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("```json\\n(.*?)```", java.util.regex.Pattern.DOTALL)
                    .matcher(doc);
            assertThat(m.find()).isTrue();
            JsonValue.JsonObject documented = obj(JsonTree.parse(m.group(1).getBytes(StandardCharsets.UTF_8)));
            try (TestFlagServer server = TestFlagServer.start(Snapshots.of("1", true, "dark"))) {
                try (GantryClient client = GantryClient.builder().baseUri(server.uri()).sdkKey(TestFlagServer.SDK_KEY)
                        .metricsInterval(Duration.ofHours(1)).build()) {
                    assertThat(client.awaitReady(WAIT)).isTrue();
                    client.booleanValue("checkout", CTX, false);
                    client.recordError("checkout", CTX);
                    client.booleanValue("missing", CTX, false);
                }
                JsonValue.JsonObject sent = obj(JsonTree.parse(server.metricBatches.get(0).getBytes(StandardCharsets.UTF_8)));

                assertThat(sent.members().keySet()).isEqualTo(documented.members().keySet());
                assertThat(first(sent, "variants").keySet()).isEqualTo(first(documented, "variants").keySet());
                assertThat(first(sent, "errors").keySet()).isEqualTo(first(documented, "errors").keySet());
            }
        }

        private static Map<String, JsonValue> first(JsonValue.JsonObject batch, String field) {
            return obj(((JsonValue.JsonArray) batch.members().get(field)).elements().get(0)).members();
        }

        @Test
        void flushMetrics_countsSpanningASnapshotChange_areAllSentOnce() throws Exception {
            try (TestFlagServer server = TestFlagServer.start(Snapshots.of("1", true, "dark"));
                    GantryClient client = GantryClient.builder().baseUri(server.uri()).sdkKey(TestFlagServer.SDK_KEY)
                            .reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(100))
                            .metricsInterval(Duration.ofHours(1)).build()) {
                assertThat(client.awaitReady(WAIT)).isTrue();
                client.booleanValue("checkout", CTX, false);
                server.publish(Snapshots.of("2", false, "dark"));
                await().atMost(WAIT).until(() -> !client.booleanValue("checkout", CTX, true));
                client.booleanValue("checkout", CTX, true);

                assertThat(client.flushMetrics()).isTrue();
                assertThat(client.flushMetrics()).isTrue();

                assertThat(server.metricBatches).hasSize(1);
                JsonValue.JsonObject batch = obj(JsonTree.parse(server.metricBatches.get(0).getBytes(StandardCharsets.UTF_8)));
                List<JsonValue> variants = ((JsonValue.JsonArray) batch.members().get("variants")).elements();
                Map<String, JsonValue> on = obj(variants.get(1)).members();
                Map<String, JsonValue> off = obj(variants.get(0)).members();
                assertThat(on.get("variant")).isEqualTo(JsonValue.of("on"));
                assertThat(on.get("evaluations")).isEqualTo(JsonValue.of(1));
                assertThat(off.get("variant")).isEqualTo(JsonValue.of("off"));
                assertThat(((JsonValue.JsonNumber) off.get("evaluations")).value()).isGreaterThanOrEqualTo(2);
            }
        }

        @Test
        void flushMetrics_serverDown_keepsBatchForNextFlush() throws Exception {
            TestFlagServer server = TestFlagServer.start(Snapshots.of("1", true, "dark"));
            int port = server.port();
            try (GantryClient client = GantryClient.builder().baseUri(server.uri()).sdkKey(TestFlagServer.SDK_KEY)
                    .polling(Duration.ofSeconds(30)).requestTimeout(Duration.ofMillis(500))
                    .metricsInterval(Duration.ofHours(1)).build()) {
                assertThat(client.awaitReady(WAIT)).isTrue();
                client.booleanValue("checkout", CTX, false);
                server.close();

                assertThat(client.flushMetrics()).isFalse();

                try (TestFlagServer back = TestFlagServer.startOn(port, Snapshots.of("1", true, "dark"))) {
                    assertThat(client.flushMetrics()).isTrue();
                    assertThat(back.metricBatches).hasSize(1);
                    assertThat(back.metricBatches.get(0)).contains("\"flag\":\"checkout\",\"variant\":\"on\",\"evaluations\":1");
                }
            } finally {
                server.close();
            }
        }
    }
}
