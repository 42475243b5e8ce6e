package dev.gantry.server.gate;

import dev.gantry.gate.Waiver;
import dev.gantry.plan.GateCategory;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.db.Database;
import dev.gantry.server.http.ApiException;
import dev.gantry.server.release.ReleaseStore;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Waivers of a release's required items. A waiver is granted against the latest revision (its
 * item must be a required item there) and counts for the release until it expires, like the
 * CLI's waivers in {@code .gantry/state.json}: a waiver is a judgement about the item, not about
 * the plan's wording. Thread-safe.
 */
public final class WaiverStore {
    private final Database db;
    private final AuditLog audit;
    private final ReleaseStore releases;
    private final Clock clock;

    /**
     * A waiver on record.
     *
     * @param id its id, for revoking it
     * @param waiver the waiver
     * @param revision the revision it was granted against
     * @param revokedAt when it was revoked; empty while it stands
     * @param revokedBy who revoked it; empty while it stands
     * @param revokeReason why; empty while it stands
     */
    public record Recorded(String id, Waiver waiver, long revision, String revokedAt, String revokedBy, String revokeReason) {
        /** @return whether it was revoked (it then never counts) */
        public boolean revoked() {
            return !revokedAt.isEmpty();
        }
    }

    /**
     * @param db the database
     * @param audit the audit log
     * @param releases the releases
     * @param clock the time source
     */
    public WaiverStore(Database db, AuditLog audit, ReleaseStore releases, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.releases = releases;
        this.clock = clock;
    }

    /**
     * Grants a waiver.
     *
     * @throws ApiException 404 for an unknown release, 422 for an unknown or optional item or an expiry not in the future
     */
    public Recorded grant(String product, String version, String item, String reason, Instant expires, String grantedBy,
            String actor) {
        return db.write(h -> {
            ReleaseStore.Loaded current = releases.latest(product, version);
            GateCategory.Item found = find(current, item);
            if (!found.required()) {
                throw ApiException.of(422, "waiver-refused", "Waiver refused",
                        "Item '" + item + "' is optional and never blocks; it needs no waiver.").with("item", item);
            }
            Instant now = clock.instant();
            if (!expires.isAfter(now)) {
                throw ApiException.of(422, "waiver-refused", "Waiver refused",
                        "'expires' " + expires + " is not in the future; a waiver must expire later.").with("field", "expires");
            }
            Waiver waiver = new Waiver(item, reason, grantedBy, now, expires);
            long revision = current.revision().revision();
            String id = UUID.randomUUID().toString();
            h.createUpdate("INSERT INTO waivers (id, product, version, revision, item, reason, granted_by, granted_at, expires)"
                            + " VALUES (:id, :p, :v, :r, :item, :reason, :by, :at, :exp)")
                    .bind("id", id).bind("p", product).bind("v", version).bind("r", revision)
                    .bind("item", item).bind("reason", waiver.reason()).bind("by", grantedBy)
                    .bind("at", now.toString()).bind("exp", expires.toString()).execute();
            Recorded recorded = new Recorded(id, waiver, revision, "", "", "");
            audit.append(h, actor, "waiver.grant", "release:" + product + "/" + version, Optional.empty(),
                    Optional.of(json(recorded, now)));
            return recorded;
        });
    }

    /**
     * Revokes a waiver: it stays on record, marked revoked, and no longer counts for any verdict.
     *
     * @throws ApiException 404 when the release has no standing waiver with that id
     */
    public Recorded revoke(String product, String version, String id, String reason, String revokedBy, String actor) {
        releases.revisions(product, version);
        return db.write(h -> {
            Optional<Recorded> before = h.createQuery("SELECT * FROM waivers WHERE product = :p AND version = :v AND id = :id"
                            + " AND revoked_at IS NULL")
                    .bind("p", product).bind("v", version).bind("id", id).map((rs, c) -> recorded(rs)).findOne();
            if (before.isEmpty()) {
                throw ApiException.notFound("Release " + product + " " + version + " has no standing waiver with id '" + id
                        + "'; list them with GET .../waivers.");
            }
            Instant now = clock.instant();
            h.createUpdate("UPDATE waivers SET revoked_at = :at, revoked_by = :by, revoke_reason = :reason WHERE id = :id")
                    .bind("at", now.toString()).bind("by", revokedBy).bind("reason", reason).bind("id", id).execute();
            Recorded b = before.get();
            Recorded after = new Recorded(b.id(), b.waiver(), b.revision(), now.toString(), revokedBy, reason);
            audit.append(h, actor, "waiver.revoke", "release:" + product + "/" + version, Optional.of(json(b, now)),
                    Optional.of(json(after, now)));
            return after;
        });
    }

    /** @return every waiver of the release, revoked ones too, oldest first (404 for an unknown release) */
    public List<Recorded> list(String product, String version) {
        releases.revisions(product, version);
        return db.read(h -> h.createQuery("SELECT * FROM waivers WHERE product = :p AND version = :v ORDER BY granted_at, id")
                .bind("p", product).bind("v", version)
                .map((rs, c) -> recorded(rs))
                .list());
    }

    private static Recorded recorded(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Recorded(rs.getString("id"), new Waiver(rs.getString("item"), rs.getString("reason"),
                rs.getString("granted_by"), Instant.parse(rs.getString("granted_at")),
                Instant.parse(rs.getString("expires"))), rs.getLong("revision"), text(rs.getString("revoked_at")),
                text(rs.getString("revoked_by")), text(rs.getString("revoke_reason")));
    }

    private static String text(String nullable) {
        return nullable == null ? "" : nullable;
    }

    /** @return the standing (not revoked) waivers as the gate engine takes them */
    public List<Waiver> waivers(String product, String version) {
        return list(product, version).stream().filter(r -> !r.revoked()).map(Recorded::waiver).toList();
    }

    static GateCategory.Item find(ReleaseStore.Loaded current, String item) {
        return current.plan().gates().stream().flatMap(g -> g.items().stream()).filter(i -> i.id().equals(item))
                .findFirst().orElseThrow(() -> ApiException.of(422, "waiver-refused", "Waiver refused",
                        "The plan (revision " + current.revision().revision() + ") has no checklist item '" + item + "'.")
                        .with("item", item));
    }

    static Map<String, Object> json(Recorded r, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("item", r.waiver().item());
        m.put("reason", r.waiver().reason());
        m.put("grantedBy", r.waiver().grantedBy());
        m.put("grantedAt", r.waiver().grantedAt().toString());
        m.put("expires", r.waiver().expires().toString());
        m.put("revision", r.revision());
        m.put("active", !r.revoked() && r.waiver().activeAt(now));
        if (r.revoked()) {
            Map<String, Object> revoked = new LinkedHashMap<>();
            revoked.put("at", r.revokedAt());
            revoked.put("by", r.revokedBy());
            revoked.put("reason", r.revokeReason());
            m.put("revoked", revoked);
        }
        return m;
    }

    /** @return the clock's instant */
    Instant now() {
        return clock.instant();
    }
}
