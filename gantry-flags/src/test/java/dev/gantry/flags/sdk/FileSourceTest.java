package dev.gantry.flags.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.flags.EvaluationContext;
import dev.gantry.flags.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {
    private static final EvaluationContext CTX = EvaluationContext.of("user-1");

    @TempDir
    Path dir;

    @Test
    void build_fileSource_isReadyWithFileContentBeforeReturning() throws Exception {
        Path file = dir.resolve("flags.json");
        Files.writeString(file, Snapshots.json("1", true, "dark"));

        try (GantryClient client = GantryClient.builder().file(file).build()) {
            assertThat(client.status()).isEqualTo(ClientStatus.READY);
            assertThat(client.booleanValue("checkout", CTX, false)).isTrue();
            assertThat(client.stringDetail("theme", CTX, "x").reason()).isEqualTo(Reason.DEFAULT);
        }
    }

    @Test
    void fileChange_isReloadedAndListenersToldWhichFlagsChanged() throws Exception {
        Path file = dir.resolve("flags.json");
        Files.writeString(file, Snapshots.json("1", true, "dark"));
        RecordingListener listener = new RecordingListener();

        try (GantryClient client = GantryClient.builder().file(file).fileReloadInterval(Duration.ofMillis(20))
                .listener(listener).build()) {
            Files.writeString(file, Snapshots.json("2", true, "classic"));

            await().atMost(Duration.ofSeconds(5)).until(() -> client.stringValue("theme", CTX, "x").equals("classic"));
            await().atMost(Duration.ofSeconds(5)).until(() -> listener.snapshots.size() == 2);
            SnapshotChange change = listener.snapshots.get(1);
            assertThat(change.previous().version()).isEqualTo("1");
            assertThat(change.current().version()).isEqualTo("2");
            assertThat(change.changedFlags()).containsExactly("theme");
        }
    }

    @Test
    void malformedFile_keepsPreviousSnapshotAndReportsThePath() throws Exception {
        Path file = dir.resolve("flags.json");
        Files.writeString(file, Snapshots.json("1", true, "dark"));
        RecordingListener listener = new RecordingListener();

        try (GantryClient client = GantryClient.builder().file(file).fileReloadInterval(Duration.ofMillis(20))
                .listener(listener).build()) {
            Files.writeString(file, Snapshots.json("2", false, "neon"));

            await().atMost(Duration.ofSeconds(5)).until(() -> client.status() == ClientStatus.STALE);
            assertThat(client.snapshot().version()).isEqualTo("1");
            assertThat(client.booleanValue("checkout", CTX, false)).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> !listener.messages().isEmpty());
            assertThat(listener.messages().get(0)).contains(file.toString())
                    .contains("$.flags[1].fallthrough.variation: flag 'theme' has no variation 'neon'");

            Files.writeString(file, Snapshots.json("3", false, "dark"));
            await().atMost(Duration.ofSeconds(5)).until(() -> client.status() == ClientStatus.READY);
            assertThat(client.booleanValue("checkout", CTX, true)).isFalse();
        }
    }

    @Test
    void missingFile_startsInErrorAndServesDefaults() {
        try (GantryClient client = GantryClient.builder().file(dir.resolve("absent.json")).build()) {
            assertThat(client.status()).isEqualTo(ClientStatus.ERROR);
            assertThat(client.booleanDetail("checkout", CTX, true).value()).isTrue();
            assertThat(client.booleanDetail("checkout", CTX, true).reason()).isEqualTo(Reason.ERROR);
        }
    }
}
