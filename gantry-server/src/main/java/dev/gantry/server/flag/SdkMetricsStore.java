package dev.gantry.server.flag;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.server.auth.Secrets;
import dev.gantry.server.db.Database;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Evaluation counter batches the SDKs post (docs/sdk-protocol.md), stored as received per
 * environment in table {@code sdk_metric_batches} for the rollout controller to read.
 * Thread-safe.
 */
public final class SdkMetricsStore {
    private final Database db;
    private final Clock clock;

    /**
     * A batch as posted by an SDK. Unknown fields reject the batch (400).
     *
     * @param sdk SDK name and version
     * @param snapshotVersion the version in force
     * @param from period start
     * @param to period end
     * @param variants counts per flag and variant
     * @param errors error counts per flag and code
     */
    public record Batch(String sdk, String snapshotVersion, String from, String to, List<VariantCount> variants,
            List<ErrorCount> errors) {
        /** Requires the period and copies the lists. */
        public Batch {
            if (from == null || to == null) {
                throw new IllegalArgumentException("'from' and 'to' are required.");
            }
            variants = variants == null ? List.of() : List.copyOf(variants);
            errors = errors == null ? List.of() : List.copyOf(errors);
        }
    }

    /**
     * @param flag flag key
     * @param variant variant served; null for events on an unknown flag
     * @param evaluations successful evaluations
     * @param events counts per event name
     */
    public record VariantCount(String flag, String variant, long evaluations, Map<String, Long> events) {
        /** Requires the flag. */
        public VariantCount {
            if (flag == null) {
                throw new IllegalArgumentException("'variants[].flag' is required.");
            }
            events = events == null ? Map.of() : Map.copyOf(events);
        }
    }

    /**
     * @param flag flag key
     * @param errorCode error code
     * @param count how many
     */
    public record ErrorCount(String flag, String errorCode, long count) {}

    /**
     * @param db the database
     * @param clock the time source
     */
    public SdkMetricsStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stores a batch. */
    public void store(String env, String batchJson) {
        db.write(h -> h.createUpdate("INSERT INTO sdk_metric_batches (id, environment, received_at, batch)"
                        + " VALUES (:id, :env, :at, :batch)")
                .bind("id", Secrets.id("mb_")).bind("env", env).bind("at", clock.instant().toString())
                .bind("batch", batchJson).execute());
    }

    /** @return the newest batches of an environment, newest first */
    public List<JsonNode> recent(String env, int limit) {
        return db.read(h -> h.createQuery("SELECT batch FROM sdk_metric_batches WHERE environment = :env"
                        + " ORDER BY received_at DESC, id LIMIT :limit")
                .bind("env", env).bind("limit", limit)
                .map((rs, c) -> FlagJson.parse(rs.getString("batch"))).list());
    }

    /** @return the batches of an environment received at or after {@code from}, oldest first */
    public List<JsonNode> since(String env, java.time.Instant from) {
        return db.read(h -> h.createQuery("SELECT batch FROM sdk_metric_batches WHERE environment = :env"
                        + " AND received_at >= :from ORDER BY received_at, id")
                .bind("env", env).bind("from", from.toString())
                .map((rs, c) -> FlagJson.parse(rs.getString("batch"))).list());
    }
}
