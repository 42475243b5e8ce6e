package dev.gantry.server.audit;

import dev.gantry.server.auth.Authenticator;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.http.ApiException;
import dev.gantry.server.http.JsonBody;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET /api/v1/audit} (pages of entries) and {@code GET /api/v1/audit/verify}. */
public final class AuditRoutes {
    private final Authenticator auth;
    private final AuditLog log;

    /**
     * @param auth authenticator
     * @param log the audit log
     */
    public AuditRoutes(Authenticator auth, AuditLog log) {
        this.auth = auth;
        this.log = log;
    }

    /** Registers the routes. */
    public void register(RoutesConfig r) {
        r.get("/api/v1/audit", ctx -> {
            auth.require(ctx, Scope.READ);
            long after = number(ctx.queryParam("after"), 0, "after");
            int limit = (int) Math.min(1000, Math.max(1, number(ctx.queryParam("limit"), 100, "limit")));
            List<AuditEntry> entries = log.page(after, limit, Optional.ofNullable(ctx.queryParam("target")));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("entries", entries);
            if (entries.size() == limit) {
                body.put("next", "/api/v1/audit?after=" + entries.getLast().seq() + "&limit=" + limit);
            }
            JsonBody.respond(ctx, 200, body);
        });
        r.get("/api/v1/audit/verify", ctx -> {
            auth.require(ctx, Scope.READ);
            Map<String, Object> body = new LinkedHashMap<>();
            switch (log.verify()) {
                case AuditChain.Verification.Intact ok -> {
                    body.put("intact", true);
                    body.put("entries", ok.entries());
                    body.put("head", ok.head());
                }
                case AuditChain.Verification.Broken broken -> {
                    body.put("intact", false);
                    body.put("seq", broken.seq());
                    body.put("reason", broken.reason());
                }
            }
            JsonBody.respond(ctx, 200, body);
        });
    }

    private static long number(String v, long fallback, String name) {
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + name + "' must be a whole number.").with("field", name);
        }
    }
}
