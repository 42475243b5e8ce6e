package dev.gantry.flags.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.flags.EvaluationContext;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The client's evaluation path, counters included, allocates nothing (allocation check, not timing). */
class ClientAllocationTest {
    @Test
    void booleanDetail_throughClientWithCounters_allocatesNothing() throws Exception {
        try (TestFlagServer server = TestFlagServer.start(Snapshots.of("1", true, "dark"));
                GantryClient client = GantryClient.builder().baseUri(server.uri()).sdkKey(TestFlagServer.SDK_KEY)
                        .polling(java.time.Duration.ofHours(1)).build()) {
            assertThat(client.awaitReady(java.time.Duration.ofSeconds(10))).isTrue();
            EvaluationContext[] contexts = new EvaluationContext[256];
            for (int i = 0; i < contexts.length; i++) {
                contexts[i] = EvaluationContext.builder("user-" + i).set("country", "NL").build();
            }
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long tid = Thread.currentThread().threadId();
            int on = 0;
            for (int i = 0; i < 300_000; i++) {
                on += client.booleanValue("checkout", contexts[i & 255], false) ? 1 : 0;
            }
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 1_000_000; i++) {
                on += client.booleanDetail("checkout", contexts[i & 255], false).value() ? 1 : 0;
            }
            long allocated = mx.getThreadAllocatedBytes(tid) - before;

            assertThat(on).isEqualTo(1_300_000);
            assertThat((double) allocated / 1_000_000).isLessThan(0.01);
            assertThat(client.flushMetrics()).isTrue();
            assertThat(server.metricBatches.get(0)).contains("\"evaluations\":1300000");
        }
    }
}
