package dev.gantry.server.flag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.flags.Bucketing;
import dev.gantry.flags.Snapshot;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.auth.Principal;
import dev.gantry.server.db.Database;
import dev.gantry.server.http.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * Flags per environment: every change is a new flag version (table {@code flag_versions}), a new
 * snapshot version of the environment, and an audit entry, in one transaction; after commit the
 * new snapshot goes to the {@link SnapshotHub} and from there to every SDK stream. Thread-safe.
 */
public final class FlagService {
    /** The PostgreSQL notification channel on which flag changes fan out to replicas; payload: the environment. */
    public static final String CHANNEL = "gantry_flags";

    private final Database db;
    private final AuditLog audit;
    private final SnapshotHub hub;
    private final Environments environments;
    private final Clock clock;

    /**
     * A flag as stored.
     *
     * @param environment its environment
     * @param key its key
     * @param version its version, from 1, +1 per change
     * @param definition the flag object of docs/flags-format.md
     * @param updatedAt when it last changed
     * @param updatedBy who changed it last
     */
    public record StoredFlag(String environment, String key, long version, JsonNode definition, String updatedAt,
            String updatedBy) {}

    /**
     * One version in a flag's history.
     *
     * @param version the flag version
     * @param action what produced it ({@code flag.put}, {@code flag.kill}, ...)
     * @param definition the flag after it (JSON {@code null} after a delete)
     * @param changedAt when
     * @param changedBy who
     */
    public record FlagVersion(long version, String action, JsonNode definition, String changedAt, String changedBy) {}

    private record Result(Snapshot snapshot, Optional<StoredFlag> flag, boolean created, boolean changed) {}

    /** What a change is to: a flag or a segment, each with its own tables and audit names. */
    enum Kind {
        FLAG("flags", "flag_versions", "flag_key", "flag"),
        SEGMENT("segments", "segment_versions", "segment_key", "segment");

        final String table;
        final String versions;
        final String keyColumn;
        final String noun;

        Kind(String table, String versions, String keyColumn, String noun) {
            this.table = table;
            this.versions = versions;
            this.keyColumn = keyColumn;
            this.noun = noun;
        }

        ApiException notFound(String env, String key) {
            return ApiException.notFound("No " + noun + " '" + key + "' in " + env + ".");
        }
    }

    /**
     * @param db the database
     * @param audit the audit log
     * @param hub where snapshots go after each change
     * @param environments the known environments
     * @param clock the time source
     */
    public FlagService(Database db, AuditLog audit, SnapshotHub hub, Environments environments, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.hub = hub;
        this.environments = environments;
        this.clock = clock;
    }

    /** Loads every environment's snapshot from the database into the hub. */
    public void loadAll() {
        for (String env : environments.names()) {
            hub.load(env, db.read(h -> snapshot(h, env)));
        }
    }

    /**
     * Reloads one environment from the database and publishes it when newer (replica fan-out);
     * an environment created on another replica is picked up here.
     */
    public void reload(String env) {
        if (environments.known(env)) {
            hub.publish(env, db.read(h -> snapshot(h, env)));
        }
    }

    /** Reloads every environment (after a lost change listener). */
    public void reloadAll() {
        environments.refresh();
        environments.names().forEach(this::reload);
    }

    private Snapshot snapshot(Handle h, String env) {
        long version = envVersion(h, env);
        return FlagJson.snapshot(Long.toString(version), definitions(rows(h, env, Kind.FLAG)),
                definitions(rows(h, env, Kind.SEGMENT)), "The flags");
    }

    private static List<JsonNode> definitions(List<StoredFlag> rows) {
        return rows.stream().map(StoredFlag::definition).toList();
    }

    private static long envVersion(Handle h, String env) {
        return h.createQuery("SELECT snapshot_version FROM environments WHERE name = :env").bind("env", env)
                .mapTo(Long.class).one();
    }

