package dev.gantry.server.postlaunch;

import dev.gantry.gate.PrometheusClient;
import dev.gantry.plan.PostLaunch;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.plan.SuccessMetric;
import dev.gantry.review.LaunchReview;
import dev.gantry.review.ReviewFacts;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.db.Database;
import dev.gantry.server.http.ApiException;
import dev.gantry.server.release.ReleaseStore;
import dev.gantry.server.rollout.RolledBack;
import dev.gantry.server.status.StatusPage;
import dev.gantry.server.status.StatusService;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Post-launch data of releases and the day-7 review built from it. The leader's {@link #tick}
 * takes one snapshot of every {@code prometheus} success metric per slot of the plan's
 * {@code postLaunch.reviews} (by default hourly on D0, daily on D+1 to D+6; slots start at
 * 00:00 UTC of their day), querying {@code GANTRY_PROMETHEUS_URL} within the allowed outbound
 * hosts; a failed query is stored with its reason. A slot missed while no leader ran is not
 * taken later. Values can also be entered by hand. Thread-safe.
 */
public final class PostLaunchService implements RolledBack.Listener {
    static final Set<String> SEVERITIES = Set.of("critical", "major", "minor");
    private static final Logger LOG = LoggerFactory.getLogger(PostLaunchService.class);
    private static final String SCHEDULER = "system (post-launch)";

    private final PostLaunchStore store;
    private final ReleaseStore releases;
    private final StatusService status;
    private final Optional<PrometheusClient> prometheus;
    private final Clock clock;

    /**
     * @param prometheusUrl the Prometheus to query, when configured
     * @param http the HTTP client for it (limited to the allowed outbound hosts)
     */
    public PostLaunchService(Database db, AuditLog audit, ReleaseStore releases, StatusService status,
            Optional<String> prometheusUrl, HttpClient http, Clock clock) {
        this.store = new PostLaunchStore(db, audit, clock);
        this.releases = releases;
        this.status = status;
        this.prometheus = prometheusUrl.filter(u -> !u.isBlank()).map(u -> new PrometheusClient(http, u, "GANTRY_PROMETHEUS_URL"));
        this.clock = clock;
    }

    /** @return the start of the review slot {@code now} falls in, if the plan's reviews cover it */
    static Optional<Instant> slot(ReleasePlan plan, Instant now) {
        for (PostLaunch.Review review : plan.postLaunch().reviews()) {
            Instant from = review.from().resolve(plan.release().target()).atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant until = review.until().resolve(plan.release().target()).plusDays(1).atStartOfDay()
                    .toInstant(ZoneOffset.UTC);
            if (!now.isBefore(from) && now.isBefore(until) && !review.every().isZero()) {
                long steps = Duration.between(from, now).toMillis() / review.every().toMillis();
                return Optional.of(from.plus(review.every().multipliedBy(steps)));
            }
        }
        return Optional.empty();
    }

    /** Takes the snapshots due now. Run by the leader; safe to repeat. */
    public void tick() {
        Instant now = clock.instant();
        for (ReleaseStore.Revision r : releases.list()) {
            try {
                ReleasePlan plan = releases.latest(r.product(), r.version()).plan();
                Optional<Instant> slot = slot(plan, now);
                if (slot.isEmpty()) {
                    continue;
                }
                for (SuccessMetric m : plan.successMetrics()) {
                    if (m.source() != SuccessMetric.Source.PROMETHEUS || m.query().isEmpty()
                            || store.has(r.product(), r.version(), m.id(), slot.get().toString())) {
                        continue;
                    }
                    store.store(SCHEDULER, r.product(), r.version(), measure(m, slot.get().toString()));
                }
            } catch (RuntimeException e) {
                LOG.warn("Post-launch snapshots of {} {} not taken: {}", r.product(), r.version(), e.getMessage());
            }
        }
    }

