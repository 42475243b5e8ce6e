package dev.gantry.rollout;

/**
 * A one-sided two-proportion z-test: is the new variation's error rate higher than the old one's
 * by more than an allowed effect? H0: p_new - p_old &lt;= maxEffect; H1: p_new - p_old &gt; maxEffect.
 * With no allowed effect the standard error is pooled (R's {@code prop.test(..., alternative =
 * "greater", correct = FALSE)}); with one it is unpooled, as the pooled form assumes equal rates.
 * Normal approximation, no continuity correction. Pure and thread-safe.
 */
public final class TwoProportionTest {
    private TwoProportionTest() {}

    /**
     * The test's outcome.
     *
     * @param oldRate errors / total on the old variation
     * @param newRate errors / total on the new variation
     * @param z the test statistic; positive when the new variation is worse by more than the allowed effect
     * @param pValue the one-sided p-value
     * @param significantlyWorse whether {@code pValue < 1 - confidence}
     */
    public record Result(double oldRate, double newRate, double z, double pValue, boolean significantlyWorse) {}

    /**
     * Tests whether the new variation's error rate exceeds the old one's by more than {@code maxEffect}.
     *
     * @param maxEffect the largest tolerated increase, in absolute rate (0.005 = half a percentage point)
     * @param confidence the confidence level, between 0 and 1 exclusive
     * @throws IllegalArgumentException when a total is 0 or less, errors exceed a total, or the
     *     confidence or effect is out of range
     */
    public static Result test(long oldErrors, long oldTotal, long newErrors, long newTotal, double maxEffect,
            double confidence) {
        if (oldTotal <= 0 || newTotal <= 0) {
            throw new IllegalArgumentException("both variations need at least one request: old " + oldTotal + ", new " + newTotal);
        }
        if (oldErrors < 0 || newErrors < 0 || oldErrors > oldTotal || newErrors > newTotal) {
            throw new IllegalArgumentException("errors are between 0 and the total");
        }
        Statistics.requireConfidence(confidence);
        if (!(maxEffect >= 0 && maxEffect < 1)) {
            throw new IllegalArgumentException("the allowed effect is a rate from 0 up to 1, not " + maxEffect);
        }
        double oldRate = (double) oldErrors / oldTotal;
        double newRate = (double) newErrors / newTotal;
        double difference = newRate - oldRate - maxEffect;
        double se;
        if (maxEffect == 0) {
            double pooled = (double) (oldErrors + newErrors) / (oldTotal + newTotal);
            se = Math.sqrt(pooled * (1 - pooled) * (1.0 / oldTotal + 1.0 / newTotal));
        } else {
            se = Math.sqrt(oldRate * (1 - oldRate) / oldTotal + newRate * (1 - newRate) / newTotal);
        }
        double z = se == 0 ? Statistics.degenerate(difference) : difference / se;
        double p = Normal.upperTail(z);
        return new Result(oldRate, newRate, z, p, p < 1 - confidence);
    }
}
