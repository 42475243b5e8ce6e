package dev.gantry.server.notify;

import dev.gantry.server.auth.Authenticator;
import dev.gantry.server.auth.Principal;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.http.ApiException;
import dev.gantry.server.http.JsonBody;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1/notifications}: the outbox as operators see it (read scope), and
 * {@code POST /api/v1/notifications/{id}/retry} for a failed one (operate scope). Entries show
 * the channel id and type, never a URL, key or secret.
 */
public final class NotificationRoutes {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final Authenticator auth;
    private final JdbcOutbox outbox;

    /**
     * @param auth the authenticator
     * @param outbox the outbox
     */
    public NotificationRoutes(Authenticator auth, JdbcOutbox outbox) {
        this.auth = auth;
        this.outbox = outbox;
    }

    /** Registers the routes. */
    public void register(RoutesConfig r) {
        r.get("/api/v1/notifications", ctx -> {
            auth.require(ctx, Scope.READ);
            Optional<OutboxState> state = Optional.empty();
            String s = ctx.queryParam("state");
            if (s != null && !s.isBlank()) {
                state = Optional.of(OutboxState.fromWire(s).orElseThrow(() -> ApiException.badRequest(
                        "'state' must be pending, delivered or failed.").with("field", "state")));
            }
            int limit = limit(ctx.queryParam("limit"));
            List<Map<String, Object>> items = outbox.list(state, limit).stream().map(NotificationRoutes::json).toList();
            JsonBody.respond(ctx, 200, Map.of("notifications", items));
        });
        r.post("/api/v1/notifications/{id}/retry", ctx -> {
            Principal p = auth.require(ctx, Scope.OPERATE);
            long id;
            try {
                id = Long.parseLong(ctx.pathParam("id"));
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("The notification id must be a whole number.");
            }
            JsonBody.respond(ctx, 200, json(outbox.retry(id, p.actor())));
        });
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int l = Integer.parseInt(value);
            if (l >= 1 && l <= MAX_LIMIT) {
                return l;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("'limit' must be a whole number from 1 to " + MAX_LIMIT + ".").with("field", "limit");
    }

    /** An entry without anything secret: ids, words and times. */
    static Map<String, Object> json(OutboxEntry e) {
        Notification n = e.notification();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("idempotencyKey", n.idempotencyKey());
        m.put("channel", n.channel().id());
        m.put("channelType", NotificationJson.lower(n.channel().type()));
        m.put("kind", NotificationJson.lower(NotificationJson.kind(n)));
        m.put("severity", NotificationJson.lower(NotificationJson.severity(n)));
        m.put("dedupKey", NotificationJson.dedupKey(n));
        m.put("title", NotificationJson.title(n));
        m.put("state", e.state().wire());
        m.put("attempts", e.attempts());
        if (e.state() == OutboxState.PENDING) {
            m.put("nextAttemptAt", e.nextAttemptAt().toString());
        }
        e.lastError().ifPresent(err -> m.put("lastError", err));
        m.put("createdAt", e.createdAt().toString());
        e.deliveredAt().ifPresent(d -> m.put("deliveredAt", d.toString()));
        return m;
    }
}
