package dev.gantry.openfeature;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.flags.sdk.GantryClient;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.EventDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.MutableTrackingEventDetails;
import dev.openfeature.sdk.NoOpProvider;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderEvent;
import dev.openfeature.sdk.ProviderState;
import dev.openfeature.sdk.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider over a streaming client talking to a real (test) server, through the OpenFeature client API. */
class GantryProviderStreamTest {

    private static final ImmutableContext ALICE = new ImmutableContext("alice");

    @TempDir
    Path directory;

    private FlagServer server;
    private String domain;
    private Client client;

    @BeforeEach
    void setUp() {
        server = FlagServer.start(FlagFiles.snapshotV1());
        domain = "gantry-stream-test-" + UUID.randomUUID();
        client = OpenFeatureAPI.getInstance().getClient(domain);
    }

    @AfterEach
    void tearDown() {
        OpenFeatureAPI.getInstance().setProviderAndWait(domain, new NoOpProvider());
        server.close();
    }

    private GantryClient.Builder streamingClient() {
        return GantryClient.builder()
                .baseUri(server.baseUri())
                .sdkKey("sdk-test-key")
                .streaming()
                .reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(100));
    }

    private void start(GantryClient gantry, Duration initTimeout) {
        try {
            OpenFeatureAPI.getInstance().setProviderAndWait(domain, new GantryProvider(gantry, initTimeout));
        } catch (RuntimeException initializationFailed) {
            // some SDK versions rethrow a failed initialization; tests check the provider state
        }
    }

    @Nested
    class Events {

        @Test
        void streamPutsChangedSnapshot_announcesConfigurationChangedWithTheChangedFlag() throws InterruptedException {
            start(streamingClient().disableMetrics().build(), Duration.ofSeconds(5));
            EventRecorder events = EventRecorder.on(client);
            events.next(ProviderEvent.PROVIDER_READY);

            server.put(FlagFiles.snapshotV2DarkModeOff());

            EventDetails changed = events.next(ProviderEvent.PROVIDER_CONFIGURATION_CHANGED);
            assertThat(changed.getFlagsChanged()).containsExactly("dark-mode");
            assertThat(client.getBooleanDetails("dark-mode", true, ALICE).getReason()).isEqualTo(Reason.DISABLED.name());
        }

        @Test
        void serverOutage_announcesStaleKeepsServingThenReadyOnReconnect() throws InterruptedException {
            start(streamingClient().disableMetrics().build(), Duration.ofSeconds(5));
            EventRecorder events = EventRecorder.on(client);
            events.next(ProviderEvent.PROVIDER_READY);
            server.put(FlagFiles.snapshotV2DarkModeOff());
            events.next(ProviderEvent.PROVIDER_CONFIGURATION_CHANGED);

            server.refuseConnections(true);
            server.dropStreams();

            assertThat(events.next(ProviderEvent.PROVIDER_STALE).getMessage()).isNotBlank();
            assertThat(client.getProviderState()).isEqualTo(ProviderState.STALE);
            assertThat(client.getBooleanDetails("dark-mode", true, ALICE).getReason())
                    .as("the last snapshot keeps serving through the outage").isEqualTo(Reason.DISABLED.name());

            server.refuseConnections(false);

            events.next(ProviderEvent.PROVIDER_READY);
            assertThat(client.getProviderState()).isEqualTo(ProviderState.READY);
        }

        @Test
        void serverDownAtStartWithoutCache_isInErrorThenReadyWhenServerAnswers() throws InterruptedException {
            server.refuseConnections(true);

            start(streamingClient().disableMetrics().build(), Duration.ofSeconds(5));

            assertThat(client.getProviderState()).isEqualTo(ProviderState.ERROR);
            EventRecorder events = EventRecorder.on(client);
            events.next(ProviderEvent.PROVIDER_ERROR);

            server.refuseConnections(false);

            events.await(ProviderEvent.PROVIDER_READY);
            assertThat(client.getBooleanValue("dark-mode", false, ALICE)).isTrue();
        }

        @Test
        void serverDownAtStartWithCache_servesCacheAsStale() throws InterruptedException {
            Path cache = directory.resolve("flags-cache.json");
            start(streamingClient().disableMetrics().cacheFile(cache).build(), Duration.ofSeconds(5));
            server.put(FlagFiles.snapshotV2DarkModeOff());
            awaitCached(cache, "v2");
            OpenFeatureAPI.getInstance().setProviderAndWait(domain, new NoOpProvider());
            server.refuseConnections(true);

            EventRecorder events = EventRecorder.on(client);

            start(streamingClient().disableMetrics().cacheFile(cache).build(), Duration.ofMillis(300));

            events.await(ProviderEvent.PROVIDER_STALE);
            assertThat(client.getProviderState()).isEqualTo(ProviderState.STALE);
            assertThat(client.getBooleanDetails("dark-mode", true, ALICE).getReason())
                    .as("served from the cached snapshot v2").isEqualTo(Reason.DISABLED.name());

            server.refuseConnections(false);

            events.await(ProviderEvent.PROVIDER_READY);
            assertThat(client.getProviderState()).isEqualTo(ProviderState.READY);
        }

        /** The client writes its cache file in the background; wait until it holds {@code version}. */
        private void awaitCached(Path cache, String version) throws InterruptedException {
            Pattern cached = Pattern.compile("\"version\"\\s*:\\s*\"" + version + "\"");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(cache) || !cached.matcher(read(cache)).find()) {
                assertThat(System.nanoTime()).as("cache file holds %s within 10 s", version).isLessThan(deadline);
                Thread.sleep(10);
            }
        }

        private String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                return "";
            }
        }
    }

    @Nested
    class Tracking {

        private final ObjectMapper json = new ObjectMapper();

        @Test
        void track_withFlagKey_countsTheEventAgainstTheServedVariant() throws Exception {
            GantryClient gantry = streamingClient().metricsInterval(Duration.ofHours(1)).build();
            start(gantry, Duration.ofSeconds(5));
            MutableTrackingEventDetails details = new MutableTrackingEventDetails().add(GantryProvider.FLAG_KEY_DETAIL, "dark-mode");

            client.track("checkout-completed", ALICE, details);
            client.track("checkout-completed", ALICE, details);
            client.track("checkout-completed", new ImmutableContext("carol"), details);
            assertThat(gantry.flushMetrics()).isTrue();

            JsonNode batch = json.readTree(server.metricBatches().poll(10, TimeUnit.SECONDS));
            assertThat(eventCount(batch, "dark-mode", "on", "checkout-completed")).isEqualTo(2);
            assertThat(eventCount(batch, "dark-mode", "off", "checkout-completed")).isEqualTo(1);
        }

        @Test
        void track_withoutFlagKey_isNotCounted() throws Exception {
            GantryClient gantry = streamingClient().metricsInterval(Duration.ofHours(1)).build();
            start(gantry, Duration.ofSeconds(5));

            client.track("checkout-completed", ALICE);
            client.track("checkout-completed", ALICE, new MutableTrackingEventDetails().add(GantryProvider.FLAG_KEY_DETAIL, "dark-mode"));
            assertThat(gantry.flushMetrics()).isTrue();

            JsonNode batch = json.readTree(server.metricBatches().poll(10, TimeUnit.SECONDS));
            assertThat(eventCount(batch, "dark-mode", "on", "checkout-completed")).isEqualTo(1);
        }

        @Test
        void getBooleanValue_evaluations_areCountedPerVariant() throws Exception {
            GantryClient gantry = streamingClient().metricsInterval(Duration.ofHours(1)).build();
            start(gantry, Duration.ofSeconds(5));

            client.getBooleanValue("dark-mode", false, ALICE);
            client.getBooleanValue("dark-mode", false, ALICE);
            client.getBooleanValue("dark-mode", false, new ImmutableContext("carol"));
            assertThat(gantry.flushMetrics()).isTrue();

            JsonNode batch = json.readTree(server.metricBatches().poll(10, TimeUnit.SECONDS));
            assertThat(variant(batch, "dark-mode", "on").path("evaluations").asInt()).isEqualTo(2);
            assertThat(variant(batch, "dark-mode", "off").path("evaluations").asInt()).isEqualTo(1);
        }

        private int eventCount(JsonNode batch, String flag, String variant, String event) {
            return variant(batch, flag, variant).path("events").path(event).asInt(0);
        }

        private JsonNode variant(JsonNode batch, String flag, String variant) {
            for (JsonNode entry : batch.path("variants")) {
                if (flag.equals(entry.path("flag").asText()) && variant.equals(entry.path("variant").asText())) {
                    return entry;
                }
            }
            throw new AssertionError("No entry for flag " + flag + " variant " + variant + " in " + batch);
        }
    }
}
