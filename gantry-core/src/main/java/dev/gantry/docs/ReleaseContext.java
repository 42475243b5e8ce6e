package dev.gantry.docs;

import static dev.gantry.docs.Values.date;
import static dev.gantry.docs.Values.day;
import static dev.gantry.docs.Values.map;
import static dev.gantry.docs.Values.text;
import static dev.gantry.docs.Values.who;

import dev.gantry.impact.ImpactAnalysis;
import dev.gantry.impact.ImpactReport;
import dev.gantry.plan.Change;
import dev.gantry.plan.Communication;
import dev.gantry.plan.EnvVar;
import dev.gantry.plan.GateCategory;
import dev.gantry.plan.Milestone;
import dev.gantry.plan.OnCallShift;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.plan.Support;
import dev.gantry.plan.TimelineEvent;
import dev.gantry.timeline.Timeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The context tree every document and communication template reads: the plan's facts as maps,
 * lists, strings, numbers and booleans, with days resolved to dates and roles to people. Built
 * explicitly, field by field, so a template sees exactly what docs/templates.md lists and never a
 * Java object. Contains no resolved secret: {@code ${VAR}} references stay as written.
 *
 * <p>Stateless; the same plan gives an equal tree.
 */
public final class ReleaseContext {
    private ReleaseContext() {}

    /** The context of every document of {@code plan}. */
    public static Map<String, Object> of(ReleasePlan plan) {
        return of(plan, ImpactAnalysis.of(plan));
    }

    /**
     * The context of a communication template: the document context plus {@code communication}.
     *
     * @throws IllegalArgumentException when the plan has no communication {@code id}
     */
    public static Map<String, Object> forCommunication(ReleasePlan plan, String id) {
        Communication communication = plan.communications().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the plan has no communication " + id));
        Map<String, Object> context = of(plan);
        context.put("communication", communication(communication, plan));
        return context;
    }

    static Map<String, Object> of(ReleasePlan plan, ImpactReport impact) {
        return of(plan, impact, Optional.empty());
    }

    static Map<String, Object> of(ReleasePlan plan, ImpactReport impact, Optional<CommitRange> commits) {
        Objects.requireNonNull(plan, "plan");
        Map<String, Object> context = map(
                "release", release(plan),
                "roles", plan.roles().stream().map(role -> map("id", role.id(), "title", role.title(),
                        "members", Values.joined(role.members()))).toList(),
                "milestones", milestones(plan),
                "timeline", timeline(plan),
                "calendar", calendar(plan),
                "freeze", map("start", date(plan.freeze().start(), plan), "startDay", day(plan.freeze().start(), plan),
                        "end", date(plan.freeze().end(), plan), "endDay", day(plan.freeze().end(), plan),
                        "last", date(plan.freeze().end().resolve(plan.release().target()).minusDays(1)),
                        "lastDay", new dev.gantry.plan.DayRef.Relative((int) plan.freeze().end()
                                .offsetFrom(plan.release().target()) - 1).text(),
                        "allow", List.copyOf(plan.freeze().allow())),
                "changes", plan.shippedChanges().stream().map(change -> change(change, plan)).toList(),
                "changelog", changelog(plan, commits),
                "commits", commits(commits),
                "breakingChanges", plan.shippedChanges().stream().filter(Change::breaking)
                        .map(change -> change(change, plan)).toList(),
                "deferred", plan.changes().stream().filter(Change::deferred).map(change -> change(change, plan)).toList(),
                "impact", impact(impact),
                "environment", plan.environment().stream().map(ReleaseContext::variable).toList(),
                "infrastructure", plan.infrastructure().stream().map(component -> map("component", component.component(),
                        "service", component.service(), "configuration", component.configuration())).toList(),
                "gates", gates(plan),
                "signoffs", plan.signoffs().stream().map(role -> map("role", role, "who", who(role, plan))).toList(),
                "flags", plan.flags().stream().map(flag -> map("key", flag.key(), "default", flag.defaultValue().toString(),
                        "description", text(flag.description()))).toList(),
                "communications", plan.communications().stream().map(c -> communication(c, plan)).toList(),
                "scheduledCommunications", plan.communications().stream().filter(c -> c.when().isPresent())
                        .sorted(Comparator.comparing((Communication c) -> c.when().get().resolve(plan.release().target()))
                                .thenComparing(Communication::at))
                        .map(c -> communication(c, plan)).toList(),
                "support", support(plan),
                "oncall", oncall(plan),
                "notifications", plan.notifications().stream().map(channel -> map("id", channel.id(),
                        "type", channel.type().planName(),
                        "target", channel.url().or(channel::routingKey).map(Object::toString)
                                .orElse(Values.joined(channel.to())))).toList());
        context.putAll(OperationsContext.of(plan, impact));
        return context;
    }

