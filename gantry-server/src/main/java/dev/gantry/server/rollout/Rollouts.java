package dev.gantry.server.rollout;

import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.auth.Authenticator;
import dev.gantry.server.db.Database;
import dev.gantry.server.flag.FlagService;
import dev.gantry.server.flag.SdkMetricsStore;
import dev.gantry.server.gate.AllowedHostsHttpClient;
import dev.gantry.server.gate.OutboundHosts;
import dev.gantry.server.migrate.AppliedMigrationStore;
import dev.gantry.server.notify.Notifier;
import dev.gantry.server.release.ReleaseStore;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The rollout feature as the server wires it: the controller (started at once, driving rollouts
 * while {@code leader} is true), its routes, and the rollback listeners other parts register.
 * Close it before the database. Thread-safe.
 */
public final class Rollouts implements AutoCloseable {
    /** How often the controller looks for rollouts due for evaluation. */
    public static final Duration TICK = Duration.ofMillis(100);

    private final RolloutController controller;
    private final RollbackListeners listeners;
    private final Clock clock;

    private Rollouts(RolloutController controller, RollbackListeners listeners, Clock clock) {
        this.controller = controller;
        this.listeners = listeners;
        this.clock = clock;
    }

    /**
     * Starts the controller.
     *
     * @param environment the server's environment: {@code GANTRY_PROMETHEUS_URL}, and {@code ${VAR}}
     *     in probe URLs and rollback webhooks
     * @param allowed the outbound hosts guards and webhooks may call
     * @param leader whether this replica drives rollouts now
     */
    public static Rollouts start(Database db, AuditLog audit, ReleaseStore releases, FlagService flags,
            SdkMetricsStore metrics, AppliedMigrationStore migrations, Notifier notifier,
            Function<String, Optional<String>> environment, OutboundHosts allowed, BooleanSupplier leader, Clock clock) {
        AllowedHostsHttpClient http = new AllowedHostsHttpClient(allowed);
        RollbackListeners listeners = new RollbackListeners();
        RolloutController.Parts parts = new RolloutController.Parts(new RolloutStore(db, audit), releases, flags,
                migrations, new GuardSources(http, environment, metrics),
                new RollbackWebhooks(http, environment, Duration.ofMillis(500)), notifier, listeners);
        return new Rollouts(new RolloutController(parts, leader, clock, TICK), listeners, clock);
    }

    /** @return where parts register to be told of rollbacks */
    public RollbackListeners listeners() {
        return listeners;
    }

    /** @return the controller for in-process callers (the web dashboard) */
    public RolloutDesk desk() {
        return new RolloutDesk(controller, clock);
    }

    /** Registers the rollout routes. */
    public void register(RoutesConfig routes, Authenticator auth) {
        new RolloutRoutes(auth, controller, desk()).register(routes);
    }

    @Override
    public void close() {
        controller.close();
    }
}
