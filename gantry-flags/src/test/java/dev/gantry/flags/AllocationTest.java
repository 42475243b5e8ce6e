package dev.gantry.flags;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Checks that the hot path allocates nothing, by counting the bytes this thread allocates over
 * many evaluations after warm-up. An allocation check, not a timing assertion.
 */
class AllocationTest {
    static final String ROLLOUT = """
            {"format":1,"version":"1","flags":[
              {"key":"rollout","type":"boolean","on":true,"salt":"rollout-2026",
               "variations":[{"name":"on","value":true},{"name":"off","value":false}],
               "offVariation":"off",
               "rules":[{"id":"staff","clauses":[{"attribute":"email","op":"endsWith","values":["@gantry.dev"]}],
                         "serve":{"variation":"on"}}],
               "fallthrough":{"split":[{"variation":"on","weight":10000},{"variation":"off","weight":90000}]}},
              {"key":"theme","type":"string","on":true,
               "variations":[{"name":"a","value":"a"},{"name":"b","value":"b"},{"name":"c","value":"c"}],
               "offVariation":"a",
               "rules":[{"id":"nl","clauses":[{"attribute":"country","op":"in","values":["NL","BE"]},
                                              {"attribute":"age","op":"greaterThanOrEqual","values":[18]}],
                         "serve":{"variation":"b"}}],
               "fallthrough":{"bucketBy":"accountId","split":[{"variation":"a","weight":33334},
                    {"variation":"b","weight":33333},{"variation":"c","weight":33333}]}},
              {"key":"express","type":"boolean","on":true,
               "variations":[{"name":"on","value":true},{"name":"off","value":false}],
               "offVariation":"off","prerequisites":[{"flag":"rollout","variation":"on"}],
               "fallthrough":{"variation":"on"}},
              {"key":"old-app","type":"boolean","on":true,
               "variations":[{"name":"on","value":true},{"name":"off","value":false}],
               "offVariation":"off",
               "rules":[{"id":"pre-2","clauses":[{"attribute":"appVersion","op":"semverLessThan","values":["2.0.0-rc.2"]}],
                         "serve":{"variation":"on"}}],
               "fallthrough":{"variation":"off"}},
              {"key":"ids","type":"boolean","on":true,
               "variations":[{"name":"on","value":true},{"name":"off","value":false}],
               "offVariation":"off",
               "rules":[{"id":"re","clauses":[{"attribute":"email","op":"matches","values":["^u[0-9]*[05]@", "\\\\.dev$"]}],
                         "serve":{"variation":"on"}}],
               "fallthrough":{"variation":"off"}}
            ]}""";

    static EvaluationContext[] contexts(int n) {
        EvaluationContext[] out = new EvaluationContext[n];
        for (int i = 0; i < n; i++) {
            out[i] = EvaluationContext.builder("user-" + i + "-ümlaut")
                    .set("email", i % 7 == 0 ? "u" + i + "@gantry.dev" : "u" + i + "@example.com")
                    .set("country", i % 3 == 0 ? "NL" : "US")
                    .set("age", 10 + i % 30)
                    .set("accountId", "acct-" + (i % 50))
                    .set("appVersion", (i % 3) + "." + (i % 11) + ".0" + (i % 2 == 0 ? "-rc." + (i % 4) : ""))
                    .build();
        }
        return out;
    }

    /** @return bytes allocated by this thread per call of op, averaged over many calls after warm-up */
    static double bytesPerOp(Runnable op) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        for (int i = 0; i < 300_000; i++) {
            op.run();
        }
        int n = 1_000_000;
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < n; i++) {
            op.run();
        }
        long after = mx.getThreadAllocatedBytes(tid);
        return (double) (after - before) / n;
    }

    @Nested
    class Snapshots {
        private final Snapshot snapshot = Snapshot.parse(ROLLOUT);
        private final EvaluationContext[] contexts = contexts(1024);

        @Test
        void booleanDetail_rolloutWithOneRule_allocatesNothing() {
            int[] i = {0};
            int[] on = {0};
            double perOp = bytesPerOp(() -> {
                EvaluationDetail<Boolean> d = snapshot.booleanDetail("rollout", contexts[i[0]++ & 1023], false);
                if (d.value()) {
                    on[0]++;
                }
            });

            assertThat(on[0]).as("both rule and split paths ran").isPositive();
            assertThat(perOp).isLessThan(0.01);
        }

        @Test
        void stringDetail_twoClauseRuleAndAttributeSplit_allocatesNothing() {
            int[] i = {0};
            double perOp = bytesPerOp(() -> snapshot.stringDetail("theme", contexts[i[0]++ & 1023], "x"));

            assertThat(perOp).isLessThan(0.01);
        }

        @Test
        void booleanDetail_flagWithPrerequisite_allocatesNothing() {
            int[] i = {0};
            int[] failed = {0};
            double perOp = bytesPerOp(() -> {
                if (snapshot.booleanDetail("express", contexts[i[0]++ & 1023], false).reason() == Reason.PREREQUISITE_FAILED) {
                    failed[0]++;
                }
            });

            assertThat(failed[0]).as("both prerequisite outcomes ran").isPositive().isLessThan(1_300_000);
            assertThat(perOp).isLessThan(0.01);
        }

        @Test
        void booleanDetail_semverRule_allocatesNothing() {
            int[] i = {0};
            int[] on = {0};
            double perOp = bytesPerOp(() -> {
                if (snapshot.booleanValue("old-app", contexts[i[0]++ & 1023], false)) {
                    on[0]++;
                }
            });

            assertThat(on[0]).as("both outcomes ran").isPositive().isLessThan(1_300_000);
            assertThat(perOp).isLessThan(0.01);
        }

        @Test
        void booleanDetail_regexRuleOnPlatformThread_allocatesNothing() {
            int[] i = {0};
            int[] on = {0};
            double perOp = bytesPerOp(() -> {
                if (snapshot.booleanValue("ids", contexts[i[0]++ & 1023], false)) {
                    on[0]++;
                }
            });

            assertThat(on[0]).as("both outcomes ran").isPositive().isLessThan(1_300_000);
            assertThat(perOp).isLessThan(0.01);
        }

        @Test
        void bytesPerOp_errorPathBuildingMessages_measuresAllocation() {
            // Control: proves the measurement sees allocations, so the zero results above mean something.
            double perOp = bytesPerOp(() -> snapshot.booleanDetail("missing-flag", contexts[0], false));

            assertThat(perOp).isGreaterThan(50);
        }
    }
}
