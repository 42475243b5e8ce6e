package dev.gantry.server.rollout;

import dev.gantry.rollout.RolloutEvent;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.db.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Rollouts and their append-only event history (tables {@code rollouts}, {@code rollout_events}),
 * the side effects done for them ({@code rollout_effects}) and each guard's latest reading
 * ({@code rollout_guard_readings}). Appends are conditional on the history's length, so two
 * writers never interleave events; every append is audited. Thread-safe.
 */
public final class RolloutStore {
    private final Database db;
    private final AuditLog audit;

    /**
     * @param db the database
     * @param audit the audit log
     */
    public RolloutStore(Database db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    /**
     * A rollout's identity and the cached outcome of its history.
     *
     * @param id the rollout's id ({@code ro_...})
     * @param product the release's product
     * @param version the release's version
     * @param revision the plan revision it runs
     * @param environment the flag environment it changes
     * @param status RUNNING, COMPLETED or ROLLED_BACK (a cache of the replayed state)
     * @param startedAt when, ISO-8601 UTC
     * @param startedBy who
     */
    public record Row(String id, String product, String version, long revision, String environment, String status,
            String startedAt, String startedBy) {
        /** @return whether the rollout is over */
        public boolean finished() {
            return !"RUNNING".equals(status);
        }
    }

    /** One stored event with its sequence number (from 0). */
    public record Stored(long seq, RolloutEvent event) {}

    /** Inserts a new rollout with its first events; empty when the release already has an unfinished one. */
    Optional<Row> create(Row row, List<RolloutEvent> first, String actor) {
        return db.write(h -> {
            boolean active = h.createQuery("SELECT COUNT(*) FROM rollouts WHERE product = :p AND version = :v"
                            + " AND status = 'RUNNING'")
                    .bind("p", row.product()).bind("v", row.version()).mapTo(Long.class).one() > 0;
            if (active) {
                return Optional.<Row>empty();
            }
            h.createUpdate("INSERT INTO rollouts (id, product, version, revision, environment, status, started_at,"
                            + " started_by) VALUES (:id, :p, :v, :r, :env, :status, :at, :by)")
                    .bind("id", row.id()).bind("p", row.product()).bind("v", row.version()).bind("r", row.revision())
                    .bind("env", row.environment()).bind("status", row.status()).bind("at", row.startedAt())
                    .bind("by", row.startedBy()).execute();
            insert(h, row, 0, first, row.status(), actor, "rollout.start");
            return Optional.of(row);
        });
    }

    /**
     * Appends {@code events} if the history still has {@code expected} events.
     *
     * @param status the status after them
     * @param action the audit action ({@code rollout.evaluate}, {@code rollout.pause}, ...)
     * @return false when someone else appended first (reload and decide again)
     */
    boolean append(Row row, long expected, List<RolloutEvent> events, String status, String actor, String action) {
        if (events.isEmpty()) {
            return true;
        }
        return db.write(h -> {
            long size = h.createQuery("SELECT COUNT(*) FROM rollout_events WHERE rollout_id = :id")
                    .bind("id", row.id()).mapTo(Long.class).one();
            if (size != expected) {
                return false;
            }
            insert(h, row, expected, events, status, actor, action);
            return true;
        });
    }

    private void insert(Handle h, Row row, long from, List<RolloutEvent> events, String status, String actor,
            String action) {
        long seq = from;
        List<String> types = new ArrayList<>();
        for (RolloutEvent event : events) {
            h.createUpdate("INSERT INTO rollout_events (rollout_id, seq, type, event, at)"
                            + " VALUES (:id, :seq, :type, :event, :at)")
                    .bind("id", row.id()).bind("seq", seq++).bind("type", event.type()).bind("event", event.toJson())
                    .bind("at", event.at().toString()).execute();
            types.add(event.type());
        }
        h.createUpdate("UPDATE rollouts SET status = :s WHERE id = :id").bind("s", status).bind("id", row.id()).execute();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("rollout", row.id());
        after.put("events", types);
        after.put("status", status);
        audit.append(h, actor, action, "release:" + row.product() + "/" + row.version(), Optional.empty(),
                Optional.of(after));
    }

    /** @return the rollout with {@code id} */
    Optional<Row> get(String id) {
        return db.read(h -> h.createQuery("SELECT * FROM rollouts WHERE id = :id").bind("id", id)
                .map((rs, c) -> row(rs)).findOne());
    }

    /** @return the release's latest rollout */
    public Optional<Row> latest(String product, String version) {
        return db.read(h -> h.createQuery("SELECT * FROM rollouts WHERE product = :p AND version = :v"
                        + " ORDER BY started_at DESC, id DESC LIMIT 1")
                .bind("p", product).bind("v", version).map((rs, c) -> row(rs)).findOne());
    }

    /** @return every unfinished rollout */
    List<Row> running() {
        return db.read(h -> h.createQuery("SELECT * FROM rollouts WHERE status = 'RUNNING' ORDER BY started_at")
                .map((rs, c) -> row(rs)).list());
    }

    /** @return the history, in order */
    public List<Stored> events(String id) {
        return db.read(h -> h.createQuery("SELECT seq, event FROM rollout_events WHERE rollout_id = :id ORDER BY seq")
                .bind("id", id).map((rs, c) -> new Stored(rs.getLong("seq"), RolloutEvent.fromJson(rs.getString("event"))))
                .list());
    }

    /** @return whether the effect with {@code key} was done */
    boolean done(String id, String key) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM rollout_effects WHERE rollout_id = :id AND effect_key = :k")
                .bind("id", id).bind("k", key).mapTo(Long.class).one() > 0);
    }

    /** Records that the effect with {@code key} was done, with its outcome in words (never a secret). */
    void markDone(String id, String key, String outcome, String at) {
        db.write(h -> h.createUpdate("INSERT INTO rollout_effects (rollout_id, effect_key, outcome, done_at)"
                        + " VALUES (:id, :k, :o, :at) ON CONFLICT (rollout_id, effect_key) DO NOTHING")
                .bind("id", id).bind("k", key).bind("o", outcome).bind("at", at).execute());
    }

    /** @return the outcomes of the effects done, by key */
    Map<String, String> effects(String id) {
        Map<String, String> out = new LinkedHashMap<>();
        db.read(h -> h.createQuery("SELECT effect_key, outcome FROM rollout_effects WHERE rollout_id = :id ORDER BY done_at")
                .bind("id", id).map((rs, c) -> Map.entry(rs.getString(1), rs.getString(2))).list())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Keeps {@code reading} (JSON) as the guard's latest. Not audited: a reading changes nothing. */
    void saveReading(String id, String guard, String reading, String at) {
        db.write(h -> h.createUpdate("INSERT INTO rollout_guard_readings (rollout_id, guard, reading, read_at)"
                        + " VALUES (:id, :g, :r, :at) ON CONFLICT (rollout_id, guard)"
                        + " DO UPDATE SET reading = excluded.reading, read_at = excluded.read_at")
                .bind("id", id).bind("g", guard).bind("r", reading).bind("at", at).execute());
    }

    /** @return the latest reading (JSON) per guard */
    Map<String, String> readings(String id) {
        Map<String, String> out = new LinkedHashMap<>();
        db.read(h -> h.createQuery("SELECT guard, reading FROM rollout_guard_readings WHERE rollout_id = :id")
                .bind("id", id).map((rs, c) -> Map.entry(rs.getString(1), rs.getString(2))).list())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** @return the verdict of the latest gate run of {@code revision}, if any */
    Optional<String> gateVerdict(String product, String version, long revision) {
        return db.read(h -> h.createQuery("SELECT verdict FROM gate_runs WHERE product = :p AND version = :v"
                        + " AND revision = :r ORDER BY run DESC LIMIT 1")
                .bind("p", product).bind("v", version).bind("r", revision).mapTo(String.class).findOne());
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getString("id"), rs.getString("product"), rs.getString("version"), rs.getLong("revision"),
                rs.getString("environment"), rs.getString("status"), rs.getString("started_at"),
                rs.getString("started_by"));
    }
}
