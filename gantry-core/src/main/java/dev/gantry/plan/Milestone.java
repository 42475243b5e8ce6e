package dev.gantry.plan;

import java.util.Optional;

/**
 * A pre-release milestone with its due day and status.
 *
 * @param id short id such as {@code M1}
 * @param name what the milestone achieves
 * @param due when it is due
 * @param status where it stands
 * @param owner who is accountable for it
 */
public record Milestone(String id, String name, DayRef due, Status status, Optional<String> owner) {
    /** Where a milestone stands. */
    public enum Status implements PlanEnum { PENDING, IN_PROGRESS, DONE, BLOCKED, AT_RISK }
}