    private static Map<String, Object> release(ReleasePlan plan) {
        var release = plan.release();
        return map("product", release.product(), "version", release.version(), "previous", text(release.previous()),
                "owner", release.owner(), "target", release.target().toString(), "targetDate", date(release.target()),
                "type", release.type().planName(), "summary", text(release.summary()));
    }

    private static List<Object> milestones(ReleasePlan plan) {
        return plan.milestones().stream().map(milestone -> (Object) map("id", milestone.id(), "name", milestone.name(),
                "day", day(milestone.due(), plan), "date", date(milestone.due(), plan),
                "status", milestone.status().planName(), "done", milestone.status() == Milestone.Status.DONE,
                "owner", who(milestone.owner(), plan))).toList();
    }

    private static List<Object> timeline(ReleasePlan plan) {
        List<TimelineEvent> events = new ArrayList<>(plan.timeline());
        events.sort(Comparator.comparing(event -> event.day().resolve(plan.release().target())));
        return events.stream().map(event -> (Object) map("day", day(event.day(), plan), "date", date(event.day(), plan),
                "untilDay", event.until().map(until -> day(until, plan)).orElse(""),
                "until", event.until().map(until -> date(until, plan)).orElse(""),
                "name", event.name(), "kind", event.kind().planName(), "owner", who(event.owner(), plan),
                "goNoGo", event.kind() == TimelineEvent.Kind.GO_NO_GO,
                "launch", event.kind() == TimelineEvent.Kind.LAUNCH)).toList();
    }

    private static List<Object> calendar(ReleasePlan plan) {
        Timeline timeline = Timeline.of(plan, plan.release().target());
        return timeline.entries().stream().map(entry -> (Object) map("date", date(entry.date()), "day", entry.day(),
                "until", entry.until().filter(until -> !until.equals(entry.date())).map(Values::date).orElse(""),
                "kind", entry.kind().name().toLowerCase(java.util.Locale.ROOT), "title", entry.title())).toList();
    }

    static Map<String, Object> change(Change change, ReleasePlan plan) {
        return map("id", change.id(), "title", change.title(), "area", change.area(), "type", change.type().planName(),
                "breaking", change.breaking(), "audiences", Values.names(change.audiences()),
                "description", text(change.description()), "migration", text(change.migration()),
                "rollback", text(change.rollback()), "compatibility", text(change.compatibility()),
                "risk", change.risk().planName(), "deferred", change.deferred(),
                "integration", change.integration().<Object>map(integration -> map("name", integration.name(),
                        "from", integration.from(), "to", integration.to(), "deadline", text(integration.deadline())))
                        .orElse(""),
                "links", List.copyOf(change.evidence().links()));
    }

    private static List<Object> changelog(ReleasePlan plan, Optional<CommitRange> range) {
        List<Object> sections = new ArrayList<>();
        for (Change.Type type : Change.Type.values()) {
            List<Object> changes = plan.shippedChanges().stream().filter(change -> change.type() == type)
                    .map(change -> (Object) change(change, plan)).toList();
            List<Object> commits = range.map(CommitRange::commits).orElse(List.of()).stream()
                    .filter(commit -> commit.section().equals(Optional.of(type))).map(ReleaseContext::commit).toList();
            if (!changes.isEmpty() || !commits.isEmpty()) {
                String name = type.planName();
                sections.add(map("title", capitalized(name), "type", name, "changes", changes, "commits", commits));
            }
        }
        return sections;
    }

    private static Map<String, Object> commits(Optional<CommitRange> range) {
        return map("enabled", range.isPresent(), "from", range.map(CommitRange::from).orElse(""),
                "to", range.map(CommitRange::to).orElse(""),
                "count", range.map(r -> r.commits().size()).orElse(0),
                "skipped", range.map(CommitRange::skipped).orElse(0),
                "breaking", range.map(CommitRange::commits).orElse(List.of()).stream()
                        .filter(ConventionalCommit::breaking).map(ReleaseContext::commit).toList());
    }

    private static Object commit(ConventionalCommit commit) {
        return map("hash", commit.hash(), "type", commit.type(), "scope", commit.scope(),
                "description", commit.description(), "breaking", commit.breaking(), "breakingNote", commit.breakingNote());
    }

