package dev.gantry.server.release;

import dev.gantry.overview.ReleaseOverview;
import dev.gantry.plan.LoadResult;
import dev.gantry.plan.PlanLoader;
import dev.gantry.plan.Problem;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.auth.Secrets;
import dev.gantry.server.db.Database;
import dev.gantry.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Release plans pushed to the server: each push of changed content is a new revision of the
 * release (product and version from the plan) with the SHA-256 of the plan's bytes. Plans are
 * validated like {@code gantry check} does, except that referenced files are not checked (the
 * server receives only the plan). Thread-safe.
 */
public final class ReleaseStore {
    private final Database db;
    private final AuditLog audit;
    private final Clock clock;
    /**
     * Parsed plans by source and content hash. A revision never changes, and the leader's tasks
     * (rollouts, communications, post-launch) load the same revisions every second.
     */
    private final Map<String, ReleasePlan> parsed = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ReleasePlan> eldest) {
                    return size() > 64;
                }
            });

    /**
     * A stored revision.
     *
     * @param product the plan's product
     * @param version the plan's release version
     * @param revision from 1
     * @param contentHash SHA-256 of the plan's UTF-8 bytes, hex
     * @param source the file name the plan was pushed as
     * @param pushedAt when
     * @param pushedBy who
     */
    public record Revision(String product, String version, long revision, String contentHash, String source,
            String pushedAt, String pushedBy) {}

    /**
     * @param revision the revision in force after the push
     * @param created whether the push made a new revision (false: same content as the latest)
     */
    public record Pushed(Revision revision, boolean created) {}

    /**
     * @param db the database
     * @param audit the audit log
     * @param clock the time source
     */
    public ReleaseStore(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Validates and stores a plan.
     *
     * @throws ApiException 422 with a {@code problems} member listing every problem
     */
    public Pushed push(String actor, String source, String text) {
        LoadResult result = PlanLoader.loadWithoutFiles(source, text);
        if (result instanceof LoadResult.Invalid invalid) {
            throw invalid(invalid.problems());
        }
        ReleasePlan plan = ((LoadResult.Valid) result).plan();
        String product = plan.release().product();
        String version = plan.release().version();
        String hash = Secrets.sha256(text.getBytes(StandardCharsets.UTF_8));
        return db.write(h -> {
            Optional<Revision> latest = latest(h, product, version);
            if (latest.isPresent() && latest.get().contentHash().equals(hash)) {
                return new Pushed(latest.get(), false);
            }
            long next = latest.map(Revision::revision).orElse(0L) + 1;
            Revision rev = new Revision(product, version, next, hash, source, clock.instant().toString(), actor);
            h.createUpdate("INSERT INTO release_revisions (product, version, revision, content_hash, source, plan_text,"
                            + " pushed_at, pushed_by) VALUES (:p, :v, :r, :hash, :src, :text, :at, :by)")
                    .bind("p", product).bind("v", version).bind("r", next).bind("hash", hash).bind("src", source)
                    .bind("text", text).bind("at", rev.pushedAt()).bind("by", actor).execute();
            audit.append(h, actor, "release.push", "release:" + product + "/" + version,
                    latest, Optional.of(rev));
            return new Pushed(rev, true);
        });
    }

    static ApiException invalid(List<Problem> problems) {
        List<Map<String, Object>> list = problems.stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", p.source());
            m.put("line", p.line());
            m.put("column", p.column());
            m.put("message", p.message());
            m.put("fix", p.fix());
            m.put("formatted", p.format());
            return m;
        }).toList();
        return ApiException.unprocessable("The plan has " + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "; see 'problems'.").with("problems", list);
    }

    private static Optional<Revision> latest(org.jdbi.v3.core.Handle h, String product, String version) {
        return h.createQuery("SELECT * FROM release_revisions WHERE product = :p AND version = :v ORDER BY revision DESC LIMIT 1")
                .bind("p", product).bind("v", version).map((rs, c) -> revision(rs)).findOne();
    }

    private static Revision revision(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Revision(rs.getString("product"), rs.getString("version"), rs.getLong("revision"),
                rs.getString("content_hash"), rs.getString("source"), rs.getString("pushed_at"), rs.getString("pushed_by"));
    }

    /** @return the latest revision of every release, by product and version */
    public List<Revision> list() {
        return db.read(h -> h.createQuery("SELECT r.* FROM release_revisions r WHERE r.revision ="
                        + " (SELECT MAX(x.revision) FROM release_revisions x WHERE x.product = r.product AND x.version = r.version)"
                        + " ORDER BY r.product, r.version")
                .map((rs, c) -> revision(rs)).list());
    }

    /** @return every revision of a release, oldest first (404 when none) */
    public List<Revision> revisions(String product, String version) {
        List<Revision> list = db.read(h -> h.createQuery(
                        "SELECT * FROM release_revisions WHERE product = :p AND version = :v ORDER BY revision")
                .bind("p", product).bind("v", version).map((rs, c) -> revision(rs)).list());
        if (list.isEmpty()) {
            throw ApiException.notFound("No release " + product + " " + version + ".");
        }
        return list;
    }

    /** @return the plan text of a revision (latest when empty) */
    public String planText(String product, String version, Optional<Long> revision) {
        long r = revision.orElseGet(() -> revisions(product, version).getLast().revision());
        return db.read(h -> h.createQuery(
                        "SELECT plan_text FROM release_revisions WHERE product = :p AND version = :v AND revision = :r")
                .bind("p", product).bind("v", version).bind("r", r).mapTo(String.class).findOne())
                .orElseThrow(() -> ApiException.notFound("No revision " + r + " of release " + product + " " + version + "."));
    }

    /**
     * A revision with its parsed plan.
     *
     * @param revision the revision
     * @param plan its plan
     * @param latest whether no newer revision exists
     */
    public record Loaded(Revision revision, ReleasePlan plan, boolean latest) {
        /** @return the revision's {@link dev.gantry.signoff.PlanHash}: {@code sha256:} and the content hash */
        public String planHash() {
            return "sha256:" + revision.contentHash();
        }
    }

    /** @return the latest revision with its plan (404 when the release does not exist) */
    public Loaded latest(String product, String version) {
        return load(product, version, Optional.empty());
    }

    /** @return a revision (latest when empty) with its plan; 404 when it does not exist */
    public Loaded load(String product, String version, Optional<Long> revision) {
        List<Revision> all = revisions(product, version);
        Revision rev = revision.map(n -> all.stream().filter(x -> x.revision() == n).findFirst()
                        .orElseThrow(() -> ApiException.notFound("No revision " + n + " of release " + product + " " + version + ".")))
                .orElse(all.getLast());
        String key = rev.source() + "\n" + rev.contentHash();
        ReleasePlan plan = parsed.get(key);
        if (plan == null) {
            LoadResult result = PlanLoader.loadWithoutFiles(rev.source(), planText(product, version, Optional.of(rev.revision())));
            if (!(result instanceof LoadResult.Valid valid)) {
                throw new IllegalStateException("A stored plan no longer loads; was the plan format changed incompatibly?");
            }
            plan = valid.plan();
            parsed.put(key, plan);
        }
        return new Loaded(rev, plan, rev.revision() == all.getLast().revision());
    }

    /** @return the overview of a revision's plan, as of today */
    public ReleaseOverview overview(String product, String version, Optional<Long> revision) {
        String text = planText(product, version, revision);
        LoadResult result = PlanLoader.loadWithoutFiles("release.yaml", text);
        if (!(result instanceof LoadResult.Valid valid)) {
            throw new IllegalStateException("A stored plan no longer loads; was the plan format changed incompatibly?");
        }
        return ReleaseOverview.of(valid.plan(), LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    }

    /** @return the line diff between two revisions */
    public List<String> diff(String product, String version, long from, long to) {
        return LineDiff.diff(planText(product, version, Optional.of(from)), planText(product, version, Optional.of(to)));
    }
}
