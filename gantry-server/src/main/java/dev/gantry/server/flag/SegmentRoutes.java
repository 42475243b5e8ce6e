package dev.gantry.server.flag;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.server.auth.Authenticator;
import dev.gantry.server.auth.Principal;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.http.JsonBody;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Segments per environment under {@code /api/v1/environments/{env}/segments}, versioned and
 * audited like flags, served to SDKs in the snapshot and stream, and honoured by OFREP; and
 * environment creation ({@code POST /api/v1/environments}, admin).
 */
public final class SegmentRoutes {
    private final Authenticator auth;
    private final FlagService flags;
    private final Environments environments;
    private final SnapshotHub hub;

    /** Body of environment creation. */
    record NewEnvironment(String name) {}

    /** The JSON view of a stored segment. */
    record StoredSegment(String environment, String key, long version, String updatedAt, String updatedBy,
            JsonNode definition) {
        static StoredSegment of(FlagService.StoredFlag s) {
            return new StoredSegment(s.environment(), s.key(), s.version(), s.updatedAt(), s.updatedBy(), s.definition());
        }
    }

    /**
     * @param auth authenticator
     * @param flags the flag service (segments share its versioning)
     * @param environments the environments
     * @param hub current snapshots
     */
    public SegmentRoutes(Authenticator auth, FlagService flags, Environments environments, SnapshotHub hub) {
        this.auth = auth;
        this.flags = flags;
        this.environments = environments;
        this.hub = hub;
    }

    /** Registers the routes. */
    public void register(RoutesConfig r) {
        r.post("/api/v1/environments", ctx -> {
            Principal p = auth.require(ctx, Scope.ADMIN);
            String name = JsonBody.read(ctx, NewEnvironment.class).name();
            environments.create(p, name);
            flags.reload(name);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("snapshotVersion", hub.current(name).version());
            ctx.header("Location", "/api/v1/environments/" + name + "/flags");
            JsonBody.respond(ctx, 201, body);
        });
        String base = "/api/v1/environments/{env}/segments";
        r.get(base, ctx -> {
            auth.require(ctx, Scope.READ);
            String env = ctx.pathParam("env");
            List<StoredSegment> list = flags.segments(env).stream().map(StoredSegment::of).toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("environment", env);
            body.put("snapshotVersion", hub.current(env).version());
            body.put("segments", list);
            JsonBody.respond(ctx, 200, body);
        });
        r.get(base + "/{key}", ctx -> {
            auth.require(ctx, Scope.READ);
            JsonBody.respond(ctx, 200, StoredSegment.of(flags.segment(ctx.pathParam("env"), ctx.pathParam("key"))));
        });
        r.get(base + "/{key}/versions", ctx -> {
            auth.require(ctx, Scope.READ);
            JsonBody.respond(ctx, 200, Map.of("versions", flags.segmentVersions(ctx.pathParam("env"), ctx.pathParam("key"))));
        });
        r.put(base + "/{key}", ctx -> {
            Principal p = auth.require(ctx, Scope.FLAGS);
            FlagService.Put put = flags.putSegment(p, ctx.pathParam("env"), ctx.pathParam("key"), JsonBody.tree(ctx));
            JsonBody.respond(ctx, put.created() ? 201 : 200, StoredSegment.of(put.flag()));
        });
        r.delete(base + "/{key}", ctx -> {
            Principal p = auth.require(ctx, Scope.FLAGS);
            flags.deleteSegment(p, ctx.pathParam("env"), ctx.pathParam("key"));
            ctx.status(204);
        });
    }
}
