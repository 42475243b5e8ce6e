package dev.gantry.plan;

import dev.gantry.plan.Fields.Item;
import dev.gantry.plan.References.Kind;
import dev.gantry.plan.YamlNode.Entry;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads who is told what and how the launch is watched: communications, support readiness,
 * monitoring, success metrics and notification channels.
 */
final class CommunicationReader {
    private static final Pattern CHANNEL_ID = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final Problems problems;
    private final References references;
    private final DeliveryReader delivery;

    CommunicationReader(Problems problems, References references) {
        this.problems = problems;
        this.references = references;
        this.delivery = new DeliveryReader(problems, references);
    }

    Optional<Communication> communication(Item item) {
        return item.fields(problems, "id", "audience", "medium", "when", "at", "trigger", "subject", "template", "via",
                "approval").map(comm -> {
            String id = comm.requiredString("id", "user-email");
            references.declare(Kind.COMMUNICATION, id, comm.position("id"));
            comm.require("medium", "email");
            Communication.Trigger trigger = comm.enumValue("trigger", Communication.Trigger.class,
                    Communication.Trigger.SCHEDULE);
            Optional<DayRef> when = comm.day("when");
            if (trigger == Communication.Trigger.SCHEDULE && !comm.has("when")) {
                comm.require("when", "D-7");
            }
            Optional<String> via = comm.string("via");
            via.ifPresent(channel -> references.use(Kind.CHANNEL, channel, comm.position("via"), comm.where() + ".via"));
            Optional<String> approval = comm.string("approval");
            approval.ifPresent(role -> references.use(Kind.ROLE, role, comm.position("approval"),
                    comm.where() + ".approval"));
            return new Communication(id, comm.requiredString("audience", "existing-users"),
                    comm.enumValue("medium", Communication.Medium.class, Communication.Medium.EMAIL), when,
                    time(comm), trigger, comm.string("subject"), comm.string("template"), via, approval);
        });
    }

    private static LocalTime time(Fields comm) {
        return comm.string("at").flatMap(text -> {
            try {
                return Optional.of(LocalTime.parse(text));
            } catch (DateTimeParseException e) {
                comm.problem("at", comm.where() + ".at should be a time of day, but it is '" + text + "'",
                        "write it as HH:MM, e.g. '09:00' (quote it)");
                return Optional.empty();
            }
        }).orElse(Communication.DEFAULT_TIME);
    }

    Optional<Support> support(Item item) {
        return item.fields(problems, "docs", "team", "knownIssues", "escalation").map(support -> new Support(
                support.objects("docs", this::checklistItem), support.objects("team", this::checklistItem),
                support.objects("knownIssues", this::knownIssue), support.objects("escalation", this::escalation)));
    }

    private Optional<Support.ChecklistItem> checklistItem(Item item) {
        if (item.node() instanceof YamlNode.YamlScalar scalar && !scalar.isNull()) {
            return item.text(problems).map(text -> new Support.ChecklistItem(text, false, Optional.empty(), Optional.empty()));
        }
        return item.fields(problems, "item", "done", "owner", "link").map(check -> new Support.ChecklistItem(
                check.requiredString("item", "User guide published"), check.bool("done", false), check.string("owner"),
                check.string("link")));
    }

    private Optional<Support.KnownIssue> knownIssue(Item item) {
        return item.fields(problems, "issue", "workaround", "eta").map(issue -> new Support.KnownIssue(
                issue.requiredString("issue", "<what goes wrong>"), issue.requiredString("workaround", "<what to do>"),
                issue.string("eta", "unknown")));
    }

    private Optional<Support.Escalation> escalation(Item item) {
        return item.fields(problems, "level", "who", "contact", "after").map(level -> new Support.Escalation(
                level.integer("level", 1, 20).orElse((long) item.index() + 1).intValue(),
                level.requiredString("who", "on-call engineer"), level.string("contact"), level.string("after")));
    }

    Optional<Monitoring> monitoring(Item item) {
        return item.fields(problems, "dashboards", "alerts", "metrics").map(monitoring -> new Monitoring(
                monitoring.objects("dashboards", this::dashboard), monitoring.objects("alerts", this::alert),
                monitoring.objects("metrics", this::metric)));
    }

