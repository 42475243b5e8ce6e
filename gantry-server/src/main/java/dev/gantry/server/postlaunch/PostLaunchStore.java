package dev.gantry.server.postlaunch;

import dev.gantry.review.ReviewFacts;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.db.Database;
import dev.gantry.server.http.ApiException;
import dev.gantry.server.rollout.RolledBack;
import dev.gantry.server.status.PublicText;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Snapshots, bugs and rollbacks of releases; every write audited. Thread-safe. */
final class PostLaunchStore {
    private final Database db;
    private final AuditLog audit;
    private final Clock clock;

    PostLaunchStore(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A stored measurement.
     *
     * @param metric the success metric's id
     * @param slot the scheduled slot's start ({@code manual:<instant>} for entries by hand)
     * @param value the value, empty when the measurement failed
     * @param error why it failed ({@code ""} when it did not)
     * @param source prometheus or manual
     * @param at when it was taken
     * @param by who took it
     */
    record Snapshot(String metric, String slot, Optional<Double> value, String error, String source, Instant at, String by) {}

    /** @return whether the slot already has a snapshot of the metric */
    boolean has(String product, String version, String metric, String slot) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM metric_snapshots WHERE product = :p AND version = :v"
                        + " AND metric_id = :m AND slot = :s")
                .bind("p", product).bind("v", version).bind("m", metric).bind("s", slot).mapTo(Long.class).one() > 0);
    }

    /** Stores a snapshot unless the slot has one; audited when stored. */
    boolean store(String actor, String product, String version, Snapshot s) {
        return db.write(h -> {
            int n = h.createUpdate("INSERT INTO metric_snapshots (id, product, version, metric_id, slot, value, error, source,"
                            + " taken_at, taken_by) VALUES (:id, :p, :v, :m, :s, :val, :e, :src, :at, :by)"
                            + " ON CONFLICT (product, version, metric_id, slot) DO NOTHING")
                    .bind("id", UUID.randomUUID().toString()).bind("p", product).bind("v", version).bind("m", s.metric())
                    .bind("s", s.slot()).bind("val", s.value().map(String::valueOf).orElse(null))
                    .bind("e", PublicText.scrub(s.error())).bind("src", s.source()).bind("at", s.at().toString())
                    .bind("by", actor).execute();
            if (n == 1) {
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("metric", s.metric());
                after.put("slot", s.slot());
                after.put("value", s.value().orElse(null));
                after.put("error", PublicText.scrub(s.error()));
                after.put("source", s.source());
                audit.append(h, actor, "metric.snapshot", "release:" + product + "/" + version, Optional.empty(),
                        Optional.of(after));
            }
            return n == 1;
        });
    }

    /** @return the snapshots of a release, oldest first */
    List<Snapshot> snapshots(String product, String version) {
        return db.read(h -> h.createQuery("SELECT * FROM metric_snapshots WHERE product = :p AND version = :v"
                        + " ORDER BY taken_at, metric_id, id")
                .bind("p", product).bind("v", version)
                .map((rs, c) -> new Snapshot(rs.getString("metric_id"), rs.getString("slot"),
                        Optional.ofNullable(rs.getString("value")).map(Double::valueOf), rs.getString("error"),
                        rs.getString("source"), Instant.parse(rs.getString("taken_at")), rs.getString("taken_by")))
                .list());
    }

    ReviewFacts.Bug report(String actor, String product, String version, String title, String severity, Instant reportedAt) {
        ReviewFacts.Bug bug = new ReviewFacts.Bug(UUID.randomUUID().toString().substring(0, 8), title,
                severity, reportedAt, Optional.empty());
        db.write(h -> {
            h.createUpdate("INSERT INTO release_bugs (id, product, version, title, severity, reported_at, reported_by,"
                            + " resolved_at) VALUES (:id, :p, :v, :t, :s, :at, :by, NULL)")
                    .bind("id", bug.id()).bind("p", product).bind("v", version).bind("t", bug.title()).bind("s", severity)
                    .bind("at", reportedAt.toString()).bind("by", actor).execute();
            return audit.append(h, actor, "bug.report", "release:" + product + "/" + version, Optional.empty(),
                    Optional.of(Map.of("id", bug.id(), "title", bug.title(), "severity", severity,
                            "reportedAt", reportedAt.toString())));
        });
        return bug;
    }

    ReviewFacts.Bug resolve(String actor, String product, String version, String id) {
        return db.write(h -> {
            ReviewFacts.Bug bug = bugs(h, product, version).stream().filter(b -> b.id().equals(id)).findFirst()
                    .orElseThrow(() -> ApiException.notFound("Release " + product + " " + version + " has no bug '" + id + "'."));
            if (bug.resolvedAt().isPresent()) {
                throw ApiException.conflict("Bug '" + id + "' was resolved at " + bug.resolvedAt().get() + ".");
            }
            Instant now = clock.instant();
            h.createUpdate("UPDATE release_bugs SET resolved_at = :at WHERE id = :id").bind("at", now.toString())
                    .bind("id", id).execute();
            audit.append(h, actor, "bug.resolve", "release:" + product + "/" + version, Optional.of(Map.of("id", id)),
                    Optional.of(Map.of("id", id, "resolvedAt", now.toString())));
            return new ReviewFacts.Bug(bug.id(), bug.title(), bug.severity(), bug.reportedAt(), Optional.of(now));
        });
    }

    List<ReviewFacts.Bug> bugs(String product, String version) {
        return db.read(h -> bugs(h, product, version));
    }

    private static List<ReviewFacts.Bug> bugs(org.jdbi.v3.core.Handle h, String product, String version) {
        return h.createQuery("SELECT * FROM release_bugs WHERE product = :p AND version = :v ORDER BY reported_at, id")
                .bind("p", product).bind("v", version)
                .map((rs, c) -> new ReviewFacts.Bug(rs.getString("id"), rs.getString("title"), rs.getString("severity"),
                        Instant.parse(rs.getString("reported_at")),
                        Optional.ofNullable(rs.getString("resolved_at")).map(Instant::parse))).list();
    }

    /** Records a rollback once; audited when new. */
    void rolledBack(RolledBack e) {
        db.write(h -> {
            int n = h.createUpdate("INSERT INTO release_rollbacks (product, version, revision, at, cause, automatic)"
                            + " VALUES (:p, :v, :r, :at, :c, :a) ON CONFLICT (product, version, revision, at) DO NOTHING")
                    .bind("p", e.product()).bind("v", e.version()).bind("r", e.revision()).bind("at", e.at().toString())
                    .bind("c", PublicText.scrub(e.cause())).bind("a", e.automatic()).execute();
            if (n == 1) {
                audit.append(h, "system (rollback)", "release.rollback.recorded", "release:" + e.product() + "/" + e.version(),
                        Optional.empty(), Optional.of(Map.of("revision", e.revision(), "at", e.at().toString(),
                                "cause", PublicText.scrub(e.cause()), "automatic", e.automatic())));
            }
            return n;
        });
    }

    List<ReviewFacts.Rollback> rollbacks(String product, String version) {
        return db.read(h -> h.createQuery("SELECT * FROM release_rollbacks WHERE product = :p AND version = :v ORDER BY at")
                .bind("p", product).bind("v", version)
                .map((rs, c) -> new ReviewFacts.Rollback(Instant.parse(rs.getString("at")), rs.getString("cause"),
                        rs.getBoolean("automatic"))).list());
    }
}
