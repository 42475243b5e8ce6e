package dev.gantry.server.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.db.Database;
import dev.gantry.server.http.ApiException;
import dev.gantry.server.http.JsonBody;
import dev.gantry.server.release.ReleaseStore;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Deploy and rollback runs reported by the CLI: each stored with the plan revision it ran,
 * numbered from 1 per release, with the whole run log (steps, timings, probe) as JSON. Every
 * report is audited. Thread-safe.
 */
public final class DeployRunStore {
    private final Database db;
    private final AuditLog audit;
    private final ReleaseStore releases;
    private final Clock clock;

    /**
     * @param db the database
     * @param audit the audit log
     * @param releases the releases
     * @param clock the clock
     */
    public DeployRunStore(Database db, AuditLog audit, ReleaseStore releases, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.releases = releases;
        this.clock = clock;
    }

    /**
     * Stores a run log for {@code revision}.
     *
     * @param log the run log as the CLI writes it (kind, steps, succeeded, summary, ...)
     * @return the stored run, as {@link #get} answers it
     */
    public JsonNode record(ReleaseStore.Revision revision, JsonNode log, String reportedBy, String actor) {
        String kind = log.path("kind").asText().toLowerCase(Locale.ROOT);
        boolean succeeded = log.path("succeeded").asBoolean();
        String summary = log.path("summary").asText();
        return db.write(h -> {
            long run = h.createQuery("SELECT COALESCE(MAX(run), 0) FROM deploy_runs WHERE product = :p AND version = :v")
                    .bind("p", revision.product()).bind("v", revision.version()).mapTo(Long.class).one() + 1;
            ObjectNode stored = JsonBody.mapper().createObjectNode();
            stored.put("run", run);
            stored.put("revision", revision.revision());
            stored.put("planHash", "sha256:" + revision.contentHash());
            stored.put("kind", kind);
            stored.put("succeeded", succeeded);
            stored.put("summary", summary);
            stored.put("reportedBy", reportedBy);
            stored.put("reportedAt", clock.instant().toString());
            stored.set("log", log);
            h.createUpdate("INSERT INTO deploy_runs (product, version, run, revision, plan_hash, kind, succeeded, summary,"
                            + " log, reported_at, reported_by) VALUES (:p, :v, :run, :r, :hash, :kind, :ok, :summary,"
                            + " :log, :at, :by)")
                    .bind("p", revision.product()).bind("v", revision.version()).bind("run", run)
                    .bind("r", revision.revision()).bind("hash", "sha256:" + revision.contentHash()).bind("kind", kind)
                    .bind("ok", succeeded).bind("summary", summary).bind("log", write(stored))
                    .bind("at", stored.get("reportedAt").asText()).bind("by", reportedBy).execute();
            ObjectNode auditSummary = stored.deepCopy();
            auditSummary.remove("log");
            audit.append(h, actor, kind + ".run", "release:" + revision.product() + "/" + revision.version(),
                    Optional.empty(), Optional.of(JsonBody.mapper().convertValue(auditSummary, java.util.Map.class)));
            return stored;
        });
    }

    /** Every run without its log, oldest first; 404 for an unknown release. */
    public List<JsonNode> list(String product, String version) {
        releases.revisions(product, version);
        return db.read(h -> h.createQuery("SELECT log FROM deploy_runs WHERE product = :p AND version = :v ORDER BY run")
                .bind("p", product).bind("v", version).mapTo(String.class).list()).stream().map(text -> {
                    ObjectNode node = (ObjectNode) parse(text);
                    node.remove("log");
                    return (JsonNode) node;
                }).toList();
    }

    /** Run {@code run} with its log; 404 when there is none. */
    public JsonNode get(String product, String version, long run) {
        releases.revisions(product, version);
        return db.read(h -> h.createQuery("SELECT log FROM deploy_runs WHERE product = :p AND version = :v AND run = :run")
                .bind("p", product).bind("v", version).bind("run", run).mapTo(String.class).findOne())
                .map(DeployRunStore::parse)
                .orElseThrow(() -> ApiException.notFound("Release " + product + " " + version + " has no run " + run + "."));
    }

    private static String write(JsonNode node) {
        try {
            return JsonBody.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run log did not serialise", e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JsonBody.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored run log does not parse", e);
        }
    }
}
