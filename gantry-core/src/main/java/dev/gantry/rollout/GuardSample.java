package dev.gantry.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One observation of a guard's source at an instant, as the server measured it. A source that
 * had no data or failed is reported as {@link Inconclusive}, never as a number. Immutable.
 */
public sealed interface GuardSample {

    /** When the value was measured. */
    Instant at();

    /** A number from a prometheus query or an SDK metric, in the threshold's unit (ratio, seconds). */
    record Value(Instant at, double value) implements GuardSample {
        public Value {
            Objects.requireNonNull(at, "at");
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a guard value is a finite number; report NaN or infinity as inconclusive");
            }
        }
    }

    /** An HTTP probe's outcome: healthy or not, with what was seen ("503 from /health"). */
    record Probe(Instant at, boolean healthy, String detail) implements GuardSample {
        public Probe {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * Error counts per variation, for a {@code compare} guard on {@code error-rate}.
     *
     * @param oldErrors errors seen by units on the old variation
     * @param oldTotal requests or evaluations seen on the old variation
     * @param newErrors errors seen on the new variation
     * @param newTotal requests or evaluations seen on the new variation
     */
    record ErrorCounts(Instant at, long oldErrors, long oldTotal, long newErrors, long newTotal) implements GuardSample {
        public ErrorCounts {
            Objects.requireNonNull(at, "at");
            if (oldErrors < 0 || newErrors < 0 || oldErrors > oldTotal || newErrors > newTotal) {
                throw new IllegalArgumentException("errors are between 0 and the total: old " + oldErrors + "/" + oldTotal
                        + ", new " + newErrors + "/" + newTotal);
            }
        }
    }

    /** Latency samples in seconds per variation, for a {@code compare} guard on {@code latency}. */
    record Latencies(Instant at, List<Double> old, List<Double> updated) implements GuardSample {
        public Latencies {
            Objects.requireNonNull(at, "at");
            old = List.copyOf(old);
            updated = List.copyOf(updated);
        }
    }

    /** The source had no data or failed; {@code reason} says which, without secrets. */
    record Inconclusive(Instant at, String reason) implements GuardSample {
        public Inconclusive {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
