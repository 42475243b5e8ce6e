package dev.gantry.bench.flag;

import java.util.Map;
import java.util.TreeMap;

/**
 * What share of contexts a peer serves each outcome to: the evidence that every peer does the
 * same work in the benchmark (same rollout share, same split, same prerequisite outcome).
 *
 * @param contexts how many contexts were evaluated
 * @param rolloutOn share of {@link BenchmarkFlags#ROLLOUT} evaluations that returned {@code true}
 * @param split share of each {@link BenchmarkFlags#SPLIT} value, by value
 * @param prerequisiteOn share of {@link BenchmarkFlags#PREREQUISITE} evaluations that returned
 *     {@code true}
 */
public record Shares(int contexts, double rolloutOn, Map<String, Double> split, double prerequisiteOn) {

    /** Copies the split map. */
    public Shares {
        split = Map.copyOf(split);
    }

    /**
     * Evaluates the three flags once for every pre-built context of {@code peer}.
     *
     * @param peer an open peer
     * @return the shares
     */
    public static Shares measure(FlagPeer peer) {
        int n = peer.contextCount();
        int rolloutOn = 0;
        int prerequisiteOn = 0;
        Map<String, Integer> splitCounts = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            if (peer.rollout(i)) {
                rolloutOn++;
            }
            if (peer.prerequisite(i)) {
                prerequisiteOn++;
            }
            splitCounts.merge(peer.split(i), 1, Integer::sum);
        }
        Map<String, Double> split = new TreeMap<>();
        splitCounts.forEach((value, count) -> split.put(value, count / (double) n));
        return new Shares(n, rolloutOn / (double) n, split, prerequisiteOn / (double) n);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("rollout on %.4f, prerequisite flag on %.4f, split", rolloutOn, prerequisiteOn));
        new TreeMap<>(split).forEach((value, share) -> text.append(String.format(" %s %.4f", value, share)));
        return text.toString();
    }
}
