package dev.gantry.server.comms;

import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.db.Database;
import dev.gantry.server.status.PublicText;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Approvals of drafts and the sent log; every write audited. Thread-safe. */
final class CommsStore {
    private final Database db;
    private final AuditLog audit;
    private final Clock clock;

    CommsStore(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** An approval on record. */
    record Approval(String commId, String contentHash, String role, String by, Instant at) {}

    /**
     * A sent-log row.
     *
     * @param key once-only key: {@code product/version/id} (schedule) or with {@code /rollback/revision/at}
     * @param state {@code sent} or {@code failed}
     */
    record Sent(String key, String product, String version, String commId, String trigger, long revision,
            String contentHash, String delivery, String state, String detail, Instant at, String by) {}

    Approval approve(String actor, Draft draft, String role, String by) {
        Approval a = new Approval(draft.id(), draft.contentHash(), role, by, clock.instant());
        db.write(h -> {
            h.createUpdate("INSERT INTO comm_approvals (id, product, version, comm_id, content_hash, role, approved_by,"
                            + " approved_at) VALUES (:id, :p, :v, :c, :hash, :role, :by, :at)")
                    .bind("id", UUID.randomUUID().toString()).bind("p", draft.product()).bind("v", draft.version())
                    .bind("c", draft.id()).bind("hash", a.contentHash()).bind("role", role).bind("by", by)
                    .bind("at", a.at().toString()).execute();
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("communication", draft.id());
            after.put("revision", draft.revision());
            after.put("contentHash", draft.contentHash());
            after.put("role", role);
            after.put("by", by);
            return audit.append(h, actor, "comm.approve", target(draft.product(), draft.version()), Optional.empty(),
                    Optional.of(after));
        });
        return a;
    }

    /** @return the approvals of a release, oldest first */
    List<Approval> approvals(String product, String version) {
        return db.read(h -> h.createQuery("SELECT * FROM comm_approvals WHERE product = :p AND version = :v"
                        + " ORDER BY approved_at, id")
                .bind("p", product).bind("v", version)
                .map((rs, c) -> new Approval(rs.getString("comm_id"), rs.getString("content_hash"), rs.getString("role"),
                        rs.getString("approved_by"), Instant.parse(rs.getString("approved_at")))).list());
    }

    /** @return the sent-log row with {@code key} */
    Optional<Sent> sent(String key) {
        return db.read(h -> h.createQuery("SELECT * FROM comm_sent WHERE send_key = :k").bind("k", key)
                .map((rs, c) -> sent(rs)).findOne());
    }

    /** @return the sent log of a release, oldest first */
    List<Sent> sentLog(String product, String version) {
        return db.read(h -> h.createQuery("SELECT * FROM comm_sent WHERE product = :p AND version = :v"
                        + " ORDER BY attempted_at, send_key")
                .bind("p", product).bind("v", version).map((rs, c) -> sent(rs)).list());
    }

    private static Sent sent(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Sent(rs.getString("send_key"), rs.getString("product"), rs.getString("version"),
                rs.getString("comm_id"), rs.getString("trigger_kind"), rs.getLong("revision"), rs.getString("content_hash"),
                rs.getString("delivery"), rs.getString("state"), rs.getString("detail"),
                Instant.parse(rs.getString("attempted_at")), rs.getString("attempted_by"));
    }

    /**
     * Records an attempt; a row already {@code sent} is never changed (once-only).
     *
     * @return whether the row was written
     */
    boolean record(String actor, String key, Draft draft, String trigger, boolean delivered, String detail) {
        String state = delivered ? "sent" : "failed";
        String scrubbed = PublicText.scrub(detail);
        return db.write(h -> {
            int n = h.createUpdate("INSERT INTO comm_sent (send_key, product, version, comm_id, trigger_kind, revision,"
                            + " content_hash, delivery, state, detail, attempted_at, attempted_by)"
                            + " VALUES (:k, :p, :v, :c, :t, :r, :hash, :d, :s, :detail, :at, :by)"
                            + " ON CONFLICT (send_key) DO UPDATE SET revision = :r, content_hash = :hash, delivery = :d,"
                            + " state = :s, detail = :detail, attempted_at = :at, attempted_by = :by"
                            + " WHERE comm_sent.state <> 'sent'")
                    .bind("k", key).bind("p", draft.product()).bind("v", draft.version()).bind("c", draft.id())
                    .bind("t", trigger).bind("r", draft.revision()).bind("hash", draft.contentHash())
                    .bind("d", draft.delivery().text()).bind("s", state).bind("detail", scrubbed)
                    .bind("at", clock.instant().toString()).bind("by", actor).execute();
            if (n == 1) {
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("key", key);
                after.put("communication", draft.id());
                after.put("revision", draft.revision());
                after.put("contentHash", draft.contentHash());
                after.put("delivery", draft.delivery().text());
                after.put("detail", scrubbed);
                audit.append(h, actor, delivered ? "comm.sent" : "comm.failed", target(draft.product(), draft.version()),
                        Optional.empty(), Optional.of(after));
            }
            return n == 1;
        });
    }

    private static String target(String product, String version) {
        return "release:" + product + "/" + version;
    }
}