    private static List<StoredFlag> rows(Handle h, String env, Kind kind) {
        return h.createQuery("SELECT * FROM " + kind.table + " WHERE environment = :env ORDER BY " + kind.keyColumn)
                .bind("env", env)
                .map((rs, c) -> new StoredFlag(rs.getString("environment"), rs.getString(kind.keyColumn), rs.getLong("version"),
                        FlagJson.parse(rs.getString("definition")), rs.getString("updated_at"), rs.getString("updated_by")))
                .list();
    }

    /** @return the flags of an environment, by key */
    public List<StoredFlag> list(String env) {
        return list(env, Kind.FLAG);
    }

    /** @return the segments of an environment, by key (as {@link StoredFlag}s holding segment objects) */
    public List<StoredFlag> segments(String env) {
        return list(env, Kind.SEGMENT);
    }

    private List<StoredFlag> list(String env, Kind kind) {
        environments.require(env);
        return db.read(h -> rows(h, env, kind));
    }

    /** @return one flag, 404 when absent */
    public StoredFlag get(String env, String key) {
        return get(env, key, Kind.FLAG);
    }

    /** @return one segment, 404 when absent */
    public StoredFlag segment(String env, String key) {
        return get(env, key, Kind.SEGMENT);
    }

    private StoredFlag get(String env, String key, Kind kind) {
        return list(env, kind).stream().filter(f -> f.key().equals(key)).findFirst()
                .orElseThrow(() -> kind.notFound(env, key));
    }

    /** @return the history of a flag, oldest first */
    public List<FlagVersion> versions(String env, String key) {
        return versions(env, key, Kind.FLAG);
    }

    /** @return the history of a segment, oldest first */
    public List<FlagVersion> segmentVersions(String env, String key) {
        return versions(env, key, Kind.SEGMENT);
    }

    private List<FlagVersion> versions(String env, String key, Kind kind) {
        environments.require(env);
        List<FlagVersion> v = db.read(h -> h.createQuery("SELECT * FROM " + kind.versions
                        + " WHERE environment = :env AND " + kind.keyColumn + " = :key ORDER BY version")
                .bind("env", env).bind("key", key)
                .map((rs, c) -> new FlagVersion(rs.getLong("version"), rs.getString("action"),
                        FlagJson.parse(rs.getString("definition")), rs.getString("changed_at"), rs.getString("changed_by")))
                .list());
        if (v.isEmpty()) {
            throw kind.notFound(env, key);
        }
        return v;
    }

    /**
     * Creates or replaces a flag.
     *
     * @param definition the flag object; its {@code key}, when given, must equal {@code key}
     * @return the stored flag and whether it was created
     */
    public Put put(Principal by, String env, String key, JsonNode definition) {
        if (!(definition instanceof ObjectNode obj)) {
            throw ApiException.badRequest("The body must be a flag object (docs/flags-format.md).");
        }
        ObjectNode def = obj.deepCopy();
        if (def.has("key") && !key.equals(def.get("key").asText())) {
            throw ApiException.badRequest("The body's key '" + def.get("key").asText() + "' differs from the URL's '" + key + "'.")
                    .with("field", "key");
        }
        def.put("key", key);
        Result r = mutate(by, Kind.FLAG, env, key, "flag.put", before -> Optional.of(def));
        return new Put(r.flag().orElseThrow(), r.created());
    }

    /**
     * Creates a flag only when no flag with its key exists in {@code env} (a plan push declaring
     * flags); an existing flag is left exactly as it is.
     *
     * @return whether it was created
     */
    public boolean createIfAbsent(Principal by, String env, String key, JsonNode definition) {
        ObjectNode def = ((ObjectNode) definition).deepCopy().put("key", key);
        return mutate(by, Kind.FLAG, env, key, "flag.create", before -> before.isPresent() ? before : Optional.of(def))
                .created();
    }