    private Optional<Monitoring.Dashboard> dashboard(Item item) {
        return item.fields(problems, "name", "url", "purpose").map(dashboard -> new Monitoring.Dashboard(
                dashboard.requiredString("name", "Errors"), dashboard.string("url"), dashboard.string("purpose")));
    }

    private Optional<Monitoring.Alert> alert(Item item) {
        return item.fields(problems, "id", "name", "query", "when", "for", "severity", "notify").map(alert -> {
            String id = alert.requiredString("id", "error-rate");
            references.declare(Kind.ALERT, id, alert.position("id"));
            alert.require("when", "\"> 5%\"");
            return new Monitoring.Alert(id, alert.string("name", id), alert.string("query"),
                    alert.threshold("when").orElse(new Threshold(Threshold.Operator.GREATER, 0, "> 0")),
                    alert.duration("for"),
                    alert.enumValue("severity", Monitoring.Severity.class, Monitoring.Severity.WARNING),
                    delivery.channels(alert, "notify"));
        });
    }

    private Optional<Monitoring.Metric> metric(Item item) {
        return item.fields(problems, "id", "name", "query", "unit").map(metric -> {
            String id = metric.requiredString("id", "invoice-creation-rate");
            references.declare(Kind.METRIC, id, metric.position("id"));
            return new Monitoring.Metric(id, metric.string("name", id), metric.requiredString("query", "<PromQL>"),
                    metric.string("unit"));
        });
    }

    Optional<SuccessMetric> successMetric(Item item) {
        return item.fields(problems, "id", "name", "target", "source", "query", "reviewAt").map(metric -> {
            String id = metric.requiredString("id", "availability");
            references.declare(Kind.METRIC, id, metric.position("id"));
            metric.require("target", "\">= 99.5%\"");
            SuccessMetric.Source source = metric.enumValue("source", SuccessMetric.Source.class,
                    metric.has("query") ? SuccessMetric.Source.PROMETHEUS : SuccessMetric.Source.MANUAL);
            if (source == SuccessMetric.Source.PROMETHEUS) {
                metric.require("query", "<PromQL>");
            }
            return new SuccessMetric(id, metric.string("name", id),
                    metric.threshold("target").orElse(new Threshold(Threshold.Operator.GREATER_OR_EQUAL, 0, ">= 0")),
                    source, metric.string("query"), metric.day("reviewAt").orElse(new DayRef.Relative(7)));
        });
    }

    /** {@code notifications:} maps a channel id to its definition. */
    List<NotificationChannel> notifications(Fields plan) {
        List<NotificationChannel> channels = new ArrayList<>();
        for (Entry entry : plan.namedEntries("notifications")) {
            if (!CHANNEL_ID.matcher(entry.key()).matches()) {
                problems.add(entry.keyPosition(), "notification channel id '" + entry.key() + "' is not a valid name",
                        "use lower-case letters, digits and dashes, e.g. slack-eng");
            }
            references.declare(Kind.CHANNEL, entry.key(), entry.keyPosition());
            Fields.of(entry.value(), problems, "notifications." + entry.key(), "type", "url", "routingKey", "secret",
                    "to", "from").map(channel -> channel(entry.key(), channel)).ifPresent(channels::add);
        }
        return channels;
    }

    private NotificationChannel channel(String id, Fields channel) {
        channel.require("type", "slack");
        NotificationChannel.Type type = channel.enumValue("type", NotificationChannel.Type.class,
                NotificationChannel.Type.WEBHOOK);
        switch (type) {
            case SLACK, WEBHOOK -> channel.require("url", "${" + id.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_URL}");
            case PAGERDUTY -> channel.require("routingKey", "${PAGERDUTY_ROUTING_KEY}");
            case EMAIL -> channel.require("to", "[ops@example.com]");
        }
        List<String> to = channel.strings("to");
        List<YamlNode> nodes = channel.items("to");
        for (int i = 0; i < to.size() && i < nodes.size(); i++) {
            if (!EMAIL.matcher(to.get(i)).matches()) {
                problems.add(nodes.get(i).position(), "notifications." + id + ".to[" + i + "] '" + to.get(i)
                        + "' is not an email address", "write an address such as ops@example.com");
            }
        }
        return new NotificationChannel(id, type, channel.configValue("url", true), channel.configValue("routingKey", true),
                channel.configValue("secret", true), to, channel.string("from"));
    }
}
