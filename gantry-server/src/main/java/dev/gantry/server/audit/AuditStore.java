package dev.gantry.server.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads the audit table: pages for the API, the whole chain for verification. Also used offline
 * by {@code gantry audit verify --database-url}, straight against the database.
 */
public final class AuditStore {
    private AuditStore() {}

    static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getString("at"), rs.getString("actor"), rs.getString("action"),
                rs.getString("target"), rs.getString("before_state"), rs.getString("after_state"),
                rs.getString("prev_hash"), rs.getString("hash"));
    }

    static List<AuditEntry> page(Handle h, long after, int limit, Optional<String> target) {
        String sql = "SELECT * FROM audit_log WHERE seq > :after"
                + (target.isPresent() ? " AND target = :target" : "") + " ORDER BY seq LIMIT :limit";
        var q = h.createQuery(sql).bind("after", after).bind("limit", limit);
        target.ifPresent(t -> q.bind("target", t));
        return q.map((rs, c) -> entry(rs)).list();
    }

    static AuditChain.Verification verifyAll(Handle h) {
        List<AuditEntry> all = new ArrayList<>();
        h.createQuery("SELECT * FROM audit_log ORDER BY seq").map((rs, c) -> entry(rs)).forEach(all::add);
        return AuditChain.verify(all);
    }

    /**
     * Verifies the chain in a database directly (no server), for {@code gantry audit verify}.
     *
     * @param jdbi a Jdbi on the server's database
     */
    public static AuditChain.Verification verify(Jdbi jdbi) {
        return jdbi.withHandle(AuditStore::verifyAll);
    }

    /**
     * Verifies the chain in the database at a JDBC URL, reading only (no migration, no pool).
     *
     * @param jdbcUrl {@code jdbc:sqlite:...} or {@code jdbc:postgresql:...}
     */
    public static AuditChain.Verification verifyDatabase(String jdbcUrl) {
        return verify(Jdbi.create(jdbcUrl));
    }
}
