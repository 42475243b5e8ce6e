package dev.gantry.server.gate;

import dev.gantry.server.auth.Authenticator;
import dev.gantry.server.auth.Principal;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.http.ApiException;
import dev.gantry.server.http.JsonBody;
import io.javalin.config.RoutesConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** {@code /api/v1/releases/{product}/{version}/waivers}: grant and list waivers. */
public final class WaiverRoutes {
    private final Authenticator auth;
    private final WaiverStore waivers;

    /** Body of a waiver. */
    record Grant(String item, String reason, String expires) {
        Grant {
            if (item == null || item.isBlank()) {
                throw new IllegalArgumentException("'item' is required: the checklist item's id.");
            }
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("'reason' is required: why going ahead is acceptable.");
            }
            if (expires == null || expires.isBlank()) {
                throw new IllegalArgumentException("'expires' is required: when the waiver stops counting"
                        + " (2026-03-01T18:00:00Z, or a date for midnight UTC).");
            }
        }
    }

    /** Body of a revocation. */
    record Revoke(String reason) {
        Revoke {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("'reason' is required: why the waiver no longer holds.");
            }
        }
    }

    /**
     * @param auth authenticator
     * @param waivers the store
     */
    public WaiverRoutes(Authenticator auth, WaiverStore waivers) {
        this.auth = auth;
        this.waivers = waivers;
    }

    /** Registers the routes. */
    public void register(RoutesConfig r) {
        String path = "/api/v1/releases/{product}/{version}/waivers";
        r.post(path, ctx -> {
            Principal p = auth.require(ctx, Scope.APPROVE);
            Grant grant = JsonBody.read(ctx, Grant.class);
            WaiverStore.Recorded recorded = waivers.grant(ctx.pathParam("product"), ctx.pathParam("version"),
                    grant.item().strip(), grant.reason().strip(), instant(grant.expires().strip()), p.name(), p.actor());
            JsonBody.respond(ctx, 201, Map.of("waiver", WaiverStore.json(recorded, waivers.now())));
        });
        r.post(path + "/{id}/revoke", ctx -> {
            Principal p = auth.require(ctx, Scope.APPROVE);
            Revoke revoke = JsonBody.read(ctx, Revoke.class);
            WaiverStore.Recorded revoked = waivers.revoke(ctx.pathParam("product"), ctx.pathParam("version"),
                    ctx.pathParam("id"), revoke.reason().strip(), p.name(), p.actor());
            JsonBody.respond(ctx, 200, Map.of("waiver", WaiverStore.json(revoked, waivers.now())));
        });
        r.get(path, ctx -> {
            auth.require(ctx, Scope.READ);
            var now = waivers.now();
            JsonBody.respond(ctx, 200, Map.of("waivers", waivers.list(ctx.pathParam("product"), ctx.pathParam("version"))
                    .stream().map(w -> WaiverStore.json(w, now)).toList()));
        });
    }

    static Instant instant(String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'expires' must be an ISO-8601 instant such as 2026-03-01T18:00:00Z,"
                    + " or a date such as 2026-03-01 (midnight UTC); got '" + text + "'.").with("field", "expires");
        }
    }
}
