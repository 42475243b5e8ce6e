package dev.gantry.review;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known about a launched release when it is reviewed: measured metric values, critical
 * bugs, incidents and rollbacks. Offline only metrics (and optionally a count of critical bugs)
 * are known; the server knows everything it recorded.
 *
 * @param source where the facts come from, as shown ({@code offline inputs}, {@code server https://...})
 * @param metrics the latest value of each success metric, by metric id; a metric without one was not measured
 * @param bugs what is known about critical bugs
 * @param incidents the release's status-page incidents, oldest first
 * @param rollbacks the release's rollbacks, oldest first
 */
public record ReviewFacts(String source, Map<String, Measured> metrics, Bugs bugs, List<Incident> incidents,
        List<Rollback> rollbacks) {
    public ReviewFacts {
        Objects.requireNonNull(source, "source");
        metrics = Map.copyOf(metrics);
        Objects.requireNonNull(bugs, "bugs");
        incidents = List.copyOf(incidents);
        rollbacks = List.copyOf(rollbacks);
    }

    /**
     * A measured value.
     *
     * @param value the number (ratios as ratios: 99.5% is 0.995; durations in seconds)
     * @param at when it was measured, when known
     * @param how {@code prometheus}, {@code manual} or {@code given}
     */
    public record Measured(double value, Optional<Instant> at, String how) {
        public Measured {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a measured value is a finite number");
            }
        }
    }

    /** What is known about critical bugs. */
    public sealed interface Bugs {
        /** Nothing: offline without a count. */
        record Unknown() implements Bugs {}

        /** A count of critical bugs reported in the window, given offline. */
        record Counted(int inWindow) implements Bugs {
            public Counted {
                if (inWindow < 0) {
                    throw new IllegalArgumentException("a count is not negative");
                }
            }
        }

        /** Every bug on record (any severity). */
        record Listed(List<Bug> bugs) implements Bugs {
            public Listed {
                bugs = List.copyOf(bugs);
            }
        }
    }

    /**
     * A reported bug.
     *
     * @param id its id
     * @param title what is wrong
     * @param severity {@code critical}, {@code major} or {@code minor}
     * @param reportedAt when it was reported
     * @param resolvedAt when it was resolved
     */
    public record Bug(String id, String title, String severity, Instant reportedAt, Optional<Instant> resolvedAt) {
        /** @return whether it is critical */
        public boolean critical() {
            return "critical".equalsIgnoreCase(severity);
        }
    }

    /**
     * A status-page incident.
     *
     * @param name its headline
     * @param impact none, minor, major or critical
     * @param status its latest status
     * @param openedAt when it was opened
     * @param resolvedAt when it was resolved
     */
    public record Incident(String name, String impact, String status, Instant openedAt, Optional<Instant> resolvedAt) {}

    /**
     * A rollback.
     *
     * @param at when
     * @param cause why
     * @param automatic whether a guard did it
     */
    public record Rollback(Instant at, String cause, boolean automatic) {}
}