    /**
     * Creates or replaces a segment (docs/flags-format.md, "Segment").
     *
     * @param definition the segment object; its {@code key}, when given, must equal {@code key}
     * @return the stored segment and whether it was created
     */
    public Put putSegment(Principal by, String env, String key, JsonNode definition) {
        if (!(definition instanceof ObjectNode obj)) {
            throw ApiException.badRequest("The body must be a segment object (docs/flags-format.md).");
        }
        ObjectNode def = obj.deepCopy();
        if (def.has("key") && !key.equals(def.get("key").asText())) {
            throw ApiException.badRequest("The body's key '" + def.get("key").asText() + "' differs from the URL's '" + key + "'.")
                    .with("field", "key");
        }
        def.put("key", key);
        Result r = mutate(by, Kind.SEGMENT, env, key, "segment.put", before -> Optional.of(def));
        return new Put(r.flag().orElseThrow(), r.created());
    }

    /** Deletes a segment; refused (422) while a flag's clause still names it. */
    public void deleteSegment(Principal by, String env, String key) {
        mutate(by, Kind.SEGMENT, env, key, "segment.delete", before -> {
            before.orElseThrow(() -> Kind.SEGMENT.notFound(env, key));
            return Optional.empty();
        });
    }

    /**
     * @param flag the stored flag
     * @param created whether it did not exist before
     */
    public record Put(StoredFlag flag, boolean created) {}

    /** Turns targeting on or off. */
    public StoredFlag toggle(Principal by, String env, String key, boolean on) {
        return mutate(by, Kind.FLAG, env, key, on ? "flag.on" : "flag.off", before -> Optional.of(existing(before, env, key).put("on", on)))
                .flag().orElseThrow();
    }

    /** Kills a flag: targeting off, so everybody gets its off variation. */
    public StoredFlag kill(Principal by, String env, String key) {
        return mutate(by, Kind.FLAG, env, key, "flag.kill", before -> Optional.of(existing(before, env, key).put("on", false)))
                .flag().orElseThrow();
    }

    /**
     * Sets the fallthrough to a split giving {@code percent} of units {@code variation} and the rest
     * the off variation.
     *
     * @param variation the variation rolled out; for boolean flags by default the one whose value is true
     */
    public StoredFlag rollout(Principal by, String env, String key, double percent, Optional<String> variation) {
        if (!(percent >= 0 && percent <= 100)) {
            throw ApiException.badRequest("'percent' must be between 0 and 100.").with("field", "percent");
        }
        return mutate(by, Kind.FLAG, env, key, "flag.rollout", before -> {
            ObjectNode def = existing(before, env, key);
            String off = def.path("offVariation").asText();
            String on = variation.orElseGet(() -> trueVariation(def).orElseThrow(() -> ApiException.unprocessable(
                    "Flag '" + key + "' has no variation with value true; name the variation to roll out.")
                    .with("field", "variation")));
            if (on.equals(off)) {
                throw ApiException.unprocessable("The rolled-out variation '" + on + "' is the off variation;"
                        + " roll out another one.").with("field", "variation");
            }
            int weight = (int) Math.round(percent * Bucketing.SCALE / 100.0);
            ObjectNode fallthrough = FlagJson.MAPPER.createObjectNode();
            ArrayNode split = fallthrough.putArray("split");
            split.addObject().put("variation", on).put("weight", weight);
            split.addObject().put("variation", off).put("weight", Bucketing.SCALE - weight);
            def.set("fallthrough", fallthrough);
            return Optional.of(def);
        }).flag().orElseThrow();
    }

    /** Deletes a flag; SDKs then answer FLAG_NOT_FOUND for it. */
    public void delete(Principal by, String env, String key) {
        mutate(by, Kind.FLAG, env, key, "flag.delete", before -> {
            existing(before, env, key);
            return Optional.empty();
        });
    }

    private static Optional<String> trueVariation(ObjectNode def) {
        for (JsonNode v : def.path("variations")) {
            if (v.path("value").isBoolean() && v.path("value").booleanValue()) {
                return Optional.of(v.path("name").asText());
            }
        }
        return Optional.empty();
    }

    private static ObjectNode existing(Optional<JsonNode> before, String env, String key) {
        return (ObjectNode) before.orElseThrow(() -> ApiException.notFound("No flag '" + key + "' in " + env + ".")).deepCopy();
    }

