package dev.gantry.plan;

import java.time.Duration;
import java.util.List;

/**
 * After launch: how often metrics are reviewed, for how long critical bugs are watched for,
 * and what else the team does.
 *
 * @param reviews review cadences (hourly on day 1, daily on days 2 to 7)
 * @param criticalBugWindow how long after launch no critical bug may be open
 * @param activities the team's other post-launch work, in words
 */
public record PostLaunch(List<Review> reviews, Duration criticalBugWindow, List<String> activities) {
    public static final Duration DEFAULT_CRITICAL_BUG_WINDOW = Duration.ofHours(48);
    public static final PostLaunch DEFAULT = new PostLaunch(List.of(
            new Review(DayRef.LAUNCH, DayRef.LAUNCH, Duration.ofHours(1), "Metrics review"),
            new Review(new DayRef.Relative(1), new DayRef.Relative(6), Duration.ofDays(1), "Metrics review")),
            DEFAULT_CRITICAL_BUG_WINDOW, List.of());

    public PostLaunch {
        reviews = List.copyOf(reviews);
        activities = List.copyOf(activities);
    }

    /**
     * A recurring review.
     *
     * @param from its first day
     * @param until its last day
     * @param every how often
     * @param what what is reviewed
     */
    public record Review(DayRef from, DayRef until, Duration every, String what) {}
}
