package dev.gantry.server.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A Slack incoming webhook: Block Kit {@code blocks} (a header, the text, the facts as fields,
 * the link and severity as context) with a {@code text} fallback for notifications and clients
 * that do not show blocks. Thread-safe.
 */
final class SlackSender implements Sender {
    private static final int HEADER_MAX = 150;
    private static final int SECTION_MAX = 3000;
    private static final int FIELDS_MAX = 10;

    private final HttpDelivery http;

    SlackSender(HttpDelivery http) {
        this.http = http;
    }

    @Override
    public SendResult send(Notification n, Function<String, Optional<String>> environment) {
        ChannelValues.Resolved url = ChannelValues.resolve(n.channel().url(), "url", n.channel().id(), environment);
        if (url.problem().isPresent()) {
            return new SendResult.Failed(url.problem().get());
        }
        return http.post(url.value().orElseThrow(), body(n), Map.of("Idempotency-Key", n.idempotencyKey()));
    }

    static String body(Notification n) {
        String title = headline(n);
        String text = n.text() == null ? "" : n.text();
        ObjectNode b = NotificationJson.mapper().createObjectNode();
        b.put("text", escape(title) + (text.isBlank() ? "" : "\n" + escape(text)));
        ArrayNode blocks = b.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", cut(title, HEADER_MAX)).put("emoji", true);
        if (!text.isBlank()) {
            blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                    .put("text", cut(escape(text), SECTION_MAX));
        }
        if (!n.facts().isEmpty()) {
            ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
            n.facts().entrySet().stream().limit(FIELDS_MAX).forEach(f -> fields.addObject().put("type", "mrkdwn")
                    .put("text", cut("*" + escape(f.getKey()) + "*\n" + escape(f.getValue()), 2000)));
        }
        ArrayNode context = blocks.addObject().put("type", "context").putArray("elements");
        String severity = NotificationJson.lower(NotificationJson.severity(n));
        context.addObject().put("type", "mrkdwn").put("text", "Severity: " + severity
                + n.link().map(l -> " · <" + l + "|Details>").orElse("") + " · Gantry");
        return b.toString();
    }

    /** The title, marked when it resolves an alert. */
    static String headline(Notification n) {
        String title = NotificationJson.title(n);
        return NotificationJson.kind(n) == Notification.Kind.RESOLVE ? "Resolved: " + title : title;
    }

    /** Slack's mrkdwn needs only these three escaped. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
