package dev.gantry.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a guard currently knows, restored from the rollout's events by {@link #replay}. Immutable.
 */
public sealed interface GuardStatus {

    /** Nothing against the release: the initial status, and the status after a recovery. */
    record Healthy() implements GuardStatus {}

    /** The condition is true since {@code since} but has not yet held for the guard's {@code for}. */
    record Breaching(Instant since, String detail) implements GuardStatus {
        public Breaching {
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The condition held for the guard's {@code for}: the guard's action applied at {@code at}. */
    record Breached(Instant since, Instant at, String detail) implements GuardStatus {
        public Breached {
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * The source had no data or failed since {@code since}.
     *
     * @param breachingSince when the guard was breaching as data stopped, the instant its
     *     condition began; the {@code for} clock is not reset by missing data
     */
    record Inconclusive(Instant since, String reason, Optional<Instant> breachingSince) implements GuardStatus {
        public Inconclusive {
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(reason, "reason");
            breachingSince = breachingSince == null ? Optional.empty() : breachingSince;
        }
    }

    /** Whether the guard lets the rollout advance: only a healthy guard does. */
    default boolean satisfied() {
        return this instanceof Healthy;
    }

    /** The status of {@code guard} after {@code events}, a fold over its guard events. */
    static GuardStatus replay(String guard, List<RolloutEvent> events) {
        GuardStatus status = new Healthy();
        for (RolloutEvent event : events) {
            status = GuardTracker.apply(status, guard, event);
        }
        return status;
    }
}
