package dev.gantry.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.json.GantryJson;
import dev.gantry.server.db.Database;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The append-only, hash-chained audit log in table {@code audit_log}. Appends happen inside the
 * caller's write transaction ({@link Database#write}), so a mutation and its entry commit
 * together and writers are serialised. Thread-safe.
 */
public final class AuditLog {
    private final Database db;
    private final Clock clock;

    /**
     * @param db the database
     * @param clock the time source for entry times
     */
    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Appends an entry within the caller's transaction.
     *
     * @param h a handle inside {@link Database#write}
     * @param before state before (any JSON-serialisable value; {@code Optional.empty()} for none)
     * @param after state after
     * @return the entry
     */
    public AuditEntry append(Handle h, String actor, String action, String target, Optional<?> before, Optional<?> after) {
        Optional<AuditEntry> last = h.createQuery("SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1")
                .map((rs, c) -> AuditStore.entry(rs)).findOne();
        long seq = last.map(AuditEntry::seq).orElse(0L) + 1;
        String prev = last.map(AuditEntry::hash).orElse(AuditEntry.GENESIS);
        String at = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
        String b = json(before);
        String a = json(after);
        String hash = AuditEntry.hashOf(prev, AuditEntry.canonical(seq, at, actor, action, target, b, a));
        h.createUpdate("INSERT INTO audit_log (seq, at, actor, action, target, before_state, after_state, prev_hash, hash)"
                        + " VALUES (:seq, :at, :actor, :action, :target, :b, :a, :prev, :hash)")
                .bind("seq", seq).bind("at", at).bind("actor", actor).bind("action", action).bind("target", target)
                .bind("b", b).bind("a", a).bind("prev", prev).bind("hash", hash)
                .execute();
        return new AuditEntry(seq, at, actor, action, target, b, a, prev, hash);
    }

    /** @return entries with {@code seq > after}, oldest first, at most {@code limit} */
    public List<AuditEntry> page(long after, int limit, Optional<String> target) {
        return db.read(h -> AuditStore.page(h, after, limit, target));
    }

    /** @return the verification of the whole chain */
    public AuditChain.Verification verify() {
        return db.read(AuditStore::verifyAll);
    }

    private static String json(Optional<?> value) {
        try {
            return value.isEmpty() ? "null" : COMPACT.writeValueAsString(value.get());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper COMPACT = GantryJson.mapper().copy()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
}
