package dev.gantry.server.auth;

import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.db.Database;
import dev.gantry.server.http.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SDK keys in table {@code sdk_keys}: one environment each, read-only flag access plus metrics.
 * Stored hashed like API tokens. Known keys are cached in memory so SDKs keep authenticating
 * while the database is down. Thread-safe.
 */
public final class SdkKeyStore {
    /** Prefix of SDK keys. */
    public static final String PREFIX = "gsk_";

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;
    private final ConcurrentHashMap<String, KeyInfo> byHash = new ConcurrentHashMap<>();

    /**
     * @param id public id
     * @param environment the environment it reads
     * @param createdAt when
     * @param createdBy which actor
     */
    public record KeyInfo(String id, String environment, String createdAt, String createdBy) {}

    /**
     * @param info the key's description
     * @param key the secret, shown once
     */
    public record Created(KeyInfo info, String key) {
        @Override
        public String toString() {
            return "Created[" + info + ", key=***]";
        }
    }

    /**
     * @param db the database
     * @param audit the audit log
     * @param clock the time source
     */
    public SdkKeyStore(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        db.read(h -> h.createQuery("SELECT * FROM sdk_keys WHERE revoked_at IS NULL")
                .map((rs, c) -> {
                    byHash.put(rs.getString("key_hash"), new KeyInfo(rs.getString("id"), rs.getString("environment"),
                            rs.getString("created_at"), rs.getString("created_by")));
                    return 0;
                }).list());
    }

    /** Creates a key for {@code environment}. */
    public Created create(Principal by, String environment) {
        String key = Secrets.generate(PREFIX);
        String hash = Secrets.sha256(key);
        KeyInfo info = new KeyInfo(Secrets.id("sdk_"), environment, clock.instant().toString(), by.actor());
        db.write(h -> {
            h.createUpdate("INSERT INTO sdk_keys (id, environment, key_hash, created_at, created_by)"
                            + " VALUES (:id, :env, :hash, :at, :by)")
                    .bind("id", info.id()).bind("env", environment).bind("hash", hash)
                    .bind("at", info.createdAt()).bind("by", info.createdBy()).execute();
            audit.append(h, by.actor(), "sdk-key.create", "sdk-key:" + info.id(), Optional.empty(), Optional.of(info));
            return null;
        });
        byHash.put(hash, info);
        return new Created(info, key);
    }

    /** @return active keys of an environment */
    public List<KeyInfo> list(String environment) {
        return db.read(h -> h.createQuery("SELECT * FROM sdk_keys WHERE environment = :env AND revoked_at IS NULL ORDER BY created_at")
                .bind("env", environment)
                .map((rs, c) -> new KeyInfo(rs.getString("id"), rs.getString("environment"), rs.getString("created_at"),
                        rs.getString("created_by")))
                .list());
    }

    /** Revokes a key. @throws ApiException 404 when unknown */
    public void revoke(Principal by, String id) {
        db.write(h -> {
            Optional<KeyInfo> before = h.createQuery("SELECT * FROM sdk_keys WHERE id = :id AND revoked_at IS NULL")
                    .bind("id", id)
                    .map((rs, c) -> new KeyInfo(rs.getString("id"), rs.getString("environment"),
                            rs.getString("created_at"), rs.getString("created_by")))
                    .findOne();
            if (before.isEmpty()) {
                throw ApiException.notFound("No active SDK key with id " + id + ".");
            }
            h.createUpdate("UPDATE sdk_keys SET revoked_at = :now WHERE id = :id")
                    .bind("now", clock.instant().toString()).bind("id", id).execute();
            audit.append(h, by.actor(), "sdk-key.revoke", "sdk-key:" + id, before, Optional.empty());
            return null;
        });
        byHash.values().removeIf(k -> k.id().equals(id));
    }

    /**
     * @return whether the key with this id is still active as far as this replica knows (a key
     *     revoked here stops at once; one revoked on another replica when it is next looked up)
     */
    public boolean active(String id) {
        return byHash.values().stream().anyMatch(k -> k.id().equals(id));
    }

    /** @return the key's description when {@code key} is an active SDK key */
    public Optional<KeyInfo> authenticate(String key) {
        if (!key.startsWith(PREFIX) || key.length() > 200) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(key);
        KeyInfo cached = byHash.get(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<KeyInfo> found = db.read(h -> h.createQuery("SELECT * FROM sdk_keys WHERE key_hash = :h AND revoked_at IS NULL")
                .bind("h", hash)
                .map((rs, c) -> new KeyInfo(rs.getString("id"), rs.getString("environment"), rs.getString("created_at"),
                        rs.getString("created_by")))
                .findOne());
        found.ifPresent(k -> byHash.put(hash, k));
        return found;
    }
}
