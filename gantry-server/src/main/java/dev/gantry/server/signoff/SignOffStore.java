package dev.gantry.server.signoff;

import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.auth.Principal;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.db.Database;
import dev.gantry.server.http.ApiException;
import dev.gantry.server.release.ReleaseStore;
import dev.gantry.signoff.SignOff;
import dev.gantry.signoff.SignOffRules;
import dev.gantry.signoff.SignOffStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Sign-offs of releases. A sign-off is always for the latest revision, bound to its content hash;
 * a newer revision voids it, and its signer or an admin can revoke it (it then stays on record but
 * no longer counts). The rules are {@link SignOffRules}, the same the CLI applies, checked
 * inside the write transaction so two concurrent signers cannot both take a role. Thread-safe.
 */
public final class SignOffStore {
    private final Database db;
    private final AuditLog audit;
    private final ReleaseStore releases;
    private final Clock clock;

    /**
     * @param db the database
     * @param audit the audit log
     * @param releases the releases signed
     * @param clock the time source
     */
    public SignOffStore(Database db, AuditLog audit, ReleaseStore releases, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.releases = releases;
        this.clock = clock;
    }

    /**
     * Records {@code signer}'s sign-off of {@code role} on the latest revision.
     *
     * @param expectedRevision when given, the revision the signer read; refused when it is no longer the latest
     * @throws ApiException 404 for an unknown release, 409 when a newer revision exists, 422 when the rules refuse
     */
    public SignOff sign(String product, String version, String role, String signer, String actor,
            Optional<Long> expectedRevision) {
        return db.write(h -> {
            ReleaseStore.Loaded current = releases.latest(product, version);
            if (expectedRevision.isPresent() && expectedRevision.get() != current.revision().revision()) {
                throw ApiException.conflict("Revision " + expectedRevision.get() + " is not the latest of release "
                        + product + " " + version + " (revision " + current.revision().revision()
                        + " is); read the current plan and sign again.").with("latestRevision", current.revision().revision());
            }
            SignOff candidate = new SignOff(role, signer, clock.instant(), current.planHash());
            Optional<String> refusal = SignOffRules.refusal(current.plan(), current.planHash(), all(h, product, version),
                    candidate);
            if (refusal.isPresent()) {
                throw ApiException.of(422, "signoff-refused", "Sign-off refused", "Sign-off refused: " + refusal.get() + ".")
                        .with("role", role);
            }
            h.createUpdate("INSERT INTO signoffs (id, product, version, revision, plan_hash, role, signed_by, signed_at)"
                            + " VALUES (:id, :p, :v, :r, :hash, :role, :by, :at)")
                    .bind("id", UUID.randomUUID().toString()).bind("p", product).bind("v", version)
                    .bind("r", current.revision().revision()).bind("hash", candidate.planHash()).bind("role", candidate.role())
                    .bind("by", candidate.by()).bind("at", candidate.at().toString()).execute();
            audit.append(h, actor, "signoff.sign", "release:" + product + "/" + version,
                    Optional.empty(), Optional.of(json(candidate, current.revision().revision())));
            return candidate;
        });
    }

    /**
     * Revokes the sign-off of {@code role} that counts for the latest revision: it stays on record,
     * marked revoked, and the role is outstanding again. Only its signer or an admin may.
     *
     * @throws ApiException 404 when no standing sign-off of the role counts, 403 for somebody else
     */
    public Map<String, Object> revoke(String product, String version, String role, Principal by, String reason) {
        return db.write(h -> {
            ReleaseStore.Loaded current = releases.latest(product, version);
            Optional<Map<String, Object>> found = h.createQuery("SELECT * FROM signoffs WHERE product = :p AND version = :v"
                            + " AND role = :role AND plan_hash = :hash AND revoked_at IS NULL")
                    .bind("p", product).bind("v", version).bind("role", role).bind("hash", current.planHash())
                    .map((rs, c) -> {
                        Map<String, Object> m = json(new SignOff(rs.getString("role"), rs.getString("signed_by"),
                                Instant.parse(rs.getString("signed_at")), rs.getString("plan_hash")), rs.getLong("revision"));
                        m.put("id", rs.getString("id"));
                        return m;
                    }).findOne();
            if (found.isEmpty()) {
                throw ApiException.notFound("No sign-off of role '" + role + "' counts for revision "
                        + current.revision().revision() + " of release " + product + " " + version + ".").with("role", role);
            }
            Map<String, Object> before = found.get();
            if (!before.get("by").equals(by.name()) && !by.has(Scope.ADMIN)) {
                throw ApiException.forbidden("Only the signer (" + before.get("by") + ") or an admin can revoke this sign-off.");
            }
            String now = clock.instant().toString();
            h.createUpdate("UPDATE signoffs SET revoked_at = :at, revoked_by = :by, revoke_reason = :reason WHERE id = :id")
                    .bind("at", now).bind("by", by.name()).bind("reason", reason).bind("id", before.get("id")).execute();
            Map<String, Object> after = new LinkedHashMap<>(before);
            after.put("revokedAt", now);
            after.put("revokedBy", by.name());
            after.put("revokeReason", reason);
            audit.append(h, by.actor(), "signoff.revoke", "release:" + product + "/" + version, Optional.of(before),
                    Optional.of(after));
            return after;
        });
    }

    /** @return the revoked sign-offs of the release, oldest first, as JSON objects */
    public List<Map<String, Object>> revoked(String product, String version) {
        return db.read(h -> h.createQuery("SELECT * FROM signoffs WHERE product = :p AND version = :v"
                        + " AND revoked_at IS NOT NULL ORDER BY revoked_at, id")
                .bind("p", product).bind("v", version)
                .map((rs, c) -> {
                    Map<String, Object> m = json(new SignOff(rs.getString("role"), rs.getString("signed_by"),
                            Instant.parse(rs.getString("signed_at")), rs.getString("plan_hash")), rs.getLong("revision"));
                    m.put("revokedAt", rs.getString("revoked_at"));
                    m.put("revokedBy", rs.getString("revoked_by"));
                    m.put("revokeReason", rs.getString("revoke_reason"));
                    return m;
                }).list());
    }

    /** Where the latest revision's sign-offs stand, with every sign-off on record. */
    public SignOffStatus status(String product, String version) {
        ReleaseStore.Loaded current = releases.latest(product, version);
        List<SignOff> all = db.read(h -> all(h, product, version));
        return SignOffRules.status(current.plan(), current.planHash(), all);
    }

    private static List<SignOff> all(Handle h, String product, String version) {
        return h.createQuery("SELECT role, signed_by, signed_at, plan_hash FROM signoffs WHERE product = :p AND version = :v"
                        + " AND revoked_at IS NULL ORDER BY signed_at, id")
                .bind("p", product).bind("v", version)
                .map((rs, c) -> new SignOff(rs.getString("role"), rs.getString("signed_by"),
                        Instant.parse(rs.getString("signed_at")), rs.getString("plan_hash")))
                .list();
    }

    static Map<String, Object> json(SignOff s, long revision) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", s.role());
        m.put("by", s.by());
        m.put("at", s.at().toString());
        m.put("planHash", s.planHash());
        m.put("revision", revision);
        return m;
    }
}
