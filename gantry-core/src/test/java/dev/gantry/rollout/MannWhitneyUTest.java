package dev.gantry.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MannWhitneyUTest {

    @Nested
    class KnownValues {
        @Test
        void test_rDocumentationExample_matchesAsymptoticReference() {
            // R's ?wilcox.test example (depression ratings); W = 35. SciPy 1.17 mannwhitneyu(x, y,
            // alternative='greater', use_continuity=False, method='asymptotic') gives p = 0.11033568095992347.
            List<Double> updated = List.of(0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46);
            List<Double> old = List.of(1.15, 0.88, 0.90, 0.74, 1.21);

            MannWhitneyU.Result result = MannWhitneyU.test(old, updated, 0, 0.95);

            assertThat(result.u()).isEqualTo(35.0);
            assertThat(result.pValue()).isCloseTo(0.11033568095992347, within(1e-6));
            assertThat(result.significantlyWorse()).isFalse();
        }

        @Test
        void test_manyTies_appliesTheTieCorrection() {
            // SciPy 1.17, same options: U = 76.5, p = 0.021492280450611734 (tie-corrected variance)
            List<Double> old = List.of(1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 4.0, 5.0, 5.0, 6.0);
            List<Double> updated = List.of(2.0, 3.0, 4.0, 4.0, 5.0, 6.0, 6.0, 7.0, 7.0, 8.0);

            MannWhitneyU.Result result = MannWhitneyU.test(old, updated, 0, 0.95);

            assertThat(result.u()).isEqualTo(76.5);
            assertThat(result.pValue()).isCloseTo(0.021492280450611734, within(1e-6));
            assertThat(result.significantlyWorse()).isTrue();
        }

        @Test
        void test_allowedShift_testsTheShiftedSample() {
            // SciPy 1.17 on (updated - 1) vs old: U = 63, p = 0.15918160417214566
            List<Double> old = List.of(1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 4.0, 5.0, 5.0, 6.0);
            List<Double> updated = List.of(2.0, 3.0, 4.0, 4.0, 5.0, 6.0, 6.0, 7.0, 7.0, 8.0);

            MannWhitneyU.Result result = MannWhitneyU.test(old, updated, 1.0, 0.95);

            assertThat(result.u()).isEqualTo(63.0);
            assertThat(result.pValue()).isCloseTo(0.15918160417214566, within(1e-6));
            assertThat(result.significantlyWorse()).isFalse();
        }

        @Test
        void test_everythingTied_isNotWorse() {
            MannWhitneyU.Result result = MannWhitneyU.test(List.of(0.2, 0.2), List.of(0.2, 0.2, 0.2), 0, 0.95);

            assertThat(result.significantlyWorse()).isFalse();
            assertThat(result.pValue()).isCloseTo(0.5, within(1e-6));
        }

        @Test
        void test_badInputs_areRefusedWithTheReason() {
            assertThatThrownBy(() -> MannWhitneyU.test(List.of(), List.of(1.0), 0, 0.95)).hasMessageContaining("at least one sample");
            assertThatThrownBy(() -> MannWhitneyU.test(List.of(Double.NaN), List.of(1.0), 0, 0.95)).hasMessageContaining("finite");
            assertThatThrownBy(() -> MannWhitneyU.test(List.of(1.0), List.of(1.0), 0, 0)).hasMessageContaining("confidence");
        }
    }

    @Nested
    class SeededSimulation {
        private static List<Double> latencies(Random random, int n, double shift) {
            List<Double> samples = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                // log-normal around 200 ms, rounded to the millisecond so ties occur as in real histograms
                double value = Math.exp(Math.log(0.2) + 0.5 * random.nextGaussian()) + shift;
                samples.add(Math.round(value * 1000) / 1000.0);
            }
            return samples;
        }

        @ParameterizedTest
        @ValueSource(longs = {11, 12, 13})
        void test_sameDistribution_flagsAboutFivePercentOfTrials(long seed) {
            Random random = new Random(seed);
            int flagged = 0;
            for (int trial = 0; trial < 1000; trial++) {
                if (MannWhitneyU.test(latencies(random, 100, 0), latencies(random, 100, 0), 0, 0.95).significantlyWorse()) {
                    flagged++;
                }
            }
            assertThat(flagged).isBetween(25, 80);
        }

        @ParameterizedTest
        @ValueSource(longs = {21, 22})
        void test_slowerByMoreThanTheEffect_isFlaggedInNearlyEveryTrial(long seed) {
            Random random = new Random(seed);
            int flagged = 0;
            for (int trial = 0; trial < 200; trial++) {
                if (MannWhitneyU.test(latencies(random, 300, 0), latencies(random, 300, 0.1), 0.02, 0.95).significantlyWorse()) {
                    flagged++;
                }
            }
            assertThat(flagged).isGreaterThanOrEqualTo(180);
        }

        @ParameterizedTest
        @ValueSource(longs = {31, 32})
        void test_slowerByLessThanTheEffect_isRarelyFlagged(long seed) {
            Random random = new Random(seed);
            int flagged = 0;
            for (int trial = 0; trial < 200; trial++) {
                if (MannWhitneyU.test(latencies(random, 300, 0), latencies(random, 300, 0.01), 0.05, 0.95).significantlyWorse()) {
                    flagged++;
                }
            }
            assertThat(flagged).isLessThanOrEqualTo(10);
        }
    }
}
