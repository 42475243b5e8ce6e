package dev.gantry.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TwoProportionTestTest {

    @Nested
    class KnownValues {
        /**
         * Reference z and one-sided p from SciPy 1.17: {@code chi2_contingency([[newErr, newOk],
         * [oldErr, oldOk]], correction=False)} gives z squared (R's prop.test without continuity
         * correction gives the same X-squared); p = {@code norm.sf(z)}.
         */
        @ParameterizedTest
        @CsvSource({
            "30, 1000, 45, 1000, 1.7654696590094991, 0.03874243256632235",
            "120, 10000, 150, 10000, 1.838191814478386, 0.03301707277307717",
            "10, 500, 9, 500, -0.23162674055301447, 0.5915860318457207",
            "5, 2000, 20, 2000, 3.009419175453115, 0.0013087385579556134",
        })
        void test_noAllowedEffect_matchesPooledReference(long oldErrors, long oldTotal, long newErrors, long newTotal,
                double z, double p) {
            TwoProportionTest.Result result = TwoProportionTest.test(oldErrors, oldTotal, newErrors, newTotal, 0, 0.95);

            assertThat(result.z()).isCloseTo(z, within(1e-9));
            assertThat(result.pValue()).isCloseTo(p, within(1e-6));
            assertThat(result.significantlyWorse()).isEqualTo(p < 0.05);
        }

        @Test
        void test_allowedEffect_usesUnpooledErrorAroundTheEffect() {
            // 1% vs 0.25%: z = (0.01 - 0.0025 - 0.005) / sqrt(0.0025*0.9975/2000 + 0.01*0.99/2000) = 1.00...
            TwoProportionTest.Result result = TwoProportionTest.test(5, 2000, 20, 2000, 0.005, 0.95);

            assertThat(result.z()).isCloseTo(0.0025 / Math.sqrt(0.0025 * 0.9975 / 2000 + 0.01 * 0.99 / 2000), within(1e-12));
            assertThat(result.significantlyWorse()).isFalse();
        }
    }

    @Nested
    class Decisions {
        @Test
        void test_newWorseButWithinAllowedEffect_isNotSignificantlyWorse() {
            assertThat(TwoProportionTest.test(100, 10_000, 130, 10_000, 0, 0.95).significantlyWorse()).isTrue();
            assertThat(TwoProportionTest.test(100, 10_000, 130, 10_000, 0.005, 0.95).significantlyWorse()).isFalse();
        }

        @Test
        void test_newBetter_isNeverWorse() {
            assertThat(TwoProportionTest.test(300, 1000, 10, 1000, 0, 0.95).significantlyWorse()).isFalse();
        }

        @Test
        void test_noErrorsAnywhere_isNotWorse() {
            TwoProportionTest.Result result = TwoProportionTest.test(0, 1000, 0, 1000, 0, 0.95);

            assertThat(result.significantlyWorse()).isFalse();
            assertThat(result.pValue()).isCloseTo(0.5, within(1e-6));
        }

        @Test
        void test_higherConfidence_needsStrongerEvidence() {
            assertThat(TwoProportionTest.test(30, 1000, 45, 1000, 0, 0.95).significantlyWorse()).isTrue();
            assertThat(TwoProportionTest.test(30, 1000, 45, 1000, 0, 0.99).significantlyWorse()).isFalse();
        }

        @Test
        void test_badInputs_areRefusedWithTheReason() {
            assertThatThrownBy(() -> TwoProportionTest.test(0, 0, 1, 10, 0, 0.95)).hasMessageContaining("at least one request");
            assertThatThrownBy(() -> TwoProportionTest.test(11, 10, 1, 10, 0, 0.95)).hasMessageContaining("between 0 and the total");
            assertThatThrownBy(() -> TwoProportionTest.test(1, 10, 1, 10, 0, 1.5)).hasMessageContaining("confidence");
            assertThatThrownBy(() -> TwoProportionTest.test(1, 10, 1, 10, -0.1, 0.95)).hasMessageContaining("allowed effect");
        }
    }

    @Nested
    class SeededSimulation {
        private static final int TRIALS = 1000;

        private static long errors(Random random, int n, double rate) {
            long count = 0;
            for (int i = 0; i < n; i++) {
                if (random.nextDouble() < rate) {
                    count++;
                }
            }
            return count;
        }

        @ParameterizedTest
        @CsvSource({"1, 0.02", "2, 0.10", "3, 0.005"})
        void test_sameRate_flagsAboutFivePercentOfTrials(long seed, double rate) {
            Random random = new Random(seed);
            int flagged = 0;
            for (int trial = 0; trial < TRIALS; trial++) {
                if (TwoProportionTest.test(errors(random, 2000, rate), 2000, errors(random, 2000, rate), 2000, 0, 0.95)
                        .significantlyWorse()) {
                    flagged++;
                }
            }
            // expected 5%; a binomial(1000, 0.05) lies in [25, 80] with overwhelming probability
            assertThat(flagged).isBetween(25, 80);
        }

        @ParameterizedTest
        @CsvSource({"4, 0.02, 0.03", "5, 0.01, 0.02"})
        void test_higherRate_isFlaggedInNearlyEveryTrial(long seed, double oldRate, double newRate) {
            Random random = new Random(seed);
            int flagged = 0;
            for (int trial = 0; trial < 200; trial++) {
                if (TwoProportionTest.test(errors(random, 5000, oldRate), 5000, errors(random, 5000, newRate), 5000, 0, 0.95)
                        .significantlyWorse()) {
                    flagged++;
                }
            }
            assertThat(flagged).isGreaterThanOrEqualTo(180);
        }
    }
}
