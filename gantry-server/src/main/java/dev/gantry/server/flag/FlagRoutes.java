package dev.gantry.server.flag;

import dev.gantry.server.auth.Authenticator;
import dev.gantry.server.auth.Principal;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.http.JsonBody;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The flag management API under {@code /api/v1/environments/{env}/flags}. */
public final class FlagRoutes {
    private final Authenticator auth;
    private final FlagService flags;
    private final Environments environments;
    private final SnapshotHub hub;
    private final SdkMetricsStore metrics;

    /** Body of the toggle route. */
    record Toggle(Boolean on) {
        Toggle {
            if (on == null) {
                throw new IllegalArgumentException("'on' is required: true or false.");
            }
        }
    }

    /** Body of the rollout route. */
    record Rollout(Double percent, String variation) {
        Rollout {
            if (percent == null) {
                throw new IllegalArgumentException("'percent' is required: 0 to 100.");
            }
        }
    }

    /**
     * @param auth authenticator
     * @param flags the flag service
     * @param environments the environments
     * @param hub current snapshots
     * @param metrics stored SDK metric batches
     */
    public FlagRoutes(Authenticator auth, FlagService flags, Environments environments, SnapshotHub hub,
            SdkMetricsStore metrics) {
        this.auth = auth;
        this.flags = flags;
        this.environments = environments;
        this.hub = hub;
        this.metrics = metrics;
    }

    /** Registers the routes. */
    public void register(RoutesConfig r) {
        String base = "/api/v1/environments/{env}/flags";
        r.get("/api/v1/environments", ctx -> {
            auth.require(ctx, Scope.READ);
            List<Map<String, Object>> list = environments.names().stream().map(n -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", n);
                m.put("snapshotVersion", hub.current(n).version());
                return m;
            }).toList();
            JsonBody.respond(ctx, 200, Map.of("environments", list));
        });
        r.get(base, ctx -> {
            auth.require(ctx, Scope.READ);
            String env = ctx.pathParam("env");
            List<StoredFlag> list = flags.list(env).stream().map(StoredFlag::of).toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("environment", env);
            body.put("snapshotVersion", hub.current(env).version());
            body.put("flags", list);
            JsonBody.respond(ctx, 200, body);
        });
        r.get(base + "/{key}", ctx -> {
            auth.require(ctx, Scope.READ);
            JsonBody.respond(ctx, 200, StoredFlag.of(flags.get(ctx.pathParam("env"), ctx.pathParam("key"))));
        });
        r.get(base + "/{key}/versions", ctx -> {
            auth.require(ctx, Scope.READ);
            JsonBody.respond(ctx, 200, Map.of("versions", flags.versions(ctx.pathParam("env"), ctx.pathParam("key"))));
        });
        r.put(base + "/{key}", ctx -> {
            Principal p = auth.require(ctx, Scope.FLAGS);
            FlagService.Put put = flags.put(p, ctx.pathParam("env"), ctx.pathParam("key"), JsonBody.tree(ctx));
            JsonBody.respond(ctx, put.created() ? 201 : 200, StoredFlag.of(put.flag()));
        });
        r.delete(base + "/{key}", ctx -> {
            Principal p = auth.require(ctx, Scope.FLAGS);
            flags.delete(p, ctx.pathParam("env"), ctx.pathParam("key"));
            ctx.status(204);
        });
        r.post(base + "/{key}/toggle", ctx -> {
            Principal p = auth.require(ctx, Scope.FLAGS);
            Toggle t = JsonBody.read(ctx, Toggle.class);
            JsonBody.respond(ctx, 200, StoredFlag.of(flags.toggle(p, ctx.pathParam("env"), ctx.pathParam("key"), t.on())));
        });
        r.post(base + "/{key}/kill", ctx -> {
            Principal p = auth.require(ctx, Scope.FLAGS);
            JsonBody.respond(ctx, 200, StoredFlag.of(flags.kill(p, ctx.pathParam("env"), ctx.pathParam("key"))));
        });
        r.post(base + "/{key}/rollout", ctx -> {
            Principal p = auth.require(ctx, Scope.FLAGS);
            Rollout ro = JsonBody.read(ctx, Rollout.class);
            JsonBody.respond(ctx, 200, StoredFlag.of(flags.rollout(p, ctx.pathParam("env"), ctx.pathParam("key"),
                    ro.percent(), Optional.ofNullable(ro.variation()))));
        });
        r.get("/api/v1/environments/{env}/sdk-metrics", ctx -> {
            auth.require(ctx, Scope.READ);
            String env = environments.require(ctx.pathParam("env"));
            int limit = Math.min(1000, Math.max(1, parseInt(ctx.queryParam("limit"), 100)));
            JsonBody.respond(ctx, 200, Map.of("batches", metrics.recent(env, limit)));
        });
    }

    private static int parseInt(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw dev.gantry.server.http.ApiException.badRequest("'limit' must be a whole number.");
        }
    }

    /** The JSON view of a stored flag. */
    record StoredFlag(String environment, String key, long version, String updatedAt, String updatedBy,
            com.fasterxml.jackson.databind.JsonNode definition) {
        static StoredFlag of(FlagService.StoredFlag f) {
            return new StoredFlag(f.environment(), f.key(), f.version(), f.updatedAt(), f.updatedBy(), f.definition());
        }
    }
}
