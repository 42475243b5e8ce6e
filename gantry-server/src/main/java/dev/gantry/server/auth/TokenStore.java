package dev.gantry.server.auth;

import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.db.Database;
import dev.gantry.server.http.ApiException;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * API tokens in table {@code api_tokens}: only the SHA-256 of each token is stored; the token is
 * returned once, at creation. Thread-safe.
 */
public final class TokenStore {
    /** Prefix of API tokens, so a leaked one is recognisable by secret scanners. */
    public static final String PREFIX = "gat_";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TokenStore.class);

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;

    /**
     * A token's public description.
     *
     * @param id public id
     * @param name what it is for
     * @param scopes granted scopes
     * @param createdAt when
     * @param createdBy which actor created it
     * @param revokedAt when revoked, if
     */
    public record TokenInfo(String id, String name, List<String> scopes, String createdAt, String createdBy,
            Optional<String> revokedAt) {}

    /**
     * A new token: the only time the secret is available.
     *
     * @param info its description
     * @param token the secret
     */
    public record Created(TokenInfo info, String token) {
        @Override
        public String toString() {
            return "Created[" + info + ", token=***]";
        }
    }

    /**
     * @param db the database
     * @param audit the audit log
     * @param clock the time source
     */
    public TokenStore(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Makes sure an admin can log in. With {@code configured} (GANTRY_ADMIN_TOKEN), that token is
     * registered as an admin token if it is not yet. Otherwise, when no token exists at all, a new
     * admin token is created and returned so the caller prints it once.
     *
     * @return the generated token, only when one was generated now
     */
    public Optional<String> bootstrap(Optional<String> configured) {
        if (configured.isPresent()) {
            String hash = Secrets.sha256(configured.get());
            db.write(h -> {
                Optional<Optional<String>> row = h.createQuery("SELECT revoked_at FROM api_tokens WHERE token_hash = :h")
                        .bind("h", hash).map((rs, c) -> Optional.ofNullable(rs.getString(1))).findOne();
                if (row.isEmpty()) {
                    insert(h, "admin (GANTRY_ADMIN_TOKEN)", hash, EnumSet.of(Scope.ADMIN), "system");
                } else if (row.get().isPresent()) {
                    LOG.warn("GANTRY_ADMIN_TOKEN names a token that was revoked; it stays revoked. Set a new one.");
                }
                return null;
            });
            return Optional.empty();
        }
        return db.write(h -> {
            long count = h.createQuery("SELECT COUNT(*) FROM api_tokens").mapTo(Long.class).one();
            if (count > 0) {
                return Optional.<String>empty();
            }
            String token = Secrets.generate(PREFIX);
            insert(h, "bootstrap admin", Secrets.sha256(token), EnumSet.of(Scope.ADMIN), "system");
            return Optional.of(token);
        });
    }

    /**
     * Creates a token with {@code scopes}, which the creator must hold (admin holds all).
     *
     * @throws ApiException 403 when a scope exceeds the creator's
     */
    public Created create(Principal creator, String name, Set<Scope> scopes) {
        for (Scope s : scopes) {
            if (!creator.has(s)) {
                throw ApiException.forbidden("A token cannot create a token with the '" + s.wire()
                        + "' scope, which it lacks.");
            }
        }
        String token = Secrets.generate(PREFIX);
        TokenInfo info = db.write(h -> insert(h, name, Secrets.sha256(token), scopes, creator.actor()));
        return new Created(info, token);
    }

    private TokenInfo insert(org.jdbi.v3.core.Handle h, String name, String hash, Set<Scope> scopes, String actor) {
        String id = Secrets.id("tok_");
        String now = clock.instant().toString();
        String scopeText = scopes.stream().sorted().map(Scope::wire).collect(Collectors.joining(","));
        h.createUpdate("INSERT INTO api_tokens (id, name, token_hash, scopes, created_at, created_by)"
                        + " VALUES (:id, :name, :hash, :scopes, :at, :by)")
                .bind("id", id).bind("name", name).bind("hash", hash).bind("scopes", scopeText)
                .bind("at", now).bind("by", actor).execute();
        TokenInfo info = new TokenInfo(id, name, List.of(scopeText.split(",")), now, actor, Optional.empty());
        audit.append(h, actor, "token.create", "token:" + id, Optional.empty(), Optional.of(info));
        return info;
    }

    /** @return every token's description, newest first */
    public List<TokenInfo> list() {
        return db.read(h -> h.createQuery("SELECT * FROM api_tokens ORDER BY created_at DESC, id")
                .map((rs, c) -> new TokenInfo(rs.getString("id"), rs.getString("name"),
                        List.of(rs.getString("scopes").split(",")), rs.getString("created_at"),
                        rs.getString("created_by"), Optional.ofNullable(rs.getString("revoked_at"))))
                .list());
    }

    /**
     * Revokes a token; it stops working at once.
     *
     * @throws ApiException 404 when there is no such active token
     */
    public void revoke(Principal by, String id) {
        db.write(h -> {
            Optional<TokenInfo> before = list(h, id);
            if (before.isEmpty() || before.get().revokedAt().isPresent()) {
                throw ApiException.notFound("No active token with id " + id + ".");
            }
            String now = clock.instant().toString();
            h.createUpdate("UPDATE api_tokens SET revoked_at = :now WHERE id = :id").bind("now", now).bind("id", id).execute();
            TokenInfo b = before.get();
            TokenInfo after = new TokenInfo(b.id(), b.name(), b.scopes(), b.createdAt(), b.createdBy(), Optional.of(now));
            audit.append(h, by.actor(), "token.revoke", "token:" + id, before, Optional.of(after));
            return null;
        });
    }

    private static Optional<TokenInfo> list(org.jdbi.v3.core.Handle h, String id) {
        return h.createQuery("SELECT * FROM api_tokens WHERE id = :id").bind("id", id)
                .map((rs, c) -> new TokenInfo(rs.getString("id"), rs.getString("name"),
                        List.of(rs.getString("scopes").split(",")), rs.getString("created_at"),
                        rs.getString("created_by"), Optional.ofNullable(rs.getString("revoked_at"))))
                .findOne();
    }

    /** @return the principal of an active token */
    public Optional<Principal> authenticate(String token) {
        if (!token.startsWith(PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(token);
        Map<String, Object> row = db.read(h -> h.createQuery(
                        "SELECT id, name, scopes, token_hash FROM api_tokens WHERE token_hash = :h AND revoked_at IS NULL")
                .bind("h", hash).mapToMap().findOne().orElse(Map.of()));
        if (row.isEmpty() || !Secrets.sameDigest(hash, String.valueOf(row.get("token_hash")))) {
            return Optional.empty();
        }
        Set<Scope> scopes = Arrays.stream(String.valueOf(row.get("scopes")).split(","))
                .map(Scope::parse).collect(Collectors.toCollection(() -> EnumSet.noneOf(Scope.class)));
        return Optional.of(new Principal(String.valueOf(row.get("id")), String.valueOf(row.get("name")), scopes));
    }

    static Map<String, Object> describe(TokenInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", info.id());
        m.put("name", info.name());
        m.put("scopes", info.scopes());
        return m;
    }
}