    private static Map<String, Object> impact(ImpactReport impact) {
        return map("breakingCount", (int) impact.breakingChanges(),
                "audiences", impact.audiences().stream().map(audience -> map("audience", audience.audience().planName(),
                        "title", capitalized(audience.audience().planName()),
                        "items", audience.items().stream().map(item -> map("change", item.change(), "title", item.title(),
                                "breaking", item.breaking(), "risk", item.risk().planName(),
                                "actions", List.copyOf(item.actions()),
                                "rollback", item.rollback().name().toLowerCase(java.util.Locale.ROOT),
                                "rollbackDetail", item.rollbackDetail())).toList())).toList(),
                "migrations", impact.migrations().stream().map(migration -> map("label", migration.label(),
                        "file", migration.file(), "classification", migration.classification(),
                        "reason", migration.reason(), "reversibility", migration.reversibility(),
                        "changes", Values.joined(migration.changes()))).toList(),
                "pointOfNoReturn", impact.pointOfNoReturn().<Object>map(point -> map("migration", point.migration(),
                        "message", point.message(), "changes", Values.joined(point.changes()),
                        "guidance", List.copyOf(point.guidance()))).orElse(""),
                "followUps", impact.followUps().stream().map(followUp -> map("change", followUp.change(),
                        "title", followUp.title(), "reason", followUp.reason())).toList());
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static Map<String, Object> variable(EnvVar variable) {
        return map("name", variable.name(), "required", variable.required(), "secret", variable.secret(),
                "description", text(variable.description()), "since", text(variable.since()));
    }

    private static List<Object> gates(ReleasePlan plan) {
        List<Object> categories = new ArrayList<>();
        for (GateCategory category : plan.gates()) {
            categories.add(map("id", category.id(), "items", category.items().stream().map(item -> map("id", item.id(),
                    "title", item.title(), "required", item.required(), "check", item.check().type(),
                    "verifies", CheckText.of(item.check()),
                    "instructions", item.check() instanceof dev.gantry.plan.CheckSpec.Manual manual
                            ? text(manual.instructions()) : "",
                    "command", item.check() instanceof dev.gantry.plan.CheckSpec.Command command ? command.run() : "",
                    "owner", who(item.owner(), plan))).toList()));
        }
        return categories;
    }

    static Map<String, Object> communication(Communication communication, ReleasePlan plan) {
        return map("id", communication.id(), "audience", communication.audience(),
                "medium", communication.medium().planName(),
                "day", communication.when().map(when -> day(when, plan)).orElse(""),
                "date", communication.when().map(when -> date(when, plan)).orElse(""),
                "at", communication.at().toString(), "trigger", communication.trigger().planName(),
                "scheduled", communication.when().isPresent(),
                "subject", communication.subject().orElse(communication.id()),
                "template", text(communication.template()), "via", text(communication.via()),
                "approval", who(communication.approval(), plan));
    }

    private static Map<String, Object> support(ReleasePlan plan) {
        Support support = plan.support();
        return map("docs", support.docs().stream().map(item -> checklist(item, plan)).toList(),
                "team", support.team().stream().map(item -> checklist(item, plan)).toList(),
                "knownIssues", support.knownIssues().stream().map(issue -> map("issue", issue.issue(),
                        "workaround", issue.workaround(), "eta", issue.eta())).toList(),
                "escalation", support.escalation().stream().map(level -> map("level", level.level(), "who", level.who(),
                        "contact", text(level.contact()), "after", text(level.after()))).toList());
    }

    private static Map<String, Object> checklist(Support.ChecklistItem item, ReleasePlan plan) {
        return map("item", item.item(), "done", item.done(), "owner", who(item.owner(), plan), "link", text(item.link()));
    }

    private static Map<String, Object> oncall(ReleasePlan plan) {
        List<Object> shifts = plan.oncall().stream().map(shift -> (Object) map("name", shift.name(),
                "fromDay", day(shift.from(), plan), "from", date(shift.from(), plan),
                "untilDay", day(shift.until(), plan), "until", date(shift.until(), plan),
                "primary", shift.primary(), "secondary", text(shift.secondary()))).toList();
        Optional<OnCallShift> launch = plan.oncall().stream().filter(shift -> shift.from().offsetFrom(plan.release().target()) <= 0
                && shift.until().offsetFrom(plan.release().target()) >= 0).findFirst()
                .or(() -> plan.oncall().stream().findFirst());
        return map("primary", launch.map(OnCallShift::primary).orElse(""),
                "secondary", launch.flatMap(OnCallShift::secondary).orElse(""),
                "shift", launch.map(OnCallShift::name).orElse(""), "shifts", shifts);
    }
}
