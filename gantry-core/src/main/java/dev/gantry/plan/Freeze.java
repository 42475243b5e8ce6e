package dev.gantry.plan;

import java.time.LocalDate;
import java.util.List;

/**
 * The code freeze: no merges but those the plan allows from {@code start} until the day before
 * {@code end}.
 *
 * @param start the first frozen day (default: the code-freeze event, else D-7)
 * @param end the first day no longer frozen (default D+1)
 * @param allow what may still be merged during the freeze, in words
 */
public record Freeze(DayRef start, DayRef end, List<String> allow) {
    public static final DayRef DEFAULT_START = new DayRef.Relative(-7);
    public static final DayRef DEFAULT_END = new DayRef.Relative(1);

    public Freeze {
        allow = List.copyOf(allow);
    }

    /** Whether {@code day} is frozen for a launch on {@code launch}. */
    public boolean covers(LocalDate day, LocalDate launch) {
        return !day.isBefore(start.resolve(launch)) && day.isBefore(end.resolve(launch));
    }
}