    private Result mutate(Principal by, Kind kind, String env, String key, String action,
            Function<Optional<JsonNode>, Optional<JsonNode>> change) {
        environments.require(env);
        Result result = db.write(h -> {
            long next = envVersion(h, env) + 1;
            List<StoredFlag> rows = rows(h, env, kind);
            List<JsonNode> others = definitions(rows(h, env, kind == Kind.FLAG ? Kind.SEGMENT : Kind.FLAG));
            Optional<StoredFlag> beforeRow = rows.stream().filter(f -> f.key().equals(key)).findFirst();
            Optional<JsonNode> before = beforeRow.map(StoredFlag::definition);
            Optional<JsonNode> after = change.apply(before);
            if (after.isPresent() && before.isPresent() && after.get() == before.get()) {
                return new Result(hub.current(env), beforeRow, false, false); // nothing to change
            }
            List<JsonNode> defs = new ArrayList<>();
            after.ifPresent(defs::add);
            rows.stream().filter(f -> !f.key().equals(key)).map(StoredFlag::definition).forEach(defs::add);
            String label = kind == Kind.FLAG ? "The flag" : "The segment change";
            snapshotOf(kind, next, defs, others, label); // validates, the changed one first so errors name [0]
            defs.sort(Comparator.comparing(d -> d.path("key").asText()));
            Snapshot snapshot = snapshotOf(kind, next, defs, others, label);
            Optional<JsonNode> canonical = after.flatMap(a -> FlagJson.definitions(snapshot, kind == Kind.FLAG ? "flags" : "segments")
                    .stream().filter(d -> d.path("key").asText().equals(key)).findFirst());
            long version = h.createQuery("SELECT COALESCE(MAX(version), 0) FROM " + kind.versions
                            + " WHERE environment = :env AND " + kind.keyColumn + " = :key")
                    .bind("env", env).bind("key", key).mapTo(Long.class).one() + 1;
            String now = clock.instant().toString();
            String definitionText = canonical.map(FlagService::text).orElse("null");
            if (canonical.isPresent()) {
                h.createUpdate("INSERT INTO " + kind.table + " (environment, " + kind.keyColumn
                                + ", version, definition, updated_at, updated_by)"
                                + " VALUES (:env, :key, :v, :def, :at, :by)"
                                + " ON CONFLICT (environment, " + kind.keyColumn + ") DO UPDATE SET version = excluded.version,"
                                + " definition = excluded.definition, updated_at = excluded.updated_at,"
                                + " updated_by = excluded.updated_by")
                        .bind("env", env).bind("key", key).bind("v", version).bind("def", definitionText)
                        .bind("at", now).bind("by", by.actor()).execute();
            } else {
                h.createUpdate("DELETE FROM " + kind.table + " WHERE environment = :env AND " + kind.keyColumn + " = :key")
                        .bind("env", env).bind("key", key).execute();
            }
            h.createUpdate("INSERT INTO " + kind.versions + " (environment, " + kind.keyColumn
                            + ", version, action, definition, changed_at, changed_by)"
                            + " VALUES (:env, :key, :v, :action, :def, :at, :by)")
                    .bind("env", env).bind("key", key).bind("v", version).bind("action", action)
                    .bind("def", definitionText).bind("at", now).bind("by", by.actor()).execute();
            h.createUpdate("UPDATE environments SET snapshot_version = :v WHERE name = :env")
                    .bind("v", next).bind("env", env).execute();
            audit.append(h, by.actor(), action, kind.noun + ":" + env + "/" + key, before, canonical);
            db.notifyOnCommit(h, CHANNEL, env);
            return new Result(snapshot, canonical.map(c -> new StoredFlag(env, key, version, c, now, by.actor())),
                    beforeRow.isEmpty(), true);
        });
        if (result.changed()) {
            hub.publish(env, result.snapshot());
        }
        return result;
    }

    private static Snapshot snapshotOf(Kind kind, long version, List<JsonNode> changed, List<JsonNode> others, String label) {
        return kind == Kind.FLAG
                ? FlagJson.snapshot(Long.toString(version), changed, others, label)
                : FlagJson.snapshot(Long.toString(version), others, changed, label);
    }

    private static String text(JsonNode node) {
        try {
            return FlagJson.MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
