package dev.gantry.server.comms;

import dev.gantry.docs.ReleaseContext;
import dev.gantry.docs.template.Template;
import dev.gantry.docs.template.TemplateException;
import dev.gantry.plan.Communication;
import dev.gantry.plan.NotificationChannel;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.server.auth.Secrets;
import dev.gantry.server.release.ReleaseStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a revision's communications into {@link Draft}s with the template language and
 * {@link ReleaseContext#forCommunication}. Times are in UTC (plans have no time zone key).
 * Stateless.
 */
final class Drafts {
    private Drafts() {}

    /** @return the draft of communication {@code c} of the loaded revision, with the revision's files */
    static Draft of(ReleaseStore.Loaded loaded, Communication c, Map<String, String> files) {
        ReleasePlan plan = loaded.plan();
        Optional<Instant> due = c.trigger() == Communication.Trigger.SCHEDULE
                ? c.when().map(day -> day.resolve(plan.release().target()).atTime(c.at()).toInstant(ZoneOffset.UTC))
                : Optional.empty();
        Draft.Delivery delivery = delivery(plan, c);
        String subject = c.subject().orElse(c.id());
        String body = subject;
        Optional<String> problem = Optional.empty();
        if (c.template().isPresent()) {
            String path = c.template().get();
            String source = files.get(path);
            if (source == null) {
                problem = Optional.of("template " + path + " was not pushed with the plan; push with 'gantry release push'"
                        + " from the plan's directory");
                body = "";
            } else {
                try {
                    body = Template.compile(path, source).render(ReleaseContext.forCommunication(plan, c.id()));
                } catch (TemplateException e) {
                    problem = Optional.of(e.getMessage());
                    body = "";
                }
            }
        }
        String hashed = String.join("\u0000", subject, body, delivery.text(), due.map(Instant::toString).orElse(""),
                c.trigger().name(), c.audience());
        String hash = "sha256:" + Secrets.sha256(hashed.getBytes(StandardCharsets.UTF_8));
        return new Draft(plan.release().product(), plan.release().version(), loaded.revision().revision(), c, due, delivery,
                subject, body, hash, problem);
    }

    /** The channel named by {@code via}, else the plan's first channel of the medium's type. */
    static Draft.Delivery delivery(ReleasePlan plan, Communication c) {
        if (c.via().isPresent()) {
            Optional<NotificationChannel> named = plan.notifications().stream()
                    .filter(n -> n.id().equals(c.via().get())).findFirst();
            if (named.isPresent()) {
                return new Draft.Delivery(Draft.Delivery.Kind.CHANNEL, named);
            }
        }
        Optional<NotificationChannel.Type> type = switch (c.medium()) {
            case EMAIL -> Optional.of(NotificationChannel.Type.EMAIL);
            case SLACK -> Optional.of(NotificationChannel.Type.SLACK);
            case WEBHOOK -> Optional.of(NotificationChannel.Type.WEBHOOK);
            case STATUS_PAGE, BLOG, DOCS, IN_APP -> Optional.empty();
        };
        if (c.medium() == Communication.Medium.STATUS_PAGE) {
            return new Draft.Delivery(Draft.Delivery.Kind.STATUS_PAGE, Optional.empty());
        }
        Optional<NotificationChannel> matching = type.flatMap(t -> plan.notifications().stream()
                .filter(n -> n.type() == t).findFirst());
        return matching.map(n -> new Draft.Delivery(Draft.Delivery.Kind.CHANNEL, Optional.of(n)))
                .orElseGet(() -> new Draft.Delivery(Draft.Delivery.Kind.BY_HAND, Optional.empty()));
    }
}
