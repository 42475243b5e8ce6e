package dev.gantry.server.migrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.db.Database;
import dev.gantry.server.http.JsonBody;
import dev.gantry.server.release.ReleaseStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The migrations applied to production per release, in table {@code applied_migrations}. Marking
 * the same migration again changes nothing. Every new mark is audited. Thread-safe.
 */
public final class AppliedMigrationStore {
    private final Database db;
    private final AuditLog audit;
    private final ReleaseStore releases;
    private final Clock clock;

    /**
     * @param db the database
     * @param audit the audit log
     * @param releases the releases (a mark needs a pushed release)
     * @param clock the clock
     */
    public AppliedMigrationStore(Database db, AuditLog audit, ReleaseStore releases, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.releases = releases;
        this.clock = clock;
    }

    /** What a mark did. */
    public record Marked(AppliedMigration migration, boolean created) {}

    /**
     * Records that {@code migration} was applied to production.
     *
     * @param pointOfNoReturn the release's point of no return per the analysis, if any
     * @throws dev.gantry.server.http.ApiException 404 for a release never pushed
     */
    public Marked mark(String product, String version, String migration, String file, String classification,
            Optional<AppliedMigration.PointOfNoReturn> pointOfNoReturn, String markedBy, String actor) {
        releases.revisions(product, version);
        String label = MigrationLabel.normalise(migration);
        boolean past = pointOfNoReturn.map(p -> MigrationLabel.compare(label, p.migration()) >= 0).orElse(false);
        return db.write(h -> {
            Optional<AppliedMigration> existing = find(h, product, version, label);
            if (existing.isPresent()) {
                return new Marked(existing.get(), false);
            }
            AppliedMigration m = new AppliedMigration(product, version, label, file, classification, pointOfNoReturn,
                    past, clock.instant().toString(), markedBy);
            h.createUpdate("INSERT INTO applied_migrations (product, version, migration, file, classification,"
                            + " past_no_return, analysis, applied_at, applied_by)"
                            + " VALUES (:p, :v, :m, :file, :c, :past, :analysis, :at, :by)")
                    .bind("p", product).bind("v", version).bind("m", label).bind("file", file).bind("c", classification)
                    .bind("past", past).bind("analysis", write(pointOfNoReturn)).bind("at", m.appliedAt())
                    .bind("by", markedBy).execute();
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("migration", label);
            after.put("file", file);
            after.put("classification", classification);
            after.put("pastPointOfNoReturn", past);
            audit.append(h, actor, "migration.applied", "release:" + product + "/" + version, Optional.empty(),
                    Optional.of(after));
            return new Marked(m, true);
        });
    }

    /** The applied migrations of a release in Flyway order; 404 for an unknown release. */
    public List<AppliedMigration> list(String product, String version) {
        releases.revisions(product, version);
        return db.read(h -> h.createQuery("SELECT * FROM applied_migrations WHERE product = :p AND version = :v")
                .bind("p", product).bind("v", version).map((rs, c) -> row(rs)).list()).stream()
                .sorted((a, b) -> MigrationLabel.compare(a.migration(), b.migration())).toList();
    }

    /**
     * The first applied migration that is past the release's point of no return, if any: while it
     * is there, a rollback must not roll the deployment back.
     */
    public Optional<AppliedMigration> pastPointOfNoReturn(String product, String version) {
        return db.read(h -> h.createQuery("SELECT * FROM applied_migrations WHERE product = :p AND version = :v"
                        + " AND past_no_return = :t")
                .bind("p", product).bind("v", version).bind("t", true).map((rs, c) -> row(rs)).list()).stream()
                .min((a, b) -> MigrationLabel.compare(a.migration(), b.migration()));
    }

    private static Optional<AppliedMigration> find(Handle h, String product, String version, String label) {
        return h.createQuery("SELECT * FROM applied_migrations WHERE product = :p AND version = :v AND migration = :m")
                .bind("p", product).bind("v", version).bind("m", label).map((rs, c) -> row(rs)).findOne();
    }

    private static AppliedMigration row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AppliedMigration(rs.getString("product"), rs.getString("version"), rs.getString("migration"),
                rs.getString("file"), rs.getString("classification"), read(rs.getString("analysis")),
                rs.getBoolean("past_no_return"), rs.getString("applied_at"), rs.getString("applied_by"));
    }

    private static String write(Optional<AppliedMigration.PointOfNoReturn> p) {
        try {
            return p.isEmpty() ? "" : JsonBody.mapper().writeValueAsString(p.get());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a point of no return did not serialise", e);
        }
    }

    private static Optional<AppliedMigration.PointOfNoReturn> read(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonBody.mapper().readValue(text, AppliedMigration.PointOfNoReturn.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored point of no return does not parse", e);
        }
    }
}
