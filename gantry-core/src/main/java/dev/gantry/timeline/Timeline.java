package dev.gantry.timeline;

import dev.gantry.plan.Communication;
import dev.gantry.plan.DayRef;
import dev.gantry.plan.Milestone;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.plan.SuccessMetric;
import dev.gantry.plan.TimelineEvent;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The release's dated entries (milestones, timeline events, the code freeze, scheduled
 * communications and success-metric reviews) resolved to calendar dates and placed against
 * today.
 *
 * @param launch launch day, D0
 * @param today the day the timeline was computed for
 * @param entries every dated entry, in date order
 */
public record Timeline(LocalDate launch, LocalDate today, List<Entry> entries) {
    public Timeline {
        Objects.requireNonNull(launch, "launch");
        Objects.requireNonNull(today, "today");
        entries = List.copyOf(entries);
    }

    /** What an entry is. */
    public enum Kind { MILESTONE, EVENT, FREEZE, COMMUNICATION, REVIEW }

    /** Where an entry stands on {@link #today}. */
    public enum Status {
        /** Done (a milestone marked done). */
        DONE,
        /** Its day is over. */
        PAST,
        /** It is today, or it spans today. */
        TODAY,
        /** Its day is still ahead. */
        UPCOMING,
        /** A milestone whose due day is over and that is not done. */
        OVERDUE
    }

    /**
     * One dated entry.
     *
     * @param date when it happens (its first day)
     * @param until its last day, for entries that span days
     * @param day the release day as written ({@code D-7}) or computed from a date
     * @param kind what it is
     * @param title what happens
     * @param status where it stands today
     * @param detail the milestone's status, the event's kind, the audience, ...
     */
    public record Entry(LocalDate date, Optional<LocalDate> until, String day, Kind kind, String title, Status status,
            String detail) {}

    /** Days from today to launch: positive before launch, 0 on launch day, negative after. */
    public long daysToLaunch() {
        return ChronoUnit.DAYS.between(today, launch);
    }

    /** Today as a release day: {@code D-3}, {@code D0}, {@code D+2}. */
    public String todayAsReleaseDay() {
        return new DayRef.Relative((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, -daysToLaunch()))).text();
    }

    /** Milestones overdue today. */
    public List<Entry> overdue() {
        return entries.stream().filter(entry -> entry.status() == Status.OVERDUE).toList();
    }

    /** The next entry still ahead, if any. */
    public Optional<Entry> next() {
        return entries.stream().filter(entry -> entry.status() == Status.UPCOMING).findFirst();
    }

    /** Builds the timeline of {@code plan} as seen on {@code today}. */
    public static Timeline of(ReleasePlan plan, LocalDate today) {
        LocalDate launch = plan.release().target();
        List<Entry> entries = new ArrayList<>();
        for (Milestone milestone : plan.milestones()) {
            LocalDate due = milestone.due().resolve(launch);
            Status status = milestone.status() == Milestone.Status.DONE ? Status.DONE
                    : due.isBefore(today) ? Status.OVERDUE : placed(due, due, today);
            entries.add(new Entry(due, Optional.empty(), releaseDay(milestone.due(), launch), Kind.MILESTONE,
                    milestone.id() + ": " + milestone.name(), status, milestone.status().planName()));
        }
        for (TimelineEvent event : plan.timeline()) {
            LocalDate from = event.day().resolve(launch);
            Optional<LocalDate> until = event.until().map(day -> day.resolve(launch));
            entries.add(new Entry(from, until, releaseDay(event.day(), launch), Kind.EVENT, event.name(),
                    placed(from, until.orElse(from), today), event.kind().planName()));
        }
        LocalDate freezeStart = plan.freeze().start().resolve(launch);
        LocalDate freezeEnd = plan.freeze().end().resolve(launch).minusDays(1);
        entries.add(new Entry(freezeStart, Optional.of(freezeEnd), releaseDay(plan.freeze().start(), launch), Kind.FREEZE,
                "Code freeze", placed(freezeStart, freezeEnd, today), "until " + freezeEnd));
        for (Communication communication : plan.communications()) {
            communication.when().ifPresent(when -> {
                LocalDate date = when.resolve(launch);
                entries.add(new Entry(date, Optional.empty(), releaseDay(when, launch), Kind.COMMUNICATION,
                        communication.subject().orElse(communication.id()) + " (" + communication.medium().planName()
                                + " to " + communication.audience() + ")",
                        placed(date, date, today), communication.id()));
            });
        }
        for (SuccessMetric metric : plan.successMetrics()) {
            LocalDate date = metric.reviewAt().resolve(launch);
            entries.add(new Entry(date, Optional.empty(), releaseDay(metric.reviewAt(), launch), Kind.REVIEW,
                    "Review " + metric.name() + " (target " + metric.target().text() + ")", placed(date, date, today),
                    metric.id()));
        }
        entries.sort(Comparator.comparing(Entry::date).thenComparing(entry -> entry.kind().ordinal()));
        return new Timeline(launch, today, entries);
    }

    private static Status placed(LocalDate from, LocalDate until, LocalDate today) {
        if (until.isBefore(today)) {
            return Status.PAST;
        }
        return from.isAfter(today) ? Status.UPCOMING : Status.TODAY;
    }

    private static String releaseDay(DayRef day, LocalDate launch) {
        return day instanceof DayRef.Relative ? day.text() : new DayRef.Relative((int) day.offsetFrom(launch)).text();
    }
}
