package dev.gantry.freeze;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Whether the code freeze is in force at an instant. Days are whole calendar days in the zone
 * the check was made in; {@code until} is the first day no longer frozen.
 */
public sealed interface FreezeStatus {
    /** The first frozen day. */
    LocalDate from();

    /** The first day no longer frozen. */
    LocalDate until();

    /** Whether work that the freeze forbids must stop. */
    default boolean blocks() {
        return this instanceof Frozen;
    }

    /** One sentence for people. */
    String describe();

    /** Outside the freeze. */
    record Open(LocalDate from, LocalDate until, LocalDate today) implements FreezeStatus {
        public Open {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(today, "today");
        }

        @Override
        public String describe() {
            return today.isBefore(from) ? "not frozen: the code freeze starts on " + from + " and lasts until " + until
                    : "not frozen: the code freeze ended on " + until;
        }
    }

    /** Inside the freeze, with no override. */
    record Frozen(LocalDate from, LocalDate until, List<String> allow) implements FreezeStatus {
        public Frozen {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
            allow = List.copyOf(allow);
        }

        @Override
        public String describe() {
            return "frozen since " + from + " until " + until + " (the freeze lifts at the start of that day)"
                    + (allow.isEmpty() ? "" : "; allowed during the freeze: " + String.join(", ", allow));
        }
    }

    /** Inside the freeze, overridden with a recorded reason. */
    record Overridden(LocalDate from, LocalDate until, String reason) implements FreezeStatus {
        public Overridden {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("an override needs a reason");
            }
        }

        @Override
        public String describe() {
            return "frozen since " + from + " until " + until + ", overridden: " + reason;
        }
    }
}
