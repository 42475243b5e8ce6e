package dev.gantry.overview;

import dev.gantry.plan.Change;
import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.GateCategory;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.plan.Rollout;
import dev.gantry.timeline.Timeline;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A release at a glance: where it stands in time, what it changes, what gates it and who must
 * sign it off. What {@code gantry check} prints and the dashboard's release list shows.
 *
 * @param product the product
 * @param version the version released
 * @param owner the release owner
 * @param launch launch day
 * @param today the day the overview was made for
 * @param releaseDay today as a release day ({@code D-3})
 * @param stage where the release is in its life
 * @param overdueMilestones titles of milestones overdue today
 * @param next the next dated entry, in words
 * @param changes counts of changes
 * @param gates counts of gate items
 * @param signoffsRequired the roles whose sign-off is required
 * @param rolloutPhases the rollout's percentages, in order
 */
public record ReleaseOverview(String product, String version, String owner, LocalDate launch, LocalDate today,
        String releaseDay, Stage stage, List<String> overdueMilestones, Optional<String> next, ChangeCounts changes,
        GateCounts gates, List<String> signoffsRequired, List<Double> rolloutPhases) {
    public ReleaseOverview {
        overdueMilestones = List.copyOf(overdueMilestones);
        signoffsRequired = List.copyOf(signoffsRequired);
        rolloutPhases = List.copyOf(rolloutPhases);
    }

    /** Where a release is in its life, by date. */
    public enum Stage { PLANNING, FROZEN, LAUNCH_DAY, POST_LAUNCH }

    /**
     * Change counts.
     *
     * @param total changes shipped
     * @param breaking breaking changes shipped
     * @param deferred changes moved out of the release (follow-ups)
     * @param audiences the audiences breaking changes affect
     */
    public record ChangeCounts(int total, int breaking, int deferred, List<Change.Audience> audiences) {
        public ChangeCounts {
            audiences = List.copyOf(audiences);
        }
    }

    /**
     * Gate item counts.
     *
     * @param categories the categories
     * @param required items whose failure is NO-GO
     * @param optional items that never block
     * @param automated items Gantry checks itself
     * @param manual items a person marks done
     */
    public record GateCounts(List<String> categories, int required, int optional, int automated, int manual) {
        public GateCounts {
            categories = List.copyOf(categories);
        }
    }

    /** The overview of {@code plan} on {@code today}. */
    public static ReleaseOverview of(ReleasePlan plan, LocalDate today) {
        Timeline timeline = Timeline.of(plan, today);
        List<Change> shipped = plan.shippedChanges();
        List<Change> breaking = shipped.stream().filter(Change::breaking).toList();
        List<Change.Audience> audiences = Arrays.stream(Change.Audience.values())
                .filter(audience -> breaking.stream().anyMatch(change -> change.audiences().contains(audience)))
                .toList();
        List<GateCategory.Item> items = plan.gateItems().toList();
        int required = (int) items.stream().filter(GateCategory.Item::required).count();
        int manual = (int) items.stream().filter(item -> item.check() instanceof CheckSpec.Manual).count();
        return new ReleaseOverview(plan.release().product(), plan.release().version(), plan.release().owner(),
                plan.release().target(), today, timeline.todayAsReleaseDay(), stage(plan, today),
                timeline.overdue().stream().map(Timeline.Entry::title).toList(),
                timeline.next().map(entry -> entry.date() + " (" + entry.day() + "): " + entry.title()),
                new ChangeCounts(shipped.size(), breaking.size(), plan.changes().size() - shipped.size(), audiences),
                new GateCounts(plan.gates().stream().map(GateCategory::id).toList(), required, items.size() - required,
                        items.size() - manual, manual),
                plan.signoffs(),
                plan.rollout().map(rollout -> rollout.phases().stream().map(Rollout.Phase::percent).toList())
                        .orElse(List.of()));
    }

    private static Stage stage(ReleasePlan plan, LocalDate today) {
        LocalDate launch = plan.release().target();
        if (today.equals(launch)) {
            return Stage.LAUNCH_DAY;
        } else if (today.isAfter(launch)) {
            return Stage.POST_LAUNCH;
        }
        return plan.freeze().covers(today, launch) ? Stage.FROZEN : Stage.PLANNING;
    }
}
