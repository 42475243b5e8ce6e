package dev.gantry.server.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.plan.ConfigValue;
import dev.gantry.plan.NotificationChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox's stored forms: a channel as the plan wrote it ({@code ${VAR}} references, and
 * {@code sensitive} kept, since {@link ConfigValue}'s own JSON hides inline values), and a
 * notification's payload. Resolved values are never stored.
 */
final class NotificationJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private NotificationJson() {}

    static String channel(NotificationChannel c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", c.id());
        n.put("type", c.type().name());
        c.url().ifPresent(v -> config(n, "url", v));
        c.routingKey().ifPresent(v -> config(n, "routingKey", v));
        c.secret().ifPresent(v -> config(n, "secret", v));
        c.to().forEach(n.putArray("to")::add);
        c.from().ifPresent(f -> n.put("from", f));
        return n.toString();
    }

    private static void config(ObjectNode n, String name, ConfigValue v) {
        n.putObject(name).put("raw", v.raw()).put("sensitive", v.sensitive());
    }

    static NotificationChannel channel(String json) {
        JsonNode n = tree(json);
        List<String> to = new ArrayList<>();
        n.path("to").forEach(t -> to.add(t.asText()));
        return new NotificationChannel(n.path("id").asText(), NotificationChannel.Type.valueOf(n.path("type").asText()),
                config(n, "url"), config(n, "routingKey"), config(n, "secret"), to,
                n.hasNonNull("from") ? Optional.of(n.get("from").asText()) : Optional.empty());
    }

    private static Optional<ConfigValue> config(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? Optional.empty()
                : Optional.of(new ConfigValue(v.path("raw").asText(), v.path("sensitive").asBoolean(true)));
    }

    static String payload(Notification n) {
        ObjectNode p = MAPPER.createObjectNode();
        p.put("kind", kind(n).name());
        p.put("dedupKey", dedupKey(n));
        p.put("severity", severity(n).name());
        p.put("title", title(n));
        p.put("text", n.text() == null ? "" : n.text());
        ObjectNode facts = p.putObject("facts");
        n.facts().forEach(facts::put);
        n.link().ifPresent(l -> p.put("link", l));
        return p.toString();
    }

    static Notification notification(String idempotencyKey, NotificationChannel channel, String payload) {
        JsonNode p = tree(payload);
        Map<String, String> facts = new LinkedHashMap<>();
        p.path("facts").properties().forEach(e -> facts.put(e.getKey(), e.getValue().asText()));
        return new Notification(idempotencyKey, channel, Notification.Kind.valueOf(p.path("kind").asText()),
                p.path("dedupKey").asText(), Notification.Severity.valueOf(p.path("severity").asText()),
                p.path("title").asText(), p.path("text").asText(), facts,
                p.hasNonNull("link") ? Optional.of(p.get("link").asText()) : Optional.empty());
    }

    /** A notification without a kind is a plain message. */
    static Notification.Kind kind(Notification n) {
        return n.kind() == null ? Notification.Kind.MESSAGE : n.kind();
    }

    /** Without a severity, informational. */
    static Notification.Severity severity(Notification n) {
        return n.severity() == null ? Notification.Severity.INFO : n.severity();
    }

    /** Without a dedup key, the notification groups with nothing else. */
    static String dedupKey(Notification n) {
        return n.dedupKey() == null || n.dedupKey().isBlank() ? n.idempotencyKey() : n.dedupKey();
    }

    static String title(Notification n) {
        return n.title() == null ? "" : n.title();
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored notification does not parse", e);
        }
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
