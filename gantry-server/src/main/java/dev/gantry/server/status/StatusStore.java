package dev.gantry.server.status;

import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.db.Database;
import dev.gantry.server.http.ApiException;
import dev.gantry.server.status.StatusPage.ComponentStatus;
import dev.gantry.server.status.StatusPage.Impact;
import dev.gantry.server.status.StatusPage.IncidentStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The status page's tables: components, incidents with their updates, maintenance windows. Every
 * change is audited in its transaction. Texts are stored as given: callers scrub machine-made text
 * ({@link PublicText}) first. Thread-safe.
 */
final class StatusStore {
    private final Database db;
    private final AuditLog audit;
    private final Clock clock;

    StatusStore(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** A component row as stored (status as set, not the effective one). */
    record StoredComponent(String id, String name, String group, long position, ComponentStatus status, Instant updatedAt) {}

    /** A maintenance row. */
    record StoredMaintenance(String id, String name, String body, List<String> components, Instant startsAt, Instant endsAt,
            Optional<String> sourceKey) {}

    /** Adds the component when it does not exist yet; audited only when added. */
    void ensureComponent(String actor, String id, String name, String group, long position) {
        db.write(h -> {
            int added = h.createUpdate("INSERT INTO status_components (id, name, group_name, position, status, updated_at,"
                            + " updated_by) VALUES (:id, :name, :g, :pos, 'operational', :at, :by) ON CONFLICT (id) DO NOTHING")
                    .bind("id", id).bind("name", name).bind("g", group).bind("pos", position)
                    .bind("at", clock.instant().toString()).bind("by", actor).execute();
            if (added == 1) {
                audit.append(h, actor, "status.component.add", "status-component:" + id, Optional.empty(),
                        Optional.of(Map.of("id", id, "name", name, "group", group)));
            }
            return added;
        });
    }

    List<StoredComponent> components() {
        return db.read(h -> h.createQuery("SELECT * FROM status_components ORDER BY group_name, position, id")
                .map((rs, c) -> component(rs)).list());
    }

    private static StoredComponent component(ResultSet rs) throws SQLException {
        return new StoredComponent(rs.getString("id"), rs.getString("name"), rs.getString("group_name"),
                rs.getLong("position"), ComponentStatus.parse(rs.getString("status")).orElse(ComponentStatus.OPERATIONAL),
                Instant.parse(rs.getString("updated_at")));
    }

    /** Sets a component's status. @throws ApiException 404 for an unknown component */
    StoredComponent setComponent(String actor, String id, ComponentStatus status) {
        return db.write(h -> {
            StoredComponent before = h.createQuery("SELECT * FROM status_components WHERE id = :id").bind("id", id)
                    .map((rs, c) -> component(rs)).findOne()
                    .orElseThrow(() -> ApiException.notFound("No status page component '" + id + "'."));
            Instant now = clock.instant();
            h.createUpdate("UPDATE status_components SET status = :s, updated_at = :at, updated_by = :by WHERE id = :id")
                    .bind("s", status.wire()).bind("at", now.toString()).bind("by", actor).bind("id", id).execute();
            audit.append(h, actor, "status.component.set", "status-component:" + id,
                    Optional.of(Map.of("status", before.status().wire())), Optional.of(Map.of("status", status.wire())));
            return new StoredComponent(id, before.name(), before.group(), before.position(), status, now);
        });
    }

    /**
     * Opens an incident with its first update.
     *
     * @param sourceKey when present, an incident with the same key is not opened twice (returns the existing one)
     */
    StatusPage.Incident open(String actor, String name, Impact impact, IncidentStatus status, String body,
            List<String> components, String product, String version, Optional<String> sourceKey) {
        return db.write(h -> {
            if (sourceKey.isPresent()) {
                Optional<String> existing = h.createQuery("SELECT id FROM status_incidents WHERE source_key = :k")
                        .bind("k", sourceKey.get()).mapTo(String.class).findOne();
                if (existing.isPresent()) {
                    return incident(h, existing.get()).orElseThrow();
                }
            }
            requireComponents(h, components);
            String id = UUID.randomUUID().toString();
            String at = clock.instant().toString();
            h.createUpdate("INSERT INTO status_incidents (id, name, status, impact, components, source_key, product, version,"
                            + " created_at, created_by, resolved_at) VALUES (:id, :name, :s, :i, :c, :k, :p, :v, :at, :by, :r)")
                    .bind("id", id).bind("name", name).bind("s", status.wire()).bind("i", impact.wire())
                    .bind("c", String.join(",", components)).bind("k", sourceKey.orElse(null)).bind("p", product)
                    .bind("v", version).bind("at", at).bind("by", actor)
                    .bind("r", status == IncidentStatus.RESOLVED ? at : null).execute();
            insertUpdate(h, id, 1, status, body, at, actor);
            StatusPage.Incident incident = incident(h, id).orElseThrow();
            audit.append(h, actor, "status.incident.open", "status-incident:" + id, Optional.empty(),
                    Optional.of(summary(incident)));
            return incident;
        });
    }

    /** Adds an update; {@code resolved} resolves it. @throws ApiException 404, or 409 when already resolved */
    StatusPage.Incident update(String actor, String id, IncidentStatus status, String body, Optional<Impact> impact) {
        return db.write(h -> {
            StatusPage.Incident before = incident(h, id)
                    .orElseThrow(() -> ApiException.notFound("No incident '" + id + "'."));
            if (before.status() == IncidentStatus.RESOLVED) {
                throw ApiException.conflict("Incident '" + id + "' is resolved; open a new incident instead.");
            }
            String at = clock.instant().toString();
            long seq = h.createQuery("SELECT MAX(seq) FROM status_incident_updates WHERE incident_id = :id").bind("id", id)
                    .mapTo(Long.class).one() + 1;
            insertUpdate(h, id, seq, status, body, at, actor);
            h.createUpdate("UPDATE status_incidents SET status = :s, impact = :i, resolved_at = :r WHERE id = :id")
                    .bind("s", status.wire()).bind("i", impact.orElse(before.impact()).wire())
                    .bind("r", status == IncidentStatus.RESOLVED ? at : null).bind("id", id).execute();
            StatusPage.Incident after = incident(h, id).orElseThrow();
            audit.append(h, actor, status == IncidentStatus.RESOLVED ? "status.incident.resolve" : "status.incident.update",
                    "status-incident:" + id, Optional.of(summary(before)), Optional.of(summary(after)));
            return after;
        });
    }

    private static void insertUpdate(Handle h, String incident, long seq, IncidentStatus status, String body, String at,
            String actor) {
        h.createUpdate("INSERT INTO status_incident_updates (id, incident_id, seq, status, body, at, by_actor)"
                        + " VALUES (:id, :inc, :seq, :s, :b, :at, :by)")
                .bind("id", UUID.randomUUID().toString()).bind("inc", incident).bind("seq", seq).bind("s", status.wire())
                .bind("b", body).bind("at", at).bind("by", actor).execute();
    }

    private static Map<String, Object> summary(StatusPage.Incident i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", i.name());
        m.put("status", i.status().wire());
        m.put("impact", i.impact().wire());
        m.put("components", i.components());
        m.put("updates", i.updates().size());
        return m;
    }

    /** @return unresolved incidents, newest first */
    List<StatusPage.Incident> unresolved() {
        return db.read(h -> incidents(h, "WHERE resolved_at IS NULL", Map.of()));
    }

    /** @return the incidents of a release, oldest first */
    List<StatusPage.Incident> incidentsOf(String product, String version) {
        List<StatusPage.Incident> list = new ArrayList<>(db.read(h -> incidents(h,
                "WHERE product = :p AND version = :v", Map.of("p", product, "v", version))));
        java.util.Collections.reverse(list);
        return list;
    }

    /** @return the newest incident a rollback of the release opened */
    Optional<StatusPage.Incident> latestRollbackIncident(String product, String version) {
        return db.read(h -> incidents(h, "WHERE product = :p AND version = :v AND source_key LIKE 'rollback:%'",
                Map.of("p", product, "v", version)).stream().findFirst());
    }

    Optional<StatusPage.Incident> incident(String id) {
        return db.read(h -> incident(h, id));
    }

    private static Optional<StatusPage.Incident> incident(Handle h, String id) {
        return incidents(h, "WHERE id = :id", Map.of("id", id)).stream().findFirst();
    }

    private static List<StatusPage.Incident> incidents(Handle h, String where, Map<String, Object> binds) {
        var q = h.createQuery("SELECT * FROM status_incidents " + where + " ORDER BY created_at DESC, id");
        binds.forEach(q::bind);
        record Row(String id, String name, IncidentStatus status, Impact impact, List<String> components, String product,
                String version, Instant createdAt, Optional<Instant> resolvedAt) {}
        List<Row> rows = q.map((rs, c) -> new Row(rs.getString("id"), rs.getString("name"),
                IncidentStatus.parse(rs.getString("status")).orElseThrow(), Impact.parse(rs.getString("impact")).orElseThrow(),
                split(rs.getString("components")), rs.getString("product"), rs.getString("version"),
                Instant.parse(rs.getString("created_at")),
                Optional.ofNullable(rs.getString("resolved_at")).map(Instant::parse))).list();
        List<StatusPage.Incident> out = new ArrayList<>();
        for (Row r : rows) {
            List<StatusPage.Update> updates = h.createQuery(
                            "SELECT status, body, at FROM status_incident_updates WHERE incident_id = :id ORDER BY seq DESC")
                    .bind("id", r.id()).map((rs, c) -> new StatusPage.Update(
                            IncidentStatus.parse(rs.getString("status")).orElseThrow(), rs.getString("body"),
                            Instant.parse(rs.getString("at")))).list();
            out.add(new StatusPage.Incident(r.id(), r.name(), r.status(), r.impact(), r.components(), r.product(),
                    r.version(), r.createdAt(), r.resolvedAt(), updates));
        }
        return out;
    }

    /**
     * Schedules a window, or with a {@code sourceKey} that exists, moves it to the given times
     * and texts (a plan revision changed them); audited only when something changed.
     */
    StoredMaintenance schedule(String actor, String name, String body, List<String> components, Instant startsAt,
            Instant endsAt, Optional<String> sourceKey) {
        if (!endsAt.isAfter(startsAt)) {
            throw ApiException.badRequest("A maintenance window must end after it starts.");
        }
        return db.write(h -> {
            requireComponents(h, components);
            Optional<StoredMaintenance> existing = sourceKey.flatMap(k -> maintenances(h, "WHERE source_key = :k",
                    Map.of("k", k)).stream().findFirst());
            StoredMaintenance m = new StoredMaintenance(existing.map(StoredMaintenance::id)
                    .orElseGet(() -> UUID.randomUUID().toString()), name, body,
                    List.copyOf(components), startsAt, endsAt, sourceKey);
            if (existing.isPresent()) {
                if (existing.get().equals(m)) {
                    return m;
                }
                h.createUpdate("UPDATE status_maintenances SET name = :name, body = :body, components = :c, starts_at = :s,"
                                + " ends_at = :e WHERE id = :id")
                        .bind("name", m.name()).bind("body", m.body()).bind("c", String.join(",", components))
                        .bind("s", startsAt.toString()).bind("e", endsAt.toString()).bind("id", m.id()).execute();
                audit.append(h, actor, "status.maintenance.change", "status-maintenance:" + m.id(),
                        Optional.of(existing.get()), Optional.of(m));
                return m;
            }
            h.createUpdate("INSERT INTO status_maintenances (id, name, body, components, starts_at, ends_at, source_key,"
                            + " created_at, created_by) VALUES (:id, :name, :body, :c, :s, :e, :k, :at, :by)")
                    .bind("id", m.id()).bind("name", m.name()).bind("body", m.body()).bind("c", String.join(",", components))
                    .bind("s", startsAt.toString()).bind("e", endsAt.toString()).bind("k", sourceKey.orElse(null))
                    .bind("at", clock.instant().toString()).bind("by", actor).execute();
            audit.append(h, actor, "status.maintenance.schedule", "status-maintenance:" + m.id(), Optional.empty(),
                    Optional.of(m));
            return m;
        });
    }

    /** @return windows that end after {@code after}, soonest first */
    List<StoredMaintenance> maintenancesEndingAfter(Instant after) {
        // compared as instants: ISO text with and without fractions does not sort as the instant
        return db.read(h -> maintenances(h, "", Map.of())).stream().filter(m -> m.endsAt().isAfter(after)).toList();
    }

    private static List<StoredMaintenance> maintenances(Handle h, String where, Map<String, Object> binds) {
        var q = h.createQuery("SELECT * FROM status_maintenances " + where + " ORDER BY starts_at, id");
        binds.forEach(q::bind);
        return q.map((rs, c) -> new StoredMaintenance(rs.getString("id"), rs.getString("name"), rs.getString("body"),
                split(rs.getString("components")), Instant.parse(rs.getString("starts_at")),
                Instant.parse(rs.getString("ends_at")), Optional.ofNullable(rs.getString("source_key")))).list();
    }

    private static void requireComponents(Handle h, List<String> ids) {
        for (String id : ids) {
            if (h.createQuery("SELECT COUNT(*) FROM status_components WHERE id = :id").bind("id", id).mapTo(Long.class).one() == 0) {
                throw ApiException.unprocessable("No status page component '" + id + "'; GET /status.json lists them.")
                        .with("field", "components");
            }
        }
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
    }
}
