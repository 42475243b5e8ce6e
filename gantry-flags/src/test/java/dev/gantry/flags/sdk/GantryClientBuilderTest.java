package dev.gantry.flags.sdk;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GantryClientBuilderTest {
    private static final URI SERVER = URI.create("https://gantry.example.com");

    @Test
    void build_noSource_namesBothOptions() {
        assertThatThrownBy(() -> GantryClient.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No flag source: call file(...) or baseUri(...) with sdkKey(...).");
    }

    @Test
    void file_afterBaseUri_isRejectedAtOnce() {
        assertThatThrownBy(() -> GantryClient.builder().baseUri(SERVER).file(Path.of("flags.json")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("file(...) conflicts with baseUri(...) set earlier: a client reads flags either from a"
                        + " server or from a file, not both.");
    }

    @Test
    void baseUri_afterFile_isRejectedAtOnce() {
        assertThatThrownBy(() -> GantryClient.builder().file(Path.of("flags.json")).baseUri(SERVER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("baseUri(...) conflicts with file(...) set earlier");
    }

    @Test
    void polling_afterStreaming_isRejected() {
        assertThatThrownBy(() -> GantryClient.builder().streaming().polling(Duration.ofSeconds(30)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("polling(...) conflicts with streaming() set earlier; choose one.");
    }

    @Test
    void reconnectDelay_afterPolling_isRejected() {
        assertThatThrownBy(() -> GantryClient.builder().polling(Duration.ofSeconds(30))
                .reconnectDelay(Duration.ofSeconds(1), Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("reconnectDelay(...) conflicts with polling(...) set earlier.");
    }

    @Test
    void disableMetrics_afterMetricsInterval_isRejected() {
        assertThatThrownBy(() -> GantryClient.builder().metricsInterval(Duration.ofSeconds(5)).disableMetrics())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("disableMetrics() conflicts with metricsInterval(...) set earlier.");
    }

    @Test
    void build_fileWithServerOnlySettings_namesEachOne() {
        assertThatThrownBy(() -> GantryClient.builder().file(Path.of("flags.json")).sdkKey("k")
                .cacheFile(Path.of("cache.json")).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("sdkKey(...), cacheFile(...) apply only to a server source (baseUri(...)), not to file(...)");
    }

    @Test
    void build_baseUriWithoutKey_asksForKey() {
        assertThatThrownBy(() -> GantryClient.builder().baseUri(SERVER).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("baseUri(...) needs sdkKey(...): the server authenticates SDKs by key.");
    }

    @Test
    void polling_tooShortInterval_isRejectedWithBothValues() {
        assertThatThrownBy(() -> GantryClient.builder().polling(Duration.ofMillis(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("polling(...) must be at least 50 ms, got 5 ms.");
    }

    @Test
    void baseUri_nonHttpScheme_isRejected() {
        assertThatThrownBy(() -> GantryClient.builder().baseUri(URI.create("ftp://x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baseUri(...) must be an http or https URI, got 'ftp:'.");
    }
}
