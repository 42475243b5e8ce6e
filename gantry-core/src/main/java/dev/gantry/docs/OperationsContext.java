package dev.gantry.docs;

import static dev.gantry.docs.Values.date;
import static dev.gantry.docs.Values.day;
import static dev.gantry.docs.Values.duration;
import static dev.gantry.docs.Values.map;
import static dev.gantry.docs.Values.text;
import static dev.gantry.docs.Values.who;

import dev.gantry.impact.ImpactReport;
import dev.gantry.plan.Deploy;
import dev.gantry.plan.PostLaunch;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.plan.Rollback;
import dev.gantry.plan.Rollout;
import dev.gantry.plan.Step;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The operational half of the context: deploy, rollout, rollback, monitoring and post-launch. */
final class OperationsContext {
    private OperationsContext() {}

    static Map<String, Object> of(ReleasePlan plan, ImpactReport impact) {
        return map("deploy", deploy(plan), "rollout", rollout(plan), "rollback", rollback(plan),
                "monitoring", monitoring(plan), "successMetrics", plan.successMetrics().stream()
                        .map(metric -> map("id", metric.id(), "name", metric.name(), "target", metric.target().text(),
                                "source", metric.source().planName(), "query", text(metric.query()),
                                "reviewDay", day(metric.reviewAt(), plan), "reviewDate", date(metric.reviewAt(), plan)))
                        .toList(),
                "postLaunch", postLaunch(plan));
    }

    private static Map<String, Object> deploy(ReleasePlan plan) {
        Deploy deploy = plan.deploy();
        return map("healthUrl", text(deploy.healthUrl()),
                "zeroDowntime", deploy.maxFailedProbes().map(max -> max == 0).orElse(false),
                "stages", deploy.stages().stream().map(stage -> map("name", stage.name(), "production", stage.production(),
                        "approval", who(stage.approval(), plan),
                        "steps", stage.steps().stream().map(step -> step(step, plan)).toList())).toList());
    }

    static Map<String, Object> step(Step step, ReleasePlan plan) {
        String command = step.run().map(run -> releaseFacts(run, plan))
                .or(() -> step.http().map(http -> "curl -sS -o /dev/null -w '%{http_code}\\n' \"" + http.url() + "\""))
                .orElse("");
        String verify = step.verify().orElseGet(() -> step.http()
                .map(http -> "`" + http.url() + "` answers HTTP " + http.expect()
                        + http.bodyContains().map(body -> " and its body contains `" + body + "`").orElse(""))
                .orElse(step.run().isPresent() ? "The command exits with status 0." : "The owner confirms it is done."));
        return map("name", step.name(), "command", command, "verify", verify, "owner", who(step.owner(), plan),
                "manual", step.manual(), "timeout", duration(step.timeout()));
    }

    /** Release facts a command may name, substituted as the CLI does before running it. */
    private static String releaseFacts(String command, ReleasePlan plan) {
        return command.replace("${release.version}", plan.release().version())
                .replace("${release.previous}", plan.release().previous().orElse("${release.previous}"))
                .replace("${release.product}", plan.release().product());
    }

    private static Map<String, Object> rollout(ReleasePlan plan) {
        if (plan.rollout().isEmpty()) {
            return map("enabled", false, "flag", "", "bucketBy", "", "phases", List.of(), "guards", List.of(),
                    "activation", List.of(), "evaluationInterval", "");
        }
        Rollout rollout = plan.rollout().get();
        List<Object> phases = new ArrayList<>();
        for (int i = 0; i < rollout.phases().size(); i++) {
            Rollout.Phase phase = rollout.phases().get(i);
            phases.add(map("number", i + 1, "name", phase.name(), "percent", Values.number(phase.percent()),
                    "hold", duration(phase.hold()), "minSample", phase.minSample() > 0 ? Long.toString(phase.minSample()) : "",
                    "approval", who(phase.approval(), plan)));
        }
        return map("enabled", true, "flag", rollout.flag(), "bucketBy", text(rollout.bucketBy()), "phases", phases,
                "guards", rollout.guards().stream().map(OperationsContext::guard).toList(),
                "activation", rollout.activation().stream().map(activation -> map("flag", activation.flag(),
                        "hold", duration(activation.hold()))).toList(),
                "evaluationInterval", duration(rollout.evaluationInterval()));
    }

    static Map<String, Object> guard(Rollout.Guard guard) {
        String condition = switch (guard.source()) {
            case PROMETHEUS -> guard.when().map(when -> "value " + when.text()).orElse("breach")
                    + " for " + duration(guard.forDuration());
            case HTTP -> "the URL does not answer 2xx for " + duration(guard.forDuration());
            case SDK -> guard.compare().map(compare -> compare.metric() + " of the new version worse than the old by more than "
                    + Values.number(compare.maxEffect()) + " at " + Values.number(compare.confidence() * 100) + "% confidence")
                    .orElse("SDK metric " + guard.query().orElse("") + " " + guard.when().map(w -> w.text()).orElse(""));
        };
        return map("id", guard.id(), "source", guard.source().planName(), "query", text(guard.query()),
                "url", text(guard.url()), "when", guard.when().map(when -> when.text()).orElse(""),
                "for", duration(guard.forDuration()), "action", guard.action().planName(),
                "rollback", guard.action() == Rollout.Guard.Action.ROLLBACK,
                "notify", Values.joined(guard.channels()), "condition", condition);
    }

