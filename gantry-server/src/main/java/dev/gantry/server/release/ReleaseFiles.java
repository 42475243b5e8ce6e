package dev.gantry.server.release;

import dev.gantry.plan.Communication;
import dev.gantry.plan.LoadResult;
import dev.gantry.plan.PlanLoader;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.auth.Secrets;
import dev.gantry.server.db.Database;
import dev.gantry.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Files a push attaches to a revision: only the communication templates its plan references
 * (the server never reads files by itself). A push with an unchanged plan replaces the latest
 * revision's files, so a reworded template reaches the server without a plan change; drafts are
 * rendered again and an approval of the old text no longer counts. Thread-safe.
 */
public final class ReleaseFiles {
    private static final int MAX_FILE_BYTES = 256 * 1024;

    private final Database db;
    private final AuditLog audit;

    /**
     * @param db the database
     * @param audit the audit log
     */
    public ReleaseFiles(Database db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    private static Set<String> attachable(ReleasePlan plan) {
        return plan.communications().stream().map(Communication::template).flatMap(Optional::stream)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /**
     * Refuses files the plan does not reference, before anything is stored.
     *
     * @throws ApiException 422 naming the file
     */
    static void check(String source, String planText, Map<String, String> files) {
        if (files.isEmpty() || !(PlanLoader.loadWithoutFiles(source, planText) instanceof LoadResult.Valid valid)) {
            return; // an invalid plan is refused by the push, with its problems
        }
        Set<String> allowed = attachable(valid.plan());
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (!allowed.contains(f.getKey())) {
                throw ApiException.unprocessable("File '" + f.getKey() + "' is not a template of the plan's communications"
                        + (allowed.isEmpty() ? "; the plan references none." : "; it references " + String.join(", ", allowed) + "."))
                        .with("field", "files");
            }
            if (f.getValue() == null || f.getValue().getBytes(StandardCharsets.UTF_8).length > MAX_FILE_BYTES) {
                throw ApiException.unprocessable("File '" + f.getKey() + "' is missing its text or is larger than "
                        + MAX_FILE_BYTES + " bytes.").with("field", "files");
            }
        }
    }

    /** Stores {@code files} as the files of a revision, replacing what it had; audited when they changed. */
    void attach(String actor, ReleaseStore.Revision revision, Map<String, String> files) {
        db.write(h -> {
            Map<String, String> before = files(h, revision.product(), revision.version(), revision.revision());
            if (before.equals(new TreeMap<>(files))) {
                return null;
            }
            h.createUpdate("DELETE FROM release_files WHERE product = :p AND version = :v AND revision = :r")
                    .bind("p", revision.product()).bind("v", revision.version()).bind("r", revision.revision()).execute();
            for (Map.Entry<String, String> f : files.entrySet()) {
                h.createUpdate("INSERT INTO release_files (product, version, revision, path, content)"
                                + " VALUES (:p, :v, :r, :path, :c)")
                        .bind("p", revision.product()).bind("v", revision.version()).bind("r", revision.revision())
                        .bind("path", f.getKey()).bind("c", f.getValue()).execute();
            }
            audit.append(h, actor, "release.files", "release:" + revision.product() + "/" + revision.version(),
                    Optional.of(hashes(before)), Optional.of(Map.of("revision", revision.revision(),
                            "files", hashes(files))));
            return null;
        });
    }

    private static Map<String, String> hashes(Map<String, String> files) {
        Map<String, String> m = new LinkedHashMap<>();
        new TreeMap<>(files).forEach((k, v) -> m.put(k, "sha256:" + Secrets.sha256(v.getBytes(StandardCharsets.UTF_8))));
        return m;
    }

    /** @return the files attached to a revision, by path */
    public Map<String, String> files(String product, String version, long revision) {
        return db.read(h -> files(h, product, version, revision));
    }

    private static Map<String, String> files(org.jdbi.v3.core.Handle h, String product, String version, long revision) {
        Map<String, String> out = new TreeMap<>();
        h.createQuery("SELECT path, content FROM release_files WHERE product = :p AND version = :v AND revision = :r")
                .bind("p", product).bind("v", version).bind("r", revision)
                .map((rs, c) -> Map.entry(rs.getString("path"), rs.getString("content")))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** @return the paths of a list, for responses */
    static List<String> paths(Map<String, String> files) {
        return List.copyOf(new TreeMap<>(files).keySet());
    }
}
