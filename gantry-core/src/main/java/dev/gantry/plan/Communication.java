package dev.gantry.plan;

import java.time.LocalTime;
import java.util.Optional;

/**
 * A message the release sends to an audience.
 *
 * @param id how the plan refers to it
 * @param audience who it is for (engineering, support, existing-users, public, ...)
 * @param medium how it reaches them
 * @param when the day it goes out (scheduled communications)
 * @param at the time of day it goes out, in the release's time zone (default 09:00)
 * @param trigger what sends it: its schedule, or an event such as a rollback
 * @param subject its subject or headline
 * @param template the template file it is rendered from, relative to the plan
 * @param via the notification channel that sends it; without one it is published by hand
 * @param approval the role that approves the draft before it is sent
 */
public record Communication(String id, String audience, Medium medium, Optional<DayRef> when, LocalTime at,
        Trigger trigger, Optional<String> subject, Optional<String> template, Optional<String> via,
        Optional<String> approval) {
    public static final LocalTime DEFAULT_TIME = LocalTime.of(9, 0);

    /** How a communication reaches its audience. */
    public enum Medium implements PlanEnum { EMAIL, SLACK, WEBHOOK, BLOG, DOCS, STATUS_PAGE, IN_APP }

    /** What sends a communication. */
    public enum Trigger implements PlanEnum { SCHEDULE, ROLLBACK, INCIDENT }
}
