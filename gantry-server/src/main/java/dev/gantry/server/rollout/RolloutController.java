package dev.gantry.server.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.plan.NotificationChannel;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.plan.Rollout;
import dev.gantry.rollout.Decision;
import dev.gantry.rollout.GuardSample;
import dev.gantry.rollout.Observations;
import dev.gantry.rollout.RolloutCommand;
import dev.gantry.rollout.RolloutEffect;
import dev.gantry.rollout.RolloutEngine;
import dev.gantry.rollout.RolloutEvent;
import dev.gantry.rollout.RolloutException;
import dev.gantry.rollout.RolloutIdentity;
import dev.gantry.rollout.RolloutState;
import dev.gantry.server.auth.Principal;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.auth.Secrets;
import dev.gantry.server.flag.FlagService;
import dev.gantry.server.http.ApiException;
import dev.gantry.server.http.JsonBody;
import dev.gantry.server.migrate.AppliedMigration;
import dev.gantry.server.migrate.AppliedMigrationStore;
import dev.gantry.server.notify.Notification;
import dev.gantry.server.notify.Notifier;
import dev.gantry.server.release.ReleaseStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives rollouts: on the leader replica only, evaluates each running rollout when the engine
 * asked to be evaluated again (guards read, {@link RolloutEngine#evaluate}, events appended,
 * effects performed), and carries out people's commands on any replica. The rollout is the
 * event history in {@link RolloutStore}; effects are recorded when done, so after a crash or
 * restart the controller redoes only what was not done and continues where the events left it.
 * Thread-safe: one rollout is decided by one thread at a time.
 */
public final class RolloutController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RolloutController.class);
    /** The actor of the controller's own decisions in the audit log and flag history. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);
    static final Principal CONTROLLER = new Principal("rollout", "rollout-controller", Set.of(Scope.FLAGS));

    private final RolloutStore store;
    private final ReleaseStore releases;
    private final FlagService flags;
    private final AppliedMigrationStore migrations;
    private final GuardSources sources;
    private final RollbackWebhooks webhooks;
    private final Notifier notifier;
    private final RollbackListeners listeners;
    private final BooleanSupplier leader;
    private final Clock clock;
    private final Duration tick;
    private final RolloutSignals signals = new RolloutSignals();
    private final Map<String, Instant> due = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, Long> effectsChecked = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private final Thread loop;

    /**
     * The parts a controller works with.
     *
     * @param store the rollouts
     * @param releases the plans
     * @param flags the flags it changes
     * @param migrations the migrations applied to production
     * @param sources the guard sources
     * @param webhooks the rollback webhook caller
     * @param notifier where notifications go
     * @param listeners told of every rollback
     */
    record Parts(RolloutStore store, ReleaseStore releases, FlagService flags, AppliedMigrationStore migrations,
            GuardSources sources, RollbackWebhooks webhooks, Notifier notifier, RollbackListeners listeners) {}

    RolloutController(Parts parts, BooleanSupplier leader, Clock clock, Duration tick) {
        this.store = parts.store();
        this.releases = parts.releases();
        this.flags = parts.flags();
        this.migrations = parts.migrations();
        this.sources = parts.sources();
        this.webhooks = parts.webhooks();
        this.notifier = parts.notifier();
        this.listeners = parts.listeners();
        this.leader = leader;
        this.clock = clock;
        this.tick = tick;
        this.loop = Thread.ofPlatform().daemon().name("gantry-rollout-controller").start(this::run);
    }

    RolloutSignals signals() {
        return signals;
    }

    RolloutStore store() {
        return store;
    }

    private void run() {
        boolean wasLeader = false;
        while (running) {
            try {
                boolean isLeader = leader.getAsBoolean();
                if (isLeader && !wasLeader) {
                    due.clear(); // a new leader evaluates every running rollout at once
                    effectsChecked.clear();
                }
                wasLeader = isLeader;
                if (isLeader) {
                    Instant now = clock.instant();
                    for (RolloutStore.Row row : store.running()) {
                        Instant when = due.get(row.id());
                        if (when == null || !when.isAfter(now)) {
                            try {
                                evaluate(row.id());
                            } catch (RuntimeException e) {
                                // one broken rollout must not stop the others, nor be retried every tick
                                due.put(row.id(), now.plus(RETRY_AFTER_FAILURE));
                                LOG.warn("Rollout {} not evaluated: {}; trying again in {}", row.id(), e.getClass().getSimpleName(),
                                        RETRY_AFTER_FAILURE);
                            }
                        }
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("Rollout evaluation failed: {}", e.toString());
            }
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Evaluates one rollout now: reads its guards, decides, appends, performs the effects. */
    void evaluate(String id) {
        withLock(id, () -> {
            Optional<RolloutStore.Row> found = store.get(id);
            if (found.isEmpty() || found.get().finished()) {
                due.remove(id);
                return null;
            }
            RolloutStore.Row row = found.get();
            ReleasePlan plan = plan(row);
            Rollout spec = plan.rollout().orElseThrow();
            RolloutEngine engine = new RolloutEngine(spec, identity(row), clock);
            for (int attempt = 0; attempt < 3; attempt++) {
                List<RolloutEvent> history = history(id);
                Observations observations = observe(row, spec, history);
                Decision decision = engine.evaluate(history, observations);
                if (store.append(row, history.size(), decision.events(), status(decision.state()), CONTROLLER.actor(),
                        "rollout.evaluate")) {
                    performEffects(row, plan, engine);
                    decision.nextEvaluationAt().ifPresentOrElse(at -> due.put(id, at), () -> due.remove(id));
                    signals.changed();
                    return null;
                }
            }
            LOG.warn("Rollout {} changed under three evaluations in a row; trying again next tick", id);
            return null;
        });
    }

    /**
     * Starts a rollout of the release's latest plan revision in {@code environment}.
     *
     * @param force start without a GO gate verdict (admin scope only)
     * @throws ApiException 409 when the release has a running rollout or no GO verdict, 422 when
     *     the plan has no rollout or its flag does not exist
     */
    RolloutStore.Row start(String product, String version, String environment, boolean force, Principal by) {
        ReleaseStore.Loaded loaded = releases.latest(product, version);
        Rollout spec = loaded.plan().rollout().orElseThrow(() -> ApiException.unprocessable("The plan of " + product
                + " " + version + " (revision " + loaded.revision().revision() + ") has no 'rollout' section."));
        if (spec.phases().isEmpty()) {
            throw ApiException.unprocessable("The plan's rollout has no phases.");
        }
        Optional<String> verdict = store.gateVerdict(product, version, loaded.revision().revision());
        boolean go = verdict.filter(v -> v.equals("GO") || v.equals("GO_WITH_WAIVERS")).isPresent();
        if (!go && !force) {
            throw ApiException.conflict("Revision " + loaded.revision().revision() + " of " + product + " " + version
                    + (verdict.isEmpty() ? " has no gate run" : " has the gate verdict " + verdict.get().replace('_', '-'))
                    + "; a rollout needs GO. Run 'gantry gate run FILE --report', or start with force (admin scope).")
                    .with("verdict", verdict.orElse("none"));
        }
        if (!go) {
            by.require(Scope.ADMIN);
        }
        try {
            flags.get(environment, spec.flag());
        } catch (ApiException e) {
            throw ApiException.unprocessable("The rollout flag '" + spec.flag() + "' does not exist in " + environment
                    + "; create it first (gantry flags set " + spec.flag() + " --env " + environment + ").");
        }
        String id = Secrets.id("ro_");
        RolloutStore.Row row = new RolloutStore.Row(id, product, version, loaded.revision().revision(), environment,
                "RUNNING", clock.instant().toString(), by.name());
        RolloutEngine engine = new RolloutEngine(spec, identity(row), clock);
        Decision decision = engine.apply(List.of(), new RolloutCommand.Start(by.name()));
        RolloutStore.Row created = store.create(row, decision.events(), by.actor())
                .orElseThrow(() -> ApiException.conflict("Release " + product + " " + version
                        + " already has a running rollout; abort it or let it finish first."));
        withLock(id, () -> {
            performEffects(created, loaded.plan(), engine);
            return null;
        });
        decision.nextEvaluationAt().ifPresent(at -> due.put(id, at));
        signals.changed();
        return created;
    }

    /**
     * Carries out a person's command on the release's running rollout.
     *
     * @param command builds the command; given whether the release is past its point of no return
     * @param action the audit action ({@code rollout.pause}, ...)
     * @throws ApiException 404 without a rollout, 409 when its state does not allow the command
     */
    RolloutStore.Row command(RolloutStore.Row row, java.util.function.Function<Boolean, RolloutCommand> command,
            String action, Principal by) {
        return withLock(row.id(), () -> {
            ReleasePlan plan = plan(row);
            RolloutEngine engine = new RolloutEngine(plan.rollout().orElseThrow(), identity(row), clock);
            boolean pastNoReturn = migrations.pastPointOfNoReturn(row.product(), row.version()).isPresent();
            for (int attempt = 0; attempt < 3; attempt++) {
                List<RolloutEvent> history = history(row.id());
                Decision decision;
                try {
                    decision = engine.apply(history, command.apply(pastNoReturn));
                } catch (RolloutException e) {
                    throw ApiException.conflict(capitalise(e.getMessage()) + ".");
                }
                if (store.append(row, history.size(), decision.events(), status(decision.state()), by.actor(), action)) {
                    performEffects(row, plan, engine);
                    decision.nextEvaluationAt().ifPresentOrElse(at -> due.put(row.id(), at), () -> due.remove(row.id()));
                    signals.changed();
                    return store.get(row.id()).orElseThrow();
                }
            }
            throw ApiException.conflict("The rollout is changing; try again.");
        });
    }

    /** The plan revision a rollout runs. */
    ReleasePlan plan(RolloutStore.Row row) {
        return releases.load(row.product(), row.version(), Optional.of(row.revision())).plan();
    }

    List<RolloutEvent> history(String id) {
        return store.events(id).stream().map(RolloutStore.Stored::event).toList();
    }

    /** Evaluations of the rollout flag the SDKs reported since the current phase began. */
    long samplesInPhase(RolloutStore.Row row) {
        Rollout spec = plan(row).rollout().orElseThrow();
        return sources.evaluations(scope(row, spec, history(row.id())));
    }

    /** The state of a rollout now. */
    RolloutState engineState(RolloutStore.Row row) {
        return RolloutState.replay(plan(row).rollout().orElseThrow(), history(row.id()));
    }

    /** @return when the controller evaluates the rollout next, if it is scheduled on this replica */
    Optional<Instant> nextEvaluation(String id) {
        return Optional.ofNullable(due.get(id));
    }

    private Observations observe(RolloutStore.Row row, Rollout spec, List<RolloutEvent> history) {
        Instant now = clock.instant();
        GuardSources.Scope scope = scope(row, spec, history);
        Map<String, GuardSample> samples = new LinkedHashMap<>();
        for (Rollout.Guard guard : spec.guards()) {
            GuardSample sample = sources.read(guard, scope, now);
            samples.put(guard.id(), sample);
            store.saveReading(row.id(), guard.id(), reading(guard, sample), now.toString());
        }
        long evaluations = spec.phases().stream().anyMatch(p -> p.minSample() > 0) ? sources.evaluations(scope) : 0;
        boolean pastNoReturn = migrations.pastPointOfNoReturn(row.product(), row.version()).isPresent();
        return new Observations(samples, evaluations, pastNoReturn);
    }

    private GuardSources.Scope scope(RolloutStore.Row row, Rollout spec, List<RolloutEvent> history) {
        Instant since = Instant.parse(row.startedAt());
        for (RolloutEvent event : history) {
            if (event instanceof RolloutEvent.PhaseEntered || event instanceof RolloutEvent.ActivationEntered) {
                since = event.at();
            }
        }
        String old = "off";
        try {
            old = flags.get(row.environment(), spec.flag()).definition().path("offVariation").asText("off");
        } catch (ApiException e) {
            // the flag was deleted; the guard counts every variant as new
        }
        return new GuardSources.Scope(row.environment(), spec.flag(), old, since);
    }

    private static String reading(Rollout.Guard guard, GuardSample sample) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("at", sample.at().toString());
        switch (sample) {
            case GuardSample.Value v -> r.put("value", v.value());
            case GuardSample.Probe p -> {
                r.put("healthy", p.healthy());
                r.put("detail", p.detail());
            }
            case GuardSample.ErrorCounts c -> {
                r.put("oldErrors", c.oldErrors());
                r.put("oldTotal", c.oldTotal());
                r.put("newErrors", c.newErrors());
                r.put("newTotal", c.newTotal());
                if (c.oldTotal() > 0 && c.newTotal() > 0) {
                    r.put("value", (double) c.newErrors() / c.newTotal() - (double) c.oldErrors() / c.oldTotal());
                }
            }
            case GuardSample.Latencies l -> r.put("samples", l.old().size() + l.updated().size());
            case GuardSample.Inconclusive i -> r.put("inconclusive", i.reason());
        }
        try {
            return JsonBody.mapper().writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a reading did not serialise", e);
        }
    }

    /** Performs every effect of the history not yet done, in order. */
    private void performEffects(RolloutStore.Row row, ReleasePlan plan, RolloutEngine engine) {
        List<RolloutEvent> history = history(row.id());
        long from = effectsChecked.getOrDefault(row.id(), 0L);
        for (int seq = (int) from; seq < history.size(); seq++) {
            for (RolloutEffect effect : engine.effectsOf(history, seq)) {
                if (!store.done(row.id(), effect.key())) {
                    String outcome = perform(row, plan, effect);
                    store.markDone(row.id(), effect.key(), outcome, clock.instant().toString());
                }
            }
            if (history.get(seq) instanceof RolloutEvent.RolledBack rolledBack) {
                afterRollback(row, plan, seq, rolledBack);
            }
        }
        effectsChecked.put(row.id(), (long) history.size());
    }

    private String perform(RolloutStore.Row row, ReleasePlan plan, RolloutEffect effect) {
        String env = row.environment();
        try {
            return switch (effect) {
                case RolloutEffect.SetPercent set -> {
                    flags.rollout(CONTROLLER, env, set.flag(), set.percent(), Optional.empty());
                    if (!flags.get(env, set.flag()).definition().path("on").asBoolean()) {
                        flags.toggle(CONTROLLER, env, set.flag(), true);
                    }
                    yield "flag " + set.flag() + " at " + set.percent() + "%";
                }
                case RolloutEffect.EnableFlag enable -> {
                    flags.rollout(CONTROLLER, env, enable.flag(), 100, Optional.empty());
                    flags.toggle(CONTROLLER, env, enable.flag(), true);
                    yield "flag " + enable.flag() + " on";
                }
                case RolloutEffect.KillFlag kill -> {
                    flags.kill(CONTROLLER, env, kill.flag());
                    yield "flag " + kill.flag() + " killed";
                }
                case RolloutEffect.CallRollbackWebhooks call -> {
                    List<RollbackWebhooks.Outcome> outcomes = webhooks.call(plan.rollback().webhooks(), webhookBody(row));
                    yield outcomes.isEmpty() ? "no rollback webhooks in the plan" : outcomes.toString();
                }
                case RolloutEffect.PageOwner page -> {
                    StringBuilder text = new StringBuilder(page.guidance());
                    Optional<AppliedMigration> past = migrations.pastPointOfNoReturn(row.product(), row.version());
                    past.flatMap(AppliedMigration::pointOfNoReturn).ifPresent(p -> {
                        text.append("\n\n").append(capitalise(p.message())).append('.');
                        p.guidance().forEach(g -> text.append("\n- ").append(g));
                    });
                    List<NotificationChannel> channels = plan.notifications().stream()
                            .filter(c -> c.type() == NotificationChannel.Type.PAGERDUTY).toList();
                    int sent = enqueue(row, page.key(), channels.isEmpty() ? plan.notifications() : channels,
                            Notification.Kind.TRIGGER, page.dedupKey(), Notification.Severity.CRITICAL, page.title(),
                            text.toString(), facts(row, Optional.empty(), past.map(AppliedMigration::migration)));
                    yield "owner paged on " + sent + " channel(s)";
                }
                case RolloutEffect.Notify notify -> {
                    List<NotificationChannel> channels = plan.notifications().stream()
                            .filter(c -> notify.channels().contains(c.id())).toList();
                    int sent = enqueue(row, notify.key(), channels, Notification.Kind.valueOf(notify.kind().name()),
                            notify.dedupKey(), Notification.Severity.valueOf(notify.severity().name()), notify.title(),
                            notify.text(), facts(row, Optional.of(notify.guard()), Optional.empty()));
                    yield "notified " + sent + " channel(s)";
                }
            };
        } catch (RuntimeException e) {
            LOG.warn("Rollout {} effect {} failed: {}", row.id(), effect.key(), e.getClass().getSimpleName());
            return "failed: " + e.getClass().getSimpleName();
        }
    }

    /**
     * What the server does beyond the engine's effects when a rollout is rolled back: tells the
     * rollback listeners, and the plan's channels the guard's own notification did not reach.
     */
    private void afterRollback(RolloutStore.Row row, ReleasePlan plan, int seq, RolloutEvent.RolledBack event) {
        String key = row.id() + "/" + seq + "/";
        if (!store.done(row.id(), key + "listeners")) {
            listeners.fire(new RolledBack(row.product(), row.version(), row.revision(), event.cause(), event.automatic(),
                    event.deploymentRollbackAllowed(), event.at()));
            store.markDone(row.id(), key + "listeners", "listeners told", clock.instant().toString());
        }
        if (!store.done(row.id(), key + "notify-plan")) {
            Set<String> reached = new LinkedHashSet<>();
            event.guard().flatMap(g -> plan.rollout().orElseThrow().guards().stream().filter(x -> x.id().equals(g))
                    .findFirst()).ifPresent(g -> reached.addAll(g.channels()));
            List<NotificationChannel> rest = plan.notifications().stream().filter(c -> !reached.contains(c.id())).toList();
            String release = row.product() + "/" + row.version();
            String title = release + " rolled back: " + event.cause();
            String text = "The rollout flag is off: every user gets the old variation."
                    + (event.deploymentRollbackAllowed() ? " The plan's rollback webhooks were called."
                            : " The release is past its point of no return: the deployment stays and rolls forward.");
            int sent = enqueue(row, key + "notify-plan", rest, event.automatic() ? Notification.Kind.TRIGGER
                            : Notification.Kind.MESSAGE, release + "/" + event.guard().orElse("rollback"),
                    event.automatic() ? Notification.Severity.CRITICAL : Notification.Severity.WARNING, title, text,
                    facts(row, event.guard(), Optional.empty()));
            store.markDone(row.id(), key + "notify-plan", "notified " + sent + " channel(s)", clock.instant().toString());
        }
    }

    private int enqueue(RolloutStore.Row row, String key, List<NotificationChannel> channels, Notification.Kind kind,
            String dedupKey, Notification.Severity severity, String title, String text, Map<String, String> facts) {
        int sent = 0;
        for (NotificationChannel channel : channels) {
            try {
                notifier.enqueue(new Notification(key + "/" + channel.id(), channel, kind, dedupKey, severity, title, text,
                        facts, Optional.empty()));
                sent++;
            } catch (RuntimeException e) {
                LOG.warn("Rollout {}: notification to channel {} not enqueued: {}", row.id(), channel.id(),
                        e.getClass().getSimpleName());
            }
        }
        return sent;
    }

    private static Map<String, String> facts(RolloutStore.Row row, Optional<String> guard, Optional<String> migration) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("release", row.product() + " " + row.version());
        facts.put("revision", String.valueOf(row.revision()));
        facts.put("environment", row.environment());
        guard.ifPresent(g -> facts.put("guard", g));
        migration.ifPresent(m -> facts.put("applied migration", m));
        return facts;
    }

    private static String webhookBody(RolloutStore.Row row) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("product", row.product());
        body.put("version", row.version());
        body.put("revision", row.revision());
        body.put("rollout", row.id());
        body.put("action", "rollback");
        try {
            return JsonBody.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String status(RolloutState state) {
        return switch (state) {
            case RolloutState.Completed c -> "COMPLETED";
            case RolloutState.RolledBack r -> "ROLLED_BACK";
            default -> "RUNNING";
        };
    }

    private static RolloutIdentity identity(RolloutStore.Row row) {
        return new RolloutIdentity(row.id(), row.product() + "/" + row.version());
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private <T> T withLock(String id, java.util.function.Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
        try {
            loop.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
