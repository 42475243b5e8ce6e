package dev.gantry.server.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.gantry.gate.CheckStatus;
import dev.gantry.gate.GateReport;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.db.Database;
import dev.gantry.server.http.ApiException;
import dev.gantry.server.http.JsonBody;
import dev.gantry.server.release.ReleaseStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Gate runs of releases: each stored with its revision, the revision's plan hash, where it ran
 * ({@code cli} or {@code server}), the verdict and the whole report as JSON. Runs are numbered
 * from 1 per release. Thread-safe.
 */
public final class GateRunStore {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private final Database db;
    private final AuditLog audit;
    private final ReleaseStore releases;

    /** Where a run happened. */
    public enum Origin {
        /** Posted by {@code gantry gate run --report}. */
        CLI,
        /** Run by the server itself. */
        SERVER;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param db the database
     * @param audit the audit log
     * @param releases the releases
     */
    public GateRunStore(Database db, AuditLog audit, ReleaseStore releases) {
        this.db = db;
        this.audit = audit;
        this.releases = releases;
    }

    /** Stores a run and answers it as {@link #json} does. */
    public Map<String, Object> record(ReleaseStore.Revision revision, Origin origin, GateReport report, String ranBy,
            String actor) {
        return db.write(h -> {
            long run = h.createQuery("SELECT COALESCE(MAX(run), 0) FROM gate_runs WHERE product = :p AND version = :v")
                    .bind("p", revision.product()).bind("v", revision.version()).mapTo(Long.class).one() + 1;
            Map<String, Object> body = json(run, revision, origin, report, ranBy);
            String text;
            try {
                text = JsonBody.mapper().writeValueAsString(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a gate report did not serialise", e);
            }
            h.createUpdate("INSERT INTO gate_runs (product, version, run, revision, plan_hash, origin, verdict, report,"
                            + " ran_at, ran_by) VALUES (:p, :v, :run, :r, :hash, :origin, :verdict, :report, :at, :by)")
                    .bind("p", revision.product()).bind("v", revision.version()).bind("run", run)
                    .bind("r", revision.revision()).bind("hash", "sha256:" + revision.contentHash())
                    .bind("origin", origin.wire()).bind("verdict", report.verdict().name()).bind("report", text)
                    .bind("at", report.decidedAt().toString()).bind("by", ranBy).execute();
            Map<String, Object> summary = new LinkedHashMap<>(body);
            summary.remove("items");
            audit.append(h, actor, "gate.run", "release:" + revision.product() + "/" + revision.version(),
                    Optional.empty(), Optional.of(summary));
            return body;
        });
    }

    /** @return every run's summary (no items), oldest first; 404 for an unknown release */
    public List<Map<String, Object>> list(String product, String version) {
        releases.revisions(product, version);
        return db.read(h -> h.createQuery("SELECT report FROM gate_runs WHERE product = :p AND version = :v ORDER BY run")
                .bind("p", product).bind("v", version).mapTo(String.class).list()).stream().map(text -> {
                    Map<String, Object> m = parse(text);
                    m.remove("items");
                    return m;
                }).toList();
    }

    /** @return the latest run with every item; 404 when there is none */
    public Map<String, Object> latest(String product, String version) {
        releases.revisions(product, version);
        return db.read(h -> h.createQuery("SELECT report FROM gate_runs WHERE product = :p AND version = :v"
                        + " ORDER BY run DESC LIMIT 1")
                .bind("p", product).bind("v", version).mapTo(String.class).findOne())
                .map(GateRunStore::parse)
                .orElseThrow(() -> ApiException.notFound("Release " + product + " " + version + " has no gate run yet."));
    }

    private static Map<String, Object> parse(String text) {
        try {
            return new LinkedHashMap<>(JsonBody.mapper().readValue(text, MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored gate report does not parse", e);
        }
    }

    /** A run as the API shows it. */
    static Map<String, Object> json(long run, ReleaseStore.Revision revision, Origin origin, GateReport report, String ranBy) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("run", run);
        root.put("revision", revision.revision());
        root.put("planHash", "sha256:" + revision.contentHash());
        root.put("origin", origin.wire());
        root.put("ranBy", ranBy);
        Map<String, Object> fields = dev.gantry.gate.GateReportJson.fields(report);
        root.putAll(fields);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (CheckStatus status : CheckStatus.values()) {
            counts.put(status.name(), report.count(status));
        }
        root.put("counts", counts);
        return root;
    }
}