    private PostLaunchStore.Snapshot measure(SuccessMetric m, String slot) {
        Instant at = clock.instant();
        if (prometheus.isEmpty()) {
            return failed(m, slot, "no Prometheus: set GANTRY_PROMETHEUS_URL on the server", at);
        }
        try {
            PrometheusClient.Answer answer = prometheus.get().query(m.query().get(), Duration.ofSeconds(10));
            if (answer instanceof PrometheusClient.Answer.Failed f) {
                return failed(m, slot, f.reason(), at);
            }
            List<PrometheusClient.Sample> samples = ((PrometheusClient.Answer.Samples) answer).samples();
            if (samples.size() != 1 || !Double.isFinite(samples.getFirst().value())) {
                return failed(m, slot, samples.isEmpty() ? "the query returned no samples"
                        : samples.size() > 1 ? "the query returned " + samples.size() + " series; a success metric needs one"
                                : "the query returned " + samples.getFirst().value(), at);
            }
            return new PostLaunchStore.Snapshot(m.id(), slot, Optional.of(samples.getFirst().value()), "", "prometheus", at,
                    SCHEDULER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(m, slot, "interrupted", at);
        }
    }

    private static PostLaunchStore.Snapshot failed(SuccessMetric m, String slot, String why, Instant at) {
        return new PostLaunchStore.Snapshot(m.id(), slot, Optional.empty(), why, "prometheus", at, SCHEDULER);
    }

    /**
     * Records a value entered by hand (any success metric of the latest revision).
     *
     * @throws ApiException 404 for an unknown release or metric
     */
    public Map<String, Object> enter(String actor, String product, String version, String metric, double value) {
        ReleasePlan plan = releases.latest(product, version).plan();
        if (plan.successMetrics().stream().noneMatch(m -> m.id().equals(metric))) {
            throw ApiException.notFound("Release " + product + " " + version + " has no success metric '" + metric + "'.");
        }
        Instant at = clock.instant();
        PostLaunchStore.Snapshot s = new PostLaunchStore.Snapshot(metric, "manual:" + at, Optional.of(value), "", "manual",
                at, actor);
        store.store(actor, product, version, s);
        return json(s);
    }

    /** @return every snapshot of a release, oldest first, as JSON members */
    public List<Map<String, Object>> snapshots(String product, String version) {
        releases.revisions(product, version);
        return store.snapshots(product, version).stream().map(PostLaunchService::json).toList();
    }

    static Map<String, Object> json(PostLaunchStore.Snapshot s) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("metric", s.metric());
        m.put("slot", s.slot());
        m.put("value", s.value().orElse(null));
        m.put("error", s.error().isEmpty() ? null : s.error());
        m.put("source", s.source());
        m.put("at", s.at().toString());
        m.put("by", s.by());
        return m;
    }

    /** Reports a bug. @throws ApiException 404, 400 for an unknown severity */
    public ReviewFacts.Bug report(String actor, String product, String version, String title, String severity,
            Optional<Instant> reportedAt) {
        releases.revisions(product, version);
        String s = severity.toLowerCase(Locale.ROOT);
        if (!SEVERITIES.contains(s)) {
            throw ApiException.badRequest("'severity' must be critical, major or minor.").with("field", "severity");
        }
        return store.report(actor, product, version, title, s, reportedAt.orElseGet(clock::instant));
    }

    /** Resolves a bug. */
    public ReviewFacts.Bug resolve(String actor, String product, String version, String id) {
        return store.resolve(actor, product, version, id);
    }

    /** @return the bugs of a release */
    public List<ReviewFacts.Bug> bugs(String product, String version) {
        releases.revisions(product, version);
        return store.bugs(product, version);
    }

    /** Records the rollback for the review. Never throws. */
    @Override
    public void rolledBack(RolledBack event) {
        try {
            store.rolledBack(event);
        } catch (RuntimeException e) {
            LOG.error("Rollback of {} {} not recorded for the review: {}", event.product(), event.version(), e.getMessage());
        }
    }

    /** @return the review of the latest revision with everything the server recorded */
    public LaunchReview review(String product, String version, String serverName) {
        ReleasePlan plan = releases.latest(product, version).plan();
        Map<String, ReviewFacts.Measured> latest = new HashMap<>();
        for (PostLaunchStore.Snapshot s : store.snapshots(product, version)) {
            s.value().ifPresent(v -> latest.put(s.metric(), new ReviewFacts.Measured(v, Optional.of(s.at()), s.source())));
        }
        List<ReviewFacts.Incident> incidents = status.incidentsOf(product, version).stream()
                .map(PostLaunchService::incident).toList();
        return LaunchReview.of(plan, new ReviewFacts(serverName, latest,
                new ReviewFacts.Bugs.Listed(store.bugs(product, version)), incidents, store.rollbacks(product, version)));
    }

    private static ReviewFacts.Incident incident(StatusPage.Incident i) {
        return new ReviewFacts.Incident(i.name(), i.impact().wire(), i.status().wire(), i.createdAt(), i.resolvedAt());
    }
}
