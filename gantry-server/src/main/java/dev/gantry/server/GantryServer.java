package dev.gantry.server;

import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.audit.AuditRoutes;
import dev.gantry.server.auth.AuthRoutes;
import dev.gantry.server.auth.Authenticator;
import dev.gantry.server.auth.FailedAuthLimiter;
import dev.gantry.server.auth.SdkKeyStore;
import dev.gantry.server.auth.TokenStore;
import dev.gantry.server.cluster.Replication;
import dev.gantry.server.db.Database;
import dev.gantry.server.flag.Environments;
import dev.gantry.server.flag.FlagRoutes;
import dev.gantry.server.flag.FlagService;
import dev.gantry.server.flag.SdkMetricsStore;
import dev.gantry.server.flag.SdkRoutes;
import dev.gantry.server.flag.SnapshotHub;
import dev.gantry.server.health.HealthRoutes;
import dev.gantry.server.http.HttpBasics;
import dev.gantry.server.http.ProblemResponses;
import dev.gantry.server.ofrep.OfrepRoutes;
import dev.gantry.server.release.ReleaseStore;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running control plane: database opened and migrated, snapshots loaded, HTTP listening.
 * Start with {@link #start}; {@link #close} stops HTTP, ends SDK streams and closes the pool.
 * Thread-safe.
 */
public final class GantryServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GantryServer.class);

    private final Javalin app;
    private final Database db;
    private final SnapshotHub hub;
    private final Replication replication;
    private final Optional<String> bootstrapToken;
    private final String host;
    private final NotifyParts notify;
    private final dev.gantry.server.rollout.Rollouts rollouts;
    private final List<dev.gantry.server.rollout.RolledBack.Listener> onRollback;
    private final dev.gantry.server.cluster.LeaderTicker ticker;

    /** The outbox and its worker, in one field so the constructor stays small. */
    private record NotifyParts(dev.gantry.server.notify.JdbcOutbox outbox, dev.gantry.server.notify.DeliveryWorker worker) {}

    private GantryServer(Javalin app, Database db, SnapshotHub hub, Replication replication,
            Optional<String> bootstrapToken, String host, NotifyParts notify, dev.gantry.server.rollout.Rollouts rollouts,
            List<dev.gantry.server.rollout.RolledBack.Listener> onRollback, dev.gantry.server.cluster.LeaderTicker ticker) {
        this.notify = notify;
        this.rollouts = rollouts;
        this.onRollback = onRollback;
        this.ticker = ticker;
        this.replication = replication;
        this.app = app;
        this.db = db;
        this.hub = hub;
        this.bootstrapToken = bootstrapToken;
        this.host = host;
    }

    /**
     * Opens the database (migrating it), loads the snapshots and the examples (first start only),
     * and starts listening.
     *
     * @param config the configuration
     * @param clock the time source
     * @return the running server
     * @throws dev.gantry.server.db.DatabaseUnavailableException when the database cannot be opened
     */
    public static GantryServer start(ServerConfig config, Clock clock) {
        return start(config, clock, ServerWiring.defaults());
    }

    /**
     * As {@link #start(ServerConfig, Clock)}, with the environment and notifier of {@code wiring}.
     *
     * @throws dev.gantry.server.db.DatabaseUnavailableException when the database cannot be opened
     */
    public static GantryServer start(ServerConfig config, Clock clock, ServerWiring wiring) {
        Database db = config.databaseUrl().map(Database::open).orElseGet(() -> Database.sqlite(config.dataDir()));
        try {
            return start(config, clock, db, wiring);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static GantryServer start(ServerConfig config, Clock clock, Database db, ServerWiring wiring) {
        AuditLog audit = new AuditLog(db, clock);
        TokenStore tokens = new TokenStore(db, audit, clock);
        SdkKeyStore sdkKeys = new SdkKeyStore(db, audit, clock);
        FailedAuthLimiter limiter = new FailedAuthLimiter(10, Duration.ofMinutes(1), clock);
        Authenticator auth = new Authenticator(tokens, sdkKeys, limiter);
        Environments environments = new Environments(db, audit, clock);
        SnapshotHub hub = new SnapshotHub();
        FlagService flags = new FlagService(db, audit, hub, environments, clock);
        flags.loadAll();
        SdkMetricsStore metrics = new SdkMetricsStore(db, clock);
        ReleaseStore releases = new ReleaseStore(db, audit, clock);
        dev.gantry.server.signoff.SignOffStore signoffs = new dev.gantry.server.signoff.SignOffStore(db, audit, releases, clock);
        dev.gantry.server.gate.WaiverStore waivers = new dev.gantry.server.gate.WaiverStore(db, audit, releases, clock);
        dev.gantry.server.gate.GateRunStore gateRuns = new dev.gantry.server.gate.GateRunStore(db, audit, releases);
        dev.gantry.server.deploy.DeployRunStore deployRuns = new dev.gantry.server.deploy.DeployRunStore(db, audit, releases,
                clock);
        dev.gantry.server.gate.ServerGateRunner gateRunner = new dev.gantry.server.gate.ServerGateRunner(
                config.allowedOutboundHosts(), name -> Optional.ofNullable(System.getenv(name)), clock);
        dev.gantry.server.migrate.AppliedMigrationStore appliedMigrations =
                new dev.gantry.server.migrate.AppliedMigrationStore(db, audit, releases, clock);
        dev.gantry.server.notify.JdbcOutbox outbox = new dev.gantry.server.notify.JdbcOutbox(db, audit, clock);
        Optional<String> bootstrap = tokens.bootstrap(config.adminToken());
        config.examplesDir().ifPresent(dir -> loadExamples(dir, releases));
        Replication replication = Replication.start(db, flags, Duration.ofSeconds(1));
        dev.gantry.server.notify.Notifier notifier = wiring.notifier().orElse(outbox);
        dev.gantry.server.rollout.Rollouts rollouts = dev.gantry.server.rollout.Rollouts.start(db, audit, releases, flags,
                metrics, appliedMigrations, notifier, wiring.environment(), config.allowedOutboundHosts(),
                replication::leader, clock);
        dev.gantry.server.release.ReleaseFiles releaseFiles = new dev.gantry.server.release.ReleaseFiles(db, audit);
        dev.gantry.server.status.StatusService statusPage = new dev.gantry.server.status.StatusService(db, audit, releases,
                clock, "Status");
        dev.gantry.server.comms.CommsService comms = new dev.gantry.server.comms.CommsService(db, audit, releases,
                releaseFiles, notifier, statusPage, clock);
        statusPage.launchWindowText(comms::windowText);
        dev.gantry.server.postlaunch.PostLaunchService postLaunch = new dev.gantry.server.postlaunch.PostLaunchService(db,
                audit, releases, statusPage, wiring.environment().apply("GANTRY_PROMETHEUS_URL"),
                new dev.gantry.server.gate.AllowedHostsHttpClient(config.allowedOutboundHosts()), clock);
        List<dev.gantry.server.rollout.RolledBack.Listener> onRollback = List.of(statusPage, comms, postLaunch);
        onRollback.forEach(rollouts.listeners()::register);
        dev.gantry.server.cluster.LeaderTicker ticker = new dev.gantry.server.cluster.LeaderTicker(
                List.of(comms::tick, postLaunch::tick), replication::leader, Duration.ofSeconds(1));

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        Gauge.builder("gantry_sdk_streams", hub, SnapshotHub::streams)
                .description("Open SDK server-sent-event streams").register(registry);
        Gauge.builder("gantry_leader", replication, r -> r.leader() ? 1 : 0)
                .description("1 when this replica holds the leader lock").register(registry);

        OfrepRoutes ofrep = new OfrepRoutes(auth, hub);
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.startupWatcherEnabled = false;
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.http.maxRequestSize = config.maxRequestBytes();
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            cfg.jetty.host = config.bind();
            cfg.jetty.port = config.port();
            ProblemResponses.install(cfg.routes);
            HttpBasics.install(cfg.routes, config.maxRequestBytes());
            new HealthRoutes(db, registry, replication::leader).register(cfg.routes);
            new AuthRoutes(auth, tokens, sdkKeys, environments).register(cfg.routes);
            new AuditRoutes(auth, audit).register(cfg.routes);
            new dev.gantry.server.release.ReleaseRoutes(auth, releases, releaseFiles,
                    new dev.gantry.server.flag.DeclaredFlags(flags, environments)).register(cfg.routes);
            new dev.gantry.server.signoff.SignOffRoutes(auth, signoffs).register(cfg.routes);
            new dev.gantry.server.gate.WaiverRoutes(auth, waivers).register(cfg.routes);
            new dev.gantry.server.gate.GateRunRoutes(auth, releases, waivers, gateRuns, gateRunner, clock).register(cfg.routes);
            new dev.gantry.server.deploy.DeployRunRoutes(auth, releases, deployRuns).register(cfg.routes);
            new dev.gantry.server.migrate.AppliedMigrationRoutes(auth, appliedMigrations).register(cfg.routes);
            rollouts.register(cfg.routes, auth);
            new FlagRoutes(auth, flags, environments, hub, metrics).register(cfg.routes);
            new dev.gantry.server.flag.SegmentRoutes(auth, flags, environments, hub).register(cfg.routes);
            new SdkRoutes(auth, hub, metrics, config.heartbeat()).register(cfg.routes);
            ofrep.register(cfg.routes);
            cfg.jetty.modifyServer(server -> server.setHandler(ofrep.handler(config.maxRequestBytes())));
            new dev.gantry.server.status.StatusRoutes(auth, statusPage).register(cfg.routes);
            new dev.gantry.server.comms.CommsRoutes(auth, comms).register(cfg.routes);
            new dev.gantry.server.postlaunch.PostLaunchRoutes(auth, postLaunch).register(cfg.routes);
            new dev.gantry.server.notify.NotificationRoutes(auth, outbox).register(cfg.routes);
            new dev.gantry.server.web.DashboardRoutes(new dev.gantry.server.web.DashboardRoutes.Services(tokens, limiter,
                    releases, signoffs, waivers, gateRuns, gateRunner, flags, environments, audit, rollouts.desk(), statusPage,
                    clock,
                    "true".equalsIgnoreCase(System.getenv("GANTRY_SECURE_COOKIES")))).register(cfg.routes);
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            ticker.close();
            rollouts.close();
            replication.close();
            throw e;
        }
        dev.gantry.server.notify.DeliveryWorker notifications = dev.gantry.server.notify.DeliveryWorker.start(outbox,
                config.notifications(), config.allowedOutboundHosts(), wiring.environment(), clock);
        LOG.info("Gantry listening on {}:{} with database {}", config.bind(), app.port(), db.displayUrl());
        return new GantryServer(app, db, hub, replication, bootstrap, config.bind(), new NotifyParts(outbox, notifications),
                rollouts, onRollback, ticker);
    }

    private static void loadExamples(Path dir, ReleaseStore releases) {
        if (!releases.list().isEmpty() || !Files.isDirectory(dir)) {
            return;
        }
        List<Path> plans;
        try (Stream<Path> s = Files.list(dir)) {
            plans = s.map(d -> d.resolve("release.yaml")).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            LOG.warn("Cannot list examples in {}: {}", dir, e.getMessage());
            return;
        }
        for (Path plan : plans) {
            try {
                String text = Files.readString(plan, StandardCharsets.UTF_8);
                releases.push("system (examples)", plan.toString(), text);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Example {} not loaded: {}", plan, e.getMessage());
            }
        }
    }

    /** @return the port listened on */
    public int port() {
        return app.port();
    }

    /** @return the base URI, for example {@code http://127.0.0.1:8080/} */
    public URI uri() {
        String h = host.equals("0.0.0.0") || host.isBlank() ? "127.0.0.1" : host;
        if (h.contains(":")) {
            h = "[" + h + "]";
        }
        return URI.create("http://" + h + ":" + port() + "/");
    }

    /** @return the admin token generated at this start (first start without GANTRY_ADMIN_TOKEN only) */
    public Optional<String> bootstrapToken() {
        return bootstrapToken;
    }

    /** @return the database, for operations tooling and tests */
    public Database database() {
        return db;
    }

    /** @return whether this replica is the leader (always on SQLite) */
    public boolean leader() {
        return replication.leader();
    }

    /** @return where parts register to be told when a release is rolled back */
    public dev.gantry.server.rollout.RollbackListeners rollbackListeners() {
        return rollouts.listeners();
    }

    /** Runs the leader's periodic work once now (it also runs every second): due communications, post-launch snapshots. */
    public void runLeaderTasks() {
        ticker.runNow();
    }

    /**
     * @return the status page's, communications' and post-launch rollback listeners (registered with
     *     {@link #rollbackListeners()}) as one, for telling them directly
     */
    public dev.gantry.server.rollout.RolledBack.Listener rollbackListener() {
        return event -> onRollback.forEach(listener -> listener.rolledBack(event));
    }

    /**
     * @return the durable notifier (thread-safe); its {@code enqueue(Handle, Notification)} also
     *     enqueues inside a caller's write transaction
     */
    public dev.gantry.server.notify.JdbcOutbox notifier() {
        return notify.outbox();
    }

    @Override
    public void close() {
        ticker.close();
        rollouts.close();
        replication.close();
        notify.worker().close();
        hub.close();
        app.stop();
        db.close();
    }
}
