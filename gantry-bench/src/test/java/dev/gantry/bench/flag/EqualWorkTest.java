package dev.gantry.bench.flag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EqualWorkTest {

    private static final int KEYS = 100_000;
    private static final double TOLERANCE = 0.006;

    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Peer.class)
    void rollout_100kFreePlanKeys_servesTrueToTenPercent(Peer peer) {
        try (FlagPeer flags = peer.open(directory, BenchmarkFlags.contexts(KEYS, BenchmarkFlags.PLAN_FREE))) {
            int on = 0;
            for (int i = 0; i < KEYS; i++) {
                if (flags.rollout(i)) {
                    on++;
                }
            }
            assertThat(on / (double) KEYS).isCloseTo(0.10, within(TOLERANCE));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Peer.class)
    void split_100kKeys_servesEachColourToAThird(Peer peer) {
        try (FlagPeer flags = peer.open(directory, BenchmarkFlags.contexts(KEYS, BenchmarkFlags.PLAN_FREE))) {
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < KEYS; i++) {
                counts.merge(flags.split(i), 1, Integer::sum);
            }
            assertThat(counts).containsOnlyKeys("red", "green", "blue");
            counts.values().forEach(n -> assertThat(n / (double) KEYS).isCloseTo(1 / 3.0, within(TOLERANCE)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Peer.class)
    void prerequisite_parentOn100kKeys_servesTrueToHalf(Peer peer) {
        try (FlagPeer flags = peer.open(directory, BenchmarkFlags.contexts(KEYS, BenchmarkFlags.PLAN_FREE))) {
            int on = 0;
            for (int i = 0; i < KEYS; i++) {
                if (flags.prerequisite(i)) {
                    on++;
                }
            }
            assertThat(on / (double) KEYS).isCloseTo(0.50, within(TOLERANCE));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Peer.class)
    void rollout_enterprisePlan_ruleServesTrueToEveryone(Peer peer) {
        List<BenchmarkFlags.BenchContext> contexts = BenchmarkFlags.contexts(1_000, BenchmarkFlags.PLAN_ENTERPRISE);
        try (FlagPeer flags = peer.open(directory, contexts)) {
            for (int i = 0; i < contexts.size(); i++) {
                assertThat(flags.rollout(i)).as("rollout for %s", contexts.get(i)).isTrue();
            }
        }
    }
}
