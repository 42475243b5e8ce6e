package dev.gantry.server.comms;

import dev.gantry.server.auth.Authenticator;
import dev.gantry.server.auth.Principal;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.http.JsonBody;
import io.javalin.config.RoutesConfig;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1/releases/{product}/{version}/communications}: drafts with their state, one
 * rendered draft, approve (approve scope), send now (operate), and the sent log.
 */
public final class CommsRoutes {
    private final Authenticator auth;
    private final CommsService comms;

    /** Body of an approval: optionally the content hash the approver read. */
    record Approve(String contentHash) {}

    /**
     * @param auth authenticator
     * @param comms the service
     */
    public CommsRoutes(Authenticator auth, CommsService comms) {
        this.auth = auth;
        this.comms = comms;
    }

    /** Registers the routes. */
    public void register(RoutesConfig r) {
        String base = "/api/v1/releases/{product}/{version}";
        r.get(base + "/communications", ctx -> {
            auth.require(ctx, Scope.READ);
            JsonBody.respond(ctx, 200, Map.of("communications", comms.list(ctx.pathParam("product"),
                    ctx.pathParam("version")).stream().map(s -> json(s, false)).toList()));
        });
        r.get(base + "/communications/{id}", ctx -> {
            auth.require(ctx, Scope.READ);
            JsonBody.respond(ctx, 200, json(comms.get(ctx.pathParam("product"), ctx.pathParam("version"),
                    ctx.pathParam("id")), true));
        });
        r.post(base + "/communications/{id}/approve", ctx -> {
            Principal p = auth.require(ctx, Scope.APPROVE);
            Optional<String> hash = ctx.bodyAsBytes().length == 0 ? Optional.empty()
                    : Optional.ofNullable(JsonBody.read(ctx, Approve.class).contentHash());
            JsonBody.respond(ctx, 201, json(comms.approve(p.actor(), p.name(), ctx.pathParam("product"),
                    ctx.pathParam("version"), ctx.pathParam("id"), hash), true));
        });
        r.post(base + "/communications/{id}/send", ctx -> {
            Principal p = auth.require(ctx, Scope.OPERATE);
            JsonBody.respond(ctx, 200, comms.sendNow(p.actor(), ctx.pathParam("product"), ctx.pathParam("version"),
                    ctx.pathParam("id")));
        });
        r.get(base + "/sent-communications", ctx -> {
            auth.require(ctx, Scope.READ);
            JsonBody.respond(ctx, 200, Map.of("sent", comms.sentLog(ctx.pathParam("product"), ctx.pathParam("version"))));
        });
    }

    static Map<String, Object> json(CommsService.DraftStatus s, boolean withText) {
        Draft d = s.draft();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("audience", d.communication().audience());
        m.put("medium", d.communication().medium().planName());
        m.put("trigger", d.communication().trigger().planName());
        m.put("due", d.due().map(Instant::toString).orElse(null));
        m.put("delivery", d.delivery().text());
        m.put("approvalRole", d.communication().approval().orElse(null));
        m.put("state", s.state().wire());
        m.put("detail", s.detail().orElse(null));
        m.put("problem", d.problem().orElse(null));
        m.put("revision", d.revision());
        m.put("contentHash", d.contentHash());
        m.put("approval", s.approval().map(a -> Map.of("role", a.role(), "by", a.by(), "at", a.at().toString())).orElse(null));
        m.put("subject", d.subject());
        if (withText) {
            m.put("body", d.body());
        }
        return m;
    }
}
