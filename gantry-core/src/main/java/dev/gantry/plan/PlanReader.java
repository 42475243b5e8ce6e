package dev.gantry.plan;

import dev.gantry.plan.Fields.Item;
import dev.gantry.plan.References.Kind;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Reads a whole plan document: the top-level sections itself, the rest through the section
 * readers, then the references between sections. Every problem goes to {@link Problems}.
 */
final class PlanReader {
    static final String[] TOP_LEVEL_KEYS = {"apiVersion", "release", "roles", "milestones", "timeline", "freeze",
        "changes", "environment", "migrations", "gates", "signoffs", "flags", "rollout", "rollback", "deploy",
        "communications", "support", "monitoring", "oncall", "successMetrics", "postLaunch", "notifications",
        "infrastructure"};

    private final Problems problems;
    private final References references;

    private final boolean checkFiles;

    PlanReader(Problems problems) {
        this(problems, true);
    }

    PlanReader(Problems problems, boolean checkFiles) {
        this.problems = problems;
        this.references = new References(problems);
        this.checkFiles = checkFiles;
    }

    /** The plan, or empty when the document is not even a map; check {@link Problems} either way. */
    Optional<ReleasePlan> read(YamlNode root, Path directory) {
        Optional<Fields> top = Fields.of(root, problems, Fields.ROOT, TOP_LEVEL_KEYS);
        if (top.isEmpty()) {
            return Optional.empty();
        }
        Fields plan = top.get();
        String apiVersion = readApiVersion(plan);
        Release release = plan.object("release", this::release).orElseGet(() -> {
            plan.require("release", "{ product: ..., version: ..., owner: ..., target: YYYY-MM-DD }");
            return placeholderRelease();
        });
        List<Role> roles = roles(plan);
        List<Milestone> milestones = plan.objects("milestones", this::milestone);
        List<TimelineEvent> timeline = plan.objects("timeline", this::timelineEvent);
        Freeze freeze = plan.object("freeze", this::freeze).orElseGet(() -> defaultFreeze(timeline));

        ChangeReader changes = new ChangeReader(problems, references);
        GateReader gates = new GateReader(problems, references);
        DeliveryReader delivery = new DeliveryReader(problems, references);
        CommunicationReader communication = new CommunicationReader(problems, references);

        ReleasePlan result = new ReleasePlan(
                apiVersion,
                release,
                roles,
                milestones,
                timeline,
                freeze,
                plan.objects("changes", changes::change),
                changes.environment(plan),
                plan.object("migrations", changes::migrations),
                gates.gates(plan),
                gates.signoffs(plan),
                plan.objects("flags", delivery::flag),
                plan.object("rollout", delivery::rollout),
                plan.object("rollback", delivery::rollback).orElse(Rollback.NONE),
                plan.object("deploy", delivery::deploy).orElse(Deploy.NONE),
                plan.objects("communications", communication::communication),
                plan.object("support", communication::support).orElse(Support.NONE),
                plan.object("monitoring", communication::monitoring).orElse(Monitoring.NONE),
                plan.objects("oncall", this::onCallShift),
                plan.objects("successMetrics", communication::successMetric),
                plan.object("postLaunch", this::postLaunch).orElse(PostLaunch.DEFAULT),
                communication.notifications(plan),
                plan.objects("infrastructure", this::infrastructure),
                directory);
        new PlanRules(problems, references, checkFiles).check(result, plan);
        references.check();
        return Optional.of(result);
    }

    private String readApiVersion(Fields plan) {
        if (!plan.require("apiVersion", ReleasePlan.API_VERSION)) {
            return ReleasePlan.API_VERSION;
        }
        String apiVersion = plan.string("apiVersion", "");
        if (!apiVersion.equals(ReleasePlan.API_VERSION)) {
            plan.problem("apiVersion", "apiVersion '" + apiVersion + "' is not one this Gantry reads",
                    "write 'apiVersion: " + ReleasePlan.API_VERSION + "'");
        }
        return apiVersion;
    }

    private Optional<Release> release(Item item) {
        return item.fields(problems, "product", "version", "previous", "owner", "target", "type", "summary")
                .map(release -> new Release(
                        release.requiredString("product", "<product name>"),
                        release.requiredString("version", "1.2.0"),
                        release.string("previous"),
                        release.requiredString("owner", "<the release owner's name>"),
                        release.require("target", "2026-03-02  # launch day, D0")
                                ? release.date("target").orElse(LocalDate.EPOCH) : LocalDate.EPOCH,
                        release.enumValue("type", Release.Type.class, Release.Type.MINOR),
                        release.string("summary")));
    }

