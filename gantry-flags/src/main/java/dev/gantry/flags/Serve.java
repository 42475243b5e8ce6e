package dev.gantry.flags;

import java.util.List;
import java.util.Optional;

/** What a rule or the fallthrough serves: one fixed variation or a weighted split. */
public sealed interface Serve {

    /** @param variation name of the variation served */
    record Fixed(String variation) implements Serve {
        /** Rejects blank names. */
        public Fixed {
            Names.requireName(variation, "served variation");
        }
    }

    /**
     * A percentage split. Weights are on a 0..100000 scale and sum to 100000; each unit lands in
     * the bucket computed by {@link Bucketing}, and walks the weights in order (see
     * docs/flags-bucketing.md). Keep the order stable when changing weights: then raising a
     * weight only adds units to that variation.
     *
     * @param weights the weighted variations, in order, copied
     * @param bucketBy the attribute whose value is the bucketing unit; empty for the targeting key
     */
    record Split(List<WeightedVariation> weights, Optional<String> bucketBy) implements Serve {
        /** Copies the weights. */
        public Split {
            weights = List.copyOf(weights);
            bucketBy = bucketBy == null ? Optional.empty() : bucketBy;
        }
    }

    /**
     * @param variation name of a variation
     * @param weight share on the 0..100000 scale
     */
    record WeightedVariation(String variation, int weight) {
        /** Rejects weights outside 0..100000. */
        public WeightedVariation {
            Names.requireName(variation, "split variation");
            if (weight < 0 || weight > Bucketing.SCALE) {
                throw new IllegalArgumentException("weight must be in 0.." + Bucketing.SCALE + ", got " + weight);
            }
        }
    }
}
