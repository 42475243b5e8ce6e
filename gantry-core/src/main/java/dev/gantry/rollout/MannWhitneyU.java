package dev.gantry.rollout;

import java.util.Arrays;
import java.util.List;

/**
 * A one-sided Mann-Whitney U test on latency samples: does the new variation tend to be slower
 * than the old one by more than an allowed shift? The new samples are shifted down by
 * {@code maxEffect} and tested for being stochastically greater than the old ones. Ties get
 * mid-ranks and the variance the tie correction; the p-value is the normal approximation
 * without continuity correction (R's {@code wilcox.test(new - maxEffect, old, alternative =
 * "greater", exact = FALSE, correct = FALSE)}). Pure and thread-safe.
 */
public final class MannWhitneyU {
    private MannWhitneyU() {}

    /**
     * The test's outcome.
     *
     * @param u the U statistic of the (shifted) new samples: pairs where new is slower, ties half
     * @param z the standardised statistic; positive when the new variation is slower
     * @param pValue the one-sided p-value
     * @param significantlyWorse whether {@code pValue < 1 - confidence}
     */
    public record Result(double u, double z, double pValue, boolean significantlyWorse) {}

    /**
     * Tests whether {@code updated} is slower than {@code old} by more than {@code maxEffect}.
     *
     * @param old latencies of the old variation (seconds)
     * @param updated latencies of the new variation (seconds)
     * @param maxEffect the tolerated slowdown (seconds), 0 or more
     * @param confidence the confidence level, between 0 and 1 exclusive
     * @throws IllegalArgumentException when a sample is empty or not finite, or the confidence or
     *     effect is out of range
     */
    public static Result test(List<Double> old, List<Double> updated, double maxEffect, double confidence) {
        if (old.isEmpty() || updated.isEmpty()) {
            throw new IllegalArgumentException("both variations need at least one sample: old " + old.size() + ", new " + updated.size());
        }
        Statistics.requireConfidence(confidence);
        if (!(maxEffect >= 0 && Double.isFinite(maxEffect))) {
            throw new IllegalArgumentException("the allowed effect is 0 or more, not " + maxEffect);
        }
        int n1 = updated.size();
        int n2 = old.size();
        int total = n1 + n2;
        double[] values = new double[total];
        boolean[] isNew = new boolean[total];
        Integer[] order = new Integer[total];
        for (int i = 0; i < n1; i++) {
            values[i] = finite(updated.get(i)) - maxEffect;
            isNew[i] = true;
        }
        for (int i = 0; i < n2; i++) {
            values[n1 + i] = finite(old.get(i));
        }
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double rankSumNew = 0;
        double tieTerm = 0;
        int i = 0;
        while (i < total) {
            int j = i;
            while (j + 1 < total && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (isNew[order[k]]) {
                    rankSumNew += midRank;
                }
            }
            double t = j - i + 1;
            tieTerm += t * t * t - t;
            i = j + 1;
        }
        double u = rankSumNew - n1 * (n1 + 1) / 2.0;
        double mean = (double) n1 * n2 / 2.0;
        double variance = (double) n1 * n2 / 12.0 * ((total + 1) - tieTerm / ((double) total * (total - 1)));
        double z = variance <= 0 ? Statistics.degenerate(u - mean) : (u - mean) / Math.sqrt(variance);
        double p = Normal.upperTail(z);
        return new Result(u, z, p, p < 1 - confidence);
    }

    private static double finite(Double value) {
        if (value == null || !Double.isFinite(value)) {
            throw new IllegalArgumentException("a latency sample is a finite number, not " + value);
        }
        return value;
    }
}
