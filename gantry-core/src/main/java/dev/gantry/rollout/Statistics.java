package dev.gantry.rollout;

/** Checks and edge cases the two tests share. */
final class Statistics {
    private Statistics() {}

    static void requireConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("a confidence level is between 0 and 1, e.g. 0.95, not " + confidence);
        }
    }

    /** The z of a statistic with no spread: certain in the direction of the difference, 0 without one. */
    static double degenerate(double difference) {
        return difference > 0 ? Double.POSITIVE_INFINITY : difference < 0 ? Double.NEGATIVE_INFINITY : 0;
    }
}