    private static Release placeholderRelease() {
        return new Release("", "", Optional.empty(), "", LocalDate.EPOCH, Release.Type.MINOR, Optional.empty());
    }

    /** Roles written as a map: {@code engineering-lead: { title: ..., members: [...] }}. */
    private List<Role> roles(Fields plan) {
        return plan.namedEntries("roles").stream().map(entry -> {
            references.declare(Kind.ROLE, entry.key(), entry.keyPosition());
            if (entry.value() instanceof YamlNode.YamlScalar scalar && !scalar.isNull()) {
                return plan.text(scalar, "roles." + entry.key(), false).map(title -> new Role(entry.key(), title, List.of()));
            }
            return Fields.of(entry.value(), problems, "roles." + entry.key(), "title", "members")
                    .map(role -> new Role(entry.key(), role.string("title", entry.key()), role.strings("members")));
        }).flatMap(Optional::stream).toList();
    }

    private Optional<Milestone> milestone(Item item) {
        return item.fields(problems, "id", "name", "due", "status", "owner").map(milestone -> {
            String id = milestone.requiredString("id", "M" + (item.index() + 1));
            references.declare(Kind.MILESTONE, id, milestone.position("id"));
            milestone.require("due", "D-14");
            return new Milestone(id, milestone.requiredString("name", "<what it achieves>"),
                    milestone.day("due").orElse(DayRef.LAUNCH),
                    milestone.enumValue("status", Milestone.Status.class, Milestone.Status.PENDING),
                    milestone.string("owner"));
        });
    }

    private Optional<TimelineEvent> timelineEvent(Item item) {
        return item.fields(problems, "day", "until", "name", "kind", "owner").map(event -> {
            event.require("day", "D-7");
            return new TimelineEvent(event.day("day").orElse(DayRef.LAUNCH), event.day("until"),
                    event.requiredString("name", "<what happens>"),
                    event.enumValue("kind", TimelineEvent.Kind.class, TimelineEvent.Kind.OTHER),
                    event.string("owner"));
        });
    }

    private Optional<Freeze> freeze(Item item) {
        return item.fields(problems, "start", "end", "allow").map(freeze -> new Freeze(
                freeze.day("start").orElse(Freeze.DEFAULT_START),
                freeze.day("end").orElse(Freeze.DEFAULT_END),
                freeze.strings("allow")));
    }

    private static Freeze defaultFreeze(List<TimelineEvent> timeline) {
        DayRef start = timeline.stream()
                .filter(event -> event.kind() == TimelineEvent.Kind.CODE_FREEZE)
                .map(TimelineEvent::day)
                .findFirst()
                .orElse(Freeze.DEFAULT_START);
        return new Freeze(start, Freeze.DEFAULT_END, List.of());
    }

    private Optional<OnCallShift> onCallShift(Item item) {
        return item.fields(problems, "name", "from", "until", "primary", "secondary").map(shift -> {
            shift.require("from", "D0");
            shift.require("until", "D+6");
            return new OnCallShift(shift.string("name", "Shift " + (item.index() + 1)),
                    shift.day("from").orElse(DayRef.LAUNCH), shift.day("until").orElse(DayRef.LAUNCH),
                    shift.requiredString("primary", "<who is paged first>"), shift.string("secondary"));
        });
    }

    private Optional<PostLaunch> postLaunch(Item item) {
        return item.fields(problems, "reviews", "criticalBugWindow", "activities").map(postLaunch -> new PostLaunch(
                postLaunch.has("reviews") ? postLaunch.objects("reviews", this::review) : PostLaunch.DEFAULT.reviews(),
                postLaunch.duration("criticalBugWindow").orElse(PostLaunch.DEFAULT_CRITICAL_BUG_WINDOW),
                postLaunch.strings("activities")));
    }

    private Optional<PostLaunch.Review> review(Item item) {
        return item.fields(problems, "from", "until", "every", "what").map(review -> {
            review.require("from", "D0");
            review.require("every", "1h");
            DayRef from = review.day("from").orElse(DayRef.LAUNCH);
            return new PostLaunch.Review(from, review.day("until").orElse(from),
                    review.duration("every").orElse(java.time.Duration.ofDays(1)),
                    review.requiredString("what", "Metrics review"));
        });
    }

    private Optional<InfrastructureComponent> infrastructure(Item item) {
        return item.fields(problems, "component", "service", "configuration").map(row -> new InfrastructureComponent(
                row.requiredString("component", "Database"), row.requiredString("service", "<provider>"),
                row.string("configuration", "")));
    }
}
