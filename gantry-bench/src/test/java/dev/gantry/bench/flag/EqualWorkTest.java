package dev.gantry.bench.flag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every peer, loaded with its own flag file, serves the same shares as Gantry over 100k keys:
 * the benchmark compares equal work. Shares are deterministic for fixed keys; the tolerance
 * (0.006) is over four standard deviations of a uniform assignment of 100k keys.
 */
class EqualWorkTest {

    private static final int KEYS = 100_000;
    private static final double TOLERANCE = 0.006;

    @TempDir
    Path directory;

    @Nested
    class FreePlan {

        @ParameterizedTest(name = "{0}")
        @EnumSource(Peer.class)
        void measure_100kKeys_servesSameSharesAsTheFlagsSay(Peer peer) {
            Shares shares;
            try (FlagPeer flags = peer.open(directory, BenchmarkFlags.contexts(KEYS, BenchmarkFlags.PLAN_FREE))) {
                shares = Shares.measure(flags);
            }

            assertThat(shares.rolloutOn()).as("rollout share").isCloseTo(0.10, within(TOLERANCE));
            assertThat(shares.split()).as("split values").containsOnlyKeys("red", "green", "blue");
            shares.split().forEach((value, share) ->
                    assertThat(share).as("split share of %s", value).isCloseTo(1 / 3.0, within(TOLERANCE)));
            assertThat(shares.prerequisiteOn()).as("prerequisite flag share").isCloseTo(0.50, within(TOLERANCE));
        }
    }

    @Nested
    class EnterprisePlan {

        @ParameterizedTest(name = "{0}")
        @EnumSource(Peer.class)
        void rollout_ruleMatches_servesTrueToEveryone(Peer peer) {
            List<BenchmarkFlags.BenchContext> contexts = BenchmarkFlags.contexts(1_000, BenchmarkFlags.PLAN_ENTERPRISE);
            try (FlagPeer flags = peer.open(directory, contexts)) {
                for (int i = 0; i < contexts.size(); i++) {
                    assertThat(flags.rollout(i)).as("rollout for %s", contexts.get(i)).isTrue();
                }
            }
        }
    }
}
