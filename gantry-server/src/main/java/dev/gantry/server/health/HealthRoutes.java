package dev.gantry.server.health;

import dev.gantry.server.db.Database;
import dev.gantry.server.http.JsonBody;
import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;

/**
 * {@code /healthz} (the process answers; {@code leader} tells whether this replica leads), {@code /readyz} (the database answers; 503 otherwise)
 * and {@code /metrics} (Prometheus text format). Unauthenticated: they reveal no data.
 */
public final class HealthRoutes {
    private final Database db;
    private final PrometheusMeterRegistry registry;
    private final java.util.function.BooleanSupplier leader;

    /**
     * @param db the database
     * @param registry the metrics registry
     * @param leader whether this replica is the leader
     */
    public HealthRoutes(Database db, PrometheusMeterRegistry registry, java.util.function.BooleanSupplier leader) {
        this.db = db;
        this.registry = registry;
        this.leader = leader;
    }

    /** Registers the routes. */
    public void register(RoutesConfig r) {
        r.get("/healthz", ctx -> JsonBody.respond(ctx, 200, Map.of("status", "ok", "leader", leader.getAsBoolean())));
        r.get("/readyz", ctx -> {
            boolean up = db.reachable();
            JsonBody.respond(ctx, up ? 200 : 503, Map.of("status", up ? "ready" : "database unreachable"));
        });
        r.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
    }
}
