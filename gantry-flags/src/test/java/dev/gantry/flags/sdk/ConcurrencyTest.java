package dev.gantry.flags.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.flags.EvaluationContext;
import dev.gantry.flags.EvaluationDetail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void evaluate_fromManyThreadsWhileSnapshotsChange_neverFailsAndEndsOnLatest() throws Exception {
        Path file = dir.resolve("flags.json");
        Files.writeString(file, Snapshots.json("0", true, "dark"));
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong evaluations = new AtomicLong();
        try (GantryClient client = GantryClient.builder().file(file).fileReloadInterval(Duration.ofMillis(10)).build()) {
            List<Thread> threads = new CopyOnWriteArrayList<>();
            for (int t = 0; t < 4; t++) {
                EvaluationContext ctx = EvaluationContext.of("user-" + t);
                Thread thread = new Thread(() -> {
                    while (!stop.get()) {
                        EvaluationDetail<Boolean> b = client.booleanDetail("checkout", ctx, false);
                        EvaluationDetail<String> s = client.stringDetail("theme", ctx, "none");
                        if (b.isError() || s.isError()) {
                            failures.add(b + " / " + s);
                        }
                        evaluations.incrementAndGet();
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (int v = 1; v <= 30; v++) {
                Files.writeString(file, Snapshots.json(Integer.toString(v), v % 2 == 0, v % 2 == 0 ? "dark" : "classic"));
                int version = v;
                await().atMost(Duration.ofSeconds(5)).until(() -> client.snapshot().version().equals(Integer.toString(version)));
            }
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(5_000);
            }

            assertThat(failures).isEmpty();
            assertThat(evaluations.get()).isGreaterThan(1_000);
            assertThat(client.booleanValue("checkout", EvaluationContext.of("u"), true)).isTrue();
            assertThat(client.stringValue("theme", EvaluationContext.of("u"), "none")).isEqualTo("dark");
        }
    }

    @Test
    void awaitInitialized_missingFile_returnsErrorAtOnce() throws Exception {
        try (GantryClient client = GantryClient.builder().file(dir.resolve("none.json")).build()) {
            assertThat(client.awaitInitialized(Duration.ofSeconds(5))).isEqualTo(ClientStatus.ERROR);
        }
    }
}
