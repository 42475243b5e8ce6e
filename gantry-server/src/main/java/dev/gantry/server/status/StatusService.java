package dev.gantry.server.status;

import dev.gantry.plan.Communication;
import dev.gantry.plan.InfrastructureComponent;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.server.release.ReleaseStore;
import dev.gantry.server.rollout.RolledBack;
import dev.gantry.server.status.StatusPage.ComponentStatus;
import dev.gantry.server.status.StatusPage.Impact;
import dev.gantry.server.status.StatusPage.IncidentStatus;
import dev.gantry.server.status.StatusPage.Indicator;
import dev.gantry.server.status.StatusPage.MaintenanceStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status page's behaviour: the {@link StatusPage} read model at the clock's instant,
 * components and launch windows taken from the pushed plans, operator changes, and an incident
 * for every rollback ({@link RolledBack.Listener}).
 *
 * <p><b>Components from plans</b>: every product gets one component named after it (the
 * application, id = the product's slug) and one per {@code infrastructure} row of its plans
 * (id = product slug + component slug), grouped under the product. Components are added when a
 * plan naming them is first seen and never removed. <b>Launch windows</b>: a communication with
 * medium {@code status-page} and trigger {@code schedule} becomes a maintenance window of the
 * product's application component from its day and time (UTC) for {@link #LAUNCH_WINDOW}; a
 * later plan revision moves it. Thread-safe.
 */
public final class StatusService implements RolledBack.Listener {
    /** How long a launch window from a plan's status-page communication lasts. */
    public static final Duration LAUNCH_WINDOW = Duration.ofHours(1);
    static final String PLANS = "system (plans)";
    private static final Logger LOG = LoggerFactory.getLogger(StatusService.class);

    private final StatusStore store;
    private final ReleaseStore releases;
    private final Clock clock;
    private final String name;
    private final AtomicReference<String> synced = new AtomicReference<>("");
    private volatile BiFunction<ReleaseStore.Loaded, Communication, String> windowText = (loaded, c) ->
            c.subject().orElse(c.id());

    /**
     * @param db the database
     * @param audit the audit log
     * @param releases the pushed plans
     * @param clock the time source
     * @param name the page's title
     */
    public StatusService(dev.gantry.server.db.Database db, dev.gantry.server.audit.AuditLog audit, ReleaseStore releases,
            Clock clock, String name) {
        this.store = new StatusStore(db, audit, clock);
        this.releases = releases;
        this.clock = clock;
        this.name = name;
    }

    /**
     * Sets how a launch window's body is written from its communication (the communications part
     * renders the template); the default is the subject.
     */
    public void launchWindowText(BiFunction<ReleaseStore.Loaded, Communication, String> text) {
        this.windowText = text;
        synced.set("");
    }

    /** @return the page now */
    public StatusPage page() {
        syncFromPlans();
        Instant now = clock.instant();
        List<StatusStore.StoredMaintenance> windows = store.maintenancesEndingAfter(now);
        List<StatusPage.Component> components = new ArrayList<>();
        Indicator indicator = Indicator.NONE;
        for (StatusStore.StoredComponent c : store.components()) {
            ComponentStatus status = c.status();
            boolean inWindow = windows.stream().anyMatch(w -> !w.startsAt().isAfter(now) && w.components().contains(c.id()));
            if (inWindow && status == ComponentStatus.OPERATIONAL) {
                status = ComponentStatus.UNDER_MAINTENANCE;
            }
            indicator = indicator.worse(status.indicator());
            components.add(new StatusPage.Component(c.id(), c.name(), c.group(), status, c.updatedAt()));
        }
        List<StatusPage.Incident> incidents = store.unresolved();
        for (StatusPage.Incident i : incidents) {
            indicator = indicator.worse(i.impact().indicator());
        }
        List<StatusPage.Maintenance> maintenances = windows.stream().map(w -> new StatusPage.Maintenance(w.id(), w.name(),
                w.body(), w.startsAt().isAfter(now) ? MaintenanceStatus.SCHEDULED : MaintenanceStatus.IN_PROGRESS,
                w.components(), w.startsAt(), w.endsAt())).toList();
        return new StatusPage(name, now, indicator, components, incidents, maintenances);
    }

    /** @return the incidents of a release, resolved or not, oldest first */
    public List<StatusPage.Incident> incidentsOf(String product, String version) {
        return store.incidentsOf(product, version);
    }

    /** @return an incident (404 as {@link dev.gantry.server.http.ApiException} in the routes) */
    public Optional<StatusPage.Incident> incident(String id) {
        return store.incident(id);
    }

    /** @return the newest incident a rollback of the release opened, if any */
    public Optional<StatusPage.Incident> rollbackIncident(String product, String version) {
        return store.latestRollbackIncident(product, version);
    }

    /** Sets a component's status, audited. */
    public StatusPage.Component setComponent(String actor, String id, ComponentStatus status) {
        syncFromPlans();
        StatusStore.StoredComponent c = store.setComponent(actor, id, status);
        return new StatusPage.Component(c.id(), c.name(), c.group(), c.status(), c.updatedAt());
    }

    /** Opens an incident, audited. */
    public StatusPage.Incident open(String actor, String title, Impact impact, IncidentStatus status, String body,
            List<String> components, String product, String version) {
        syncFromPlans();
        return store.open(actor, title, impact, status, body, components, product, version, Optional.empty());
    }

    /** Adds an update to an incident (resolving it with {@code resolved}), audited. */
    public StatusPage.Incident update(String actor, String id, IncidentStatus status, String body, Optional<Impact> impact) {
        return store.update(actor, id, status, body, impact);
    }

    /** Schedules a maintenance window, audited. */
    public StatusPage.Maintenance schedule(String actor, String title, String body, List<String> components,
            Instant startsAt, Instant endsAt) {
        syncFromPlans();
        StatusStore.StoredMaintenance m = store.schedule(actor, title, body, components, startsAt, endsAt, Optional.empty());
        return new StatusPage.Maintenance(m.id(), m.name(), m.body(), MaintenanceStatus.SCHEDULED, m.components(),
                m.startsAt(), m.endsAt());
    }

    /** Opens the incident of a rollback (once per rollback). Never throws. */
    @Override
    public void rolledBack(RolledBack event) {
        try {
            syncFromPlans();
            String component = slug(event.product());
            List<String> components = store.components().stream().anyMatch(c -> c.id().equals(component))
                    ? List.of(component) : List.of();
            String body = "We rolled back " + event.product() + " " + event.version()
                    + (event.automatic() ? " automatically" : "") + " because of " + PublicText.scrub(event.cause()) + ". "
                    + (event.deploymentRolledBack() ? "The previous version is serving again."
                            : "The new feature is switched off while the deployment stays in place.")
                    + " We are working on a fix.";
            store.open("system (rollback)", event.product() + " " + event.version() + " rolled back", Impact.MINOR,
                    IncidentStatus.IDENTIFIED, body, components, event.product(), event.version(),
                    Optional.of("rollback:" + event.product() + "/" + event.version() + "/" + event.revision() + "/"
                            + event.at()));
        } catch (RuntimeException e) {
            LOG.error("No status page incident for the rollback of {} {}: {}", event.product(), event.version(),
                    e.getMessage());
        }
    }

    /**
     * Adds components and launch windows of plans pushed since the last call; cheap when nothing
     * was pushed (one query).
     */
    public void syncFromPlans() {
        List<ReleaseStore.Revision> latest = releases.list();
        String fingerprint = latest.stream().map(r -> r.product() + "/" + r.version() + "/" + r.revision())
                .reduce("", (a, b) -> a + "\n" + b);
        String before = synced.get();
        if (before.equals(fingerprint)) {
            return;
        }
        for (ReleaseStore.Revision r : latest) {
            try {
                sync(releases.latest(r.product(), r.version()));
            } catch (RuntimeException e) {
                LOG.warn("Status page: plan {} {} not synced: {}", r.product(), r.version(), e.getMessage());
            }
        }
        synced.compareAndSet(before, fingerprint);
    }

    private void sync(ReleaseStore.Loaded loaded) {
        ReleasePlan plan = loaded.plan();
        String product = plan.release().product();
        String app = slug(product);
        store.ensureComponent(PLANS, app, product, product, 0);
        int position = 1;
        for (InfrastructureComponent c : plan.infrastructure()) {
            store.ensureComponent(PLANS, app + "-" + slug(c.component()), c.component(), product, position++);
        }
        for (Communication c : plan.communications()) {
            if (c.medium() != Communication.Medium.STATUS_PAGE || c.trigger() != Communication.Trigger.SCHEDULE
                    || c.when().isEmpty()) {
                continue;
            }
            Instant start = c.when().get().resolve(plan.release().target()).atTime(c.at()).toInstant(ZoneOffset.UTC);
            store.schedule(PLANS, c.subject().orElse(c.id()), windowText.apply(loaded, c), List.of(app), start,
                    start.plus(LAUNCH_WINDOW), Optional.of("plan:" + product + "/" + plan.release().version() + "/" + c.id()));
        }
    }

    /** @return the component id of a product or name: lower case, runs of other characters as one {@code -} */
    public static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "component" : s;
    }
}