    private static Map<String, Object> rollback(ReleasePlan plan) {
        Rollback rollback = plan.rollback();
        List<Object> triggers = rollback.triggers().stream().map(trigger -> {
                    var guard = trigger.guard().flatMap(id -> plan.rollout().flatMap(rollout -> rollout.guards().stream()
                            .filter(candidate -> candidate.id().equals(id)).findFirst()));
                    return map("description", trigger.description(), "automatic", trigger.guard().isPresent(),
                            "guard", text(trigger.guard()), "condition", guard.map(g -> (String) guard(g).get("condition")).orElse(""),
                            "action", guard.map(g -> g.action().planName()).orElse(""));
                }).map(trigger -> (Object) trigger).toList();
        return map("triggers", triggers,
                "automaticTriggers", triggers.stream().filter(t -> Boolean.TRUE.equals(((Map<?, ?>) t).get("automatic"))).toList(),
                "manualTriggers", triggers.stream().filter(t -> !Boolean.TRUE.equals(((Map<?, ?>) t).get("automatic"))).toList(),
                "steps", rollback.steps().stream().map(step -> step(step, plan)).toList(),
                "database", map("posture", rollback.database().planName(), "text", switch (rollback.database()) {
                    case NONE -> "No database change in this release: nothing to undo.";
                    case DOWN_MIGRATIONS -> "Run the undo (down) migrations of this release, newest first, after the application is back on the previous version.";
                    case RESTORE_BACKUP -> "Restore the database backup taken before the release; changes written since the backup are lost unless replayed.";
                    case ROLL_FORWARD -> "The schema stays as it is: roll the application forward with a fix instead of undoing the database.";
                }),
                "webhooks", rollback.webhooks().stream().map(webhook -> map("name", webhook.name(),
                        "method", webhook.method(), "url", webhook.url().redacted(),
                        "headers", new TreeMap<>(webhook.headers()).entrySet().stream().map(header -> map("name", header.getKey(),
                                "value", header.getValue().redacted())).toList())).toList(),
                "communications", rollback.communications().stream().flatMap(id -> plan.communications().stream()
                        .filter(c -> c.id().equals(id))).map(c -> ReleaseContext.communication(c, plan)).toList());
    }

    private static Map<String, Object> monitoring(ReleasePlan plan) {
        var monitoring = plan.monitoring();
        return map("dashboards", monitoring.dashboards().stream().map(dashboard -> map("name", dashboard.name(),
                        "url", text(dashboard.url()), "purpose", text(dashboard.purpose()))).toList(),
                "alerts", monitoring.alerts().stream().map(alert -> map("id", alert.id(), "name", alert.name(),
                        "query", text(alert.query()), "when", alert.when().text(), "for", duration(alert.forDuration()),
                        "severity", alert.severity().planName(), "notify", Values.joined(alert.channels()))).toList(),
                "metrics", monitoring.metrics().stream().map(metric -> map("id", metric.id(), "name", metric.name(),
                        "query", metric.query(), "unit", text(metric.unit()))).toList());
    }

    private static Map<String, Object> postLaunch(ReleasePlan plan) {
        PostLaunch post = plan.postLaunch();
        LocalDate launch = plan.release().target();
        Duration window = post.criticalBugWindow();
        return map("reviews", post.reviews().stream().map(review -> map("what", review.what(),
                        "fromDay", day(review.from(), plan), "from", date(review.from(), plan),
                        "untilDay", day(review.until(), plan), "until", date(review.until(), plan),
                        "every", duration(review.every()), "hourly", review.every().compareTo(Duration.ofDays(1)) < 0,
                        "checks", checks(review, plan))).toList(),
                "criticalBugWindow", Values.words(window), "criticalBugHours", (int) window.toHours(),
                "criticalBugUntilDay", new dev.gantry.plan.DayRef.Relative((int) Math.ceil(window.toHours() / 24.0)).text(),
                "criticalBugUntil", date(launch.plusDays((long) Math.ceil(window.toHours() / 24.0))),
                "activities", List.copyOf(post.activities()));
    }

    /** One checkbox per review slot: every hour of an hourly review, every day or week otherwise. */
    private static List<Object> checks(PostLaunch.Review review, ReleasePlan plan) {
        LocalDate launch = plan.release().target();
        LocalDate from = review.from().resolve(launch);
        LocalDate until = review.until().resolve(launch);
        List<Object> checks = new ArrayList<>();
        if (review.every().compareTo(Duration.ofDays(1)) < 0) {
            long minutes = Math.max(1, review.every().toMinutes());
            for (LocalDate date = from; !date.isAfter(until); date = date.plusDays(1)) {
                String dayText = new dev.gantry.plan.DayRef.Relative((int) java.time.temporal.ChronoUnit.DAYS.between(launch, date)).text();
                for (long minute = minutes, n = 1; minute <= 24 * 60; minute += minutes, n++) {
                    String label = minute % 60 == 0 ? "+" + (minute / 60) + "h" : "+" + minute + "m";
                    checks.add(map("label", dayText + " " + label, "day", dayText, "date", date(date), "number", (int) n));
                }
            }
            return checks;
        }
        long step = Math.max(1, review.every().toDays());
        for (LocalDate date = from; !date.isAfter(until); date = date.plusDays(step)) {
            String dayText = new dev.gantry.plan.DayRef.Relative((int) java.time.temporal.ChronoUnit.DAYS.between(launch, date)).text();
            checks.add(map("label", dayText + " (" + date(date) + ")", "day", dayText, "date", date(date), "number", checks.size() + 1));
        }
        return checks;
    }
}
