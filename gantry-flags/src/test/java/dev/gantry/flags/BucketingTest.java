package dev.gantry.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.flags.internal.JsonTree;
import dev.gantry.flags.internal.Murmur3;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class BucketingTest {

    private static JsonValue.JsonObject vectors() {
        return (JsonValue.JsonObject) JsonTree.parse(Fixtures.text("bucketing-vectors.json").getBytes(StandardCharsets.UTF_8));
    }

    private static String str(JsonValue v, String field) {
        return ((JsonValue.JsonString) ((JsonValue.JsonObject) v).members().get(field)).value();
    }

    private static long num(JsonValue v, String field) {
        return (long) ((JsonValue.JsonNumber) ((JsonValue.JsonObject) v).members().get(field)).value();
    }

    @Nested
    class Vectors {
        @TestFactory
        Stream<DynamicTest> bucket_sharedVectors_matchContract() {
            List<JsonValue> cases = ((JsonValue.JsonArray) vectors().members().get("hashVectors")).elements();
            assertThat(cases).hasSizeGreaterThan(50);
            return cases.stream().map(c -> DynamicTest.dynamicTest(
                    "salt='" + str(c, "salt") + "' key='" + str(c, "key") + "'", () -> {
                        assertThat(Bucketing.hash(str(c, "salt"), str(c, "key"))).isEqualTo(num(c, "hash"));
                        assertThat(Bucketing.bucket(str(c, "salt"), str(c, "key"))).isEqualTo((int) num(c, "bucket"));
                    }));
        }

        @TestFactory
        Stream<DynamicTest> split_sharedVectors_serveListedVariation() {
            List<JsonValue> cases = ((JsonValue.JsonArray) vectors().members().get("splitVectors")).elements();
            return cases.stream().map(c -> DynamicTest.dynamicTest(
                    "key='" + str(c, "key") + "' -> " + str(c, "variation"), () -> {
                        JsonValue.JsonArray weights = (JsonValue.JsonArray) ((JsonValue.JsonObject) c).members().get("weights");
                        List<Variation> variations = new ArrayList<>();
                        List<Serve.WeightedVariation> split = new ArrayList<>();
                        for (JsonValue w : weights.elements()) {
                            variations.add(new Variation(str(w, "variation"), JsonValue.of(str(w, "variation"))));
                            split.add(new Serve.WeightedVariation(str(w, "variation"), (int) num(w, "weight")));
                        }
                        Flag flag = new Flag("f", FlagType.STRING, true, str(c, "salt"), variations,
                                variations.get(0).name(), List.of(), List.of(), List.of(),
                                new Serve.Split(split, java.util.Optional.empty()));
                        Snapshot s = Snapshot.of("1", List.of(flag), List.of());

                        EvaluationDetail<String> d = s.stringDetail("f", EvaluationContext.of(str(c, "key")), "default");

                        assertThat(d.value()).isEqualTo(str(c, "variation"));
                        assertThat(d.reason()).isEqualTo(Reason.SPLIT);
                    }));
        }
    }

    @Nested
    class Hash {
        @Test
        void hash_publishedMurmur3Vectors_match() {
            assertThat(Murmur3.hash("hello".getBytes(StandardCharsets.UTF_8))).isEqualTo(0x248bfa47);
            assertThat(Murmur3.hash("The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(0x2e4ff723);
            assertThat(Murmur3.hash(new byte[0])).isZero();
        }

        @Test
        void hash_streamingOverRandomUnicode_equalsHashOfUtf8Bytes() {
            Random random = new Random(20261122L);
            for (int i = 0; i < 5_000; i++) {
                String salt = randomString(random, random.nextInt(6));
                String key = randomString(random, random.nextInt(20));
                byte[] bytes = (salt + "." + key).getBytes(StandardCharsets.UTF_8);

                assertThat(Murmur3.hash(Bucketing.prefix(salt), key)).as("salt=%s key=%s", salt, key)
                        .isEqualTo(Murmur3.hash(bytes));
            }
        }

        private static String randomString(Random random, int length) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < length; i++) {
                switch (random.nextInt(5)) {
                    case 0 -> sb.append((char) ('a' + random.nextInt(26)));
                    case 1 -> sb.append((char) (0x80 + random.nextInt(0x780)));
                    case 2 -> sb.append((char) (0x800 + random.nextInt(0xD000 - 0x800)));
                    case 3 -> sb.appendCodePoint(0x10000 + random.nextInt(0x100000 - 0x10000));
                    default -> sb.append((char) (0xD800 + random.nextInt(0x800))); // lone surrogate -> '?'
                }
            }
            return sb.toString();
        }
    }

    @Nested
    class Distribution {
        private static Snapshot rollout(int percentOn) {
            Flag flag = new Flag("rollout", FlagType.BOOLEAN, true, "rollout-salt",
                    List.of(new Variation("on", JsonValue.of(true)), new Variation("off", JsonValue.of(false))), "off",
                    List.of(), List.of(), List.of(),
                    new Serve.Split(List.of(new Serve.WeightedVariation("on", percentOn * 1000),
                            new Serve.WeightedVariation("off", 100_000 - percentOn * 1000)), java.util.Optional.empty()));
            return Snapshot.of("v" + percentOn, List.of(flag), List.of());
        }

        @Test
        void split_raisingRolloutPercentage_onlyAddsUnits() {
            int[] steps = {1, 10, 25, 50, 99, 100};
            Snapshot[] snapshots = new Snapshot[steps.length];
            for (int i = 0; i < steps.length; i++) {
                snapshots[i] = rollout(steps[i]);
            }
            int inAtTen = 0;
            for (int u = 0; u < 20_000; u++) {
                EvaluationContext ctx = EvaluationContext.of("unit-" + u);
                boolean wasIn = false;
                for (int i = 0; i < steps.length; i++) {
                    boolean in = snapshots[i].booleanValue("rollout", ctx, false);
                    assertThat(!wasIn || in).as("unit-%d in at %d%% but out at %d%%", u, steps[Math.max(0, i - 1)], steps[i])
                            .isTrue();
                    wasIn = in;
                    if (steps[i] == 10 && in) {
                        inAtTen++;
                    }
                }
                assertThat(wasIn).as("everyone is in at 100%").isTrue();
            }
            assertThat(inAtTen).isBetween(1_800, 2_200);
        }

        @Test
        void bucket_100kKeys_isUniformByChiSquare() {
            int bins = 100;
            int n = 100_000;
            long[] counts = new long[bins];
            for (int i = 0; i < n; i++) {
                counts[Bucketing.bucket("uniformity", "user-" + i) / (Bucketing.SCALE / bins)]++;
            }
            double expected = (double) n / bins;
            double chi2 = 0;
            for (long c : counts) {
                chi2 += (c - expected) * (c - expected) / expected;
            }
            // 99 degrees of freedom: P(chi2 > 148.23) = 0.001
            assertThat(chi2).isLessThan(148.23);
        }

        @Test
        void split_tenPercentOn100kKeys_servesTenPercent() {
            Snapshot s = rollout(10);
            int on = 0;
            for (int i = 0; i < 100_000; i++) {
                if (s.booleanValue("rollout", EvaluationContext.of("key-" + i), false)) {
                    on++;
                }
            }
            assertThat(on).isBetween(9_700, 10_300);
        }
    }
}
