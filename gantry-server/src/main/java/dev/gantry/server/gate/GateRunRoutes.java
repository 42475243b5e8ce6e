package dev.gantry.server.gate;

import dev.gantry.gate.CheckResult;
import dev.gantry.gate.CheckStatus;
import dev.gantry.gate.GateReport;
import dev.gantry.gate.ItemResult;
import dev.gantry.plan.GateCategory;
import dev.gantry.server.auth.Authenticator;
import dev.gantry.server.auth.Principal;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.http.ApiException;
import dev.gantry.server.http.JsonBody;
import dev.gantry.server.release.ReleaseStore;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/v1/releases/{product}/{version}/gate-runs}: runs posted by the CLI, runs by the
 * server itself, the list and the latest. A posted run is checked strictly against the plan
 * revision it names; the server decides the verdict itself from the results and its waivers.
 */
public final class GateRunRoutes {
    private final Authenticator auth;
    private final ReleaseStore releases;
    private final WaiverStore waivers;
    private final GateRunStore runs;
    private final ServerGateRunner runner;
    private final Clock clock;

    /**
     * A run as the CLI posts it.
     *
     * @param planHash {@code sha256:} and the hex SHA-256 of the plan file the run used
     * @param items every checklist item's result
     */
    record Posted(String planHash, List<PostedItem> items) {
        Posted {
            if (planHash == null || planHash.isBlank()) {
                throw new IllegalArgumentException("'planHash' is required: sha256:<hex> of the plan file the run used.");
            }
            if (items == null) {
                throw new IllegalArgumentException("'items' is required: every checklist item's result.");
            }
            items = List.copyOf(items);
        }
    }

    /**
     * One item's result.
     *
     * @param category the item's category
     * @param id the item's id
     * @param status PASS, FAIL, WARN, PENDING, ERROR or SKIPPED
     * @param reason why
     * @param evidence facts behind it (optional)
     * @param durationMs how long it took (optional)
     */
    record PostedItem(String category, String id, String status, String reason, List<String> evidence, Long durationMs) {
        PostedItem {
            if (category == null || id == null || status == null || reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("Every item needs 'category', 'id', 'status' and a non-blank 'reason'.");
            }
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
            if (durationMs != null && durationMs < 0) {
                throw new IllegalArgumentException("'durationMs' of item '" + id + "' must not be negative.");
            }
        }
    }

    /**
     * @param auth authenticator
     * @param releases releases
     * @param waivers waivers
     * @param runs the runs
     * @param runner the server's own checks
     * @param clock the clock
     */
    public GateRunRoutes(Authenticator auth, ReleaseStore releases, WaiverStore waivers, GateRunStore runs,
            ServerGateRunner runner, Clock clock) {
        this.auth = auth;
        this.releases = releases;
        this.waivers = waivers;
        this.runs = runs;
        this.runner = runner;
        this.clock = clock;
    }

    /** Registers the routes. */
    public void register(RoutesConfig r) {
        String path = "/api/v1/releases/{product}/{version}/gate-runs";
        r.post(path, ctx -> {
            Principal p = auth.require(ctx, Scope.OPERATE);
            Posted posted = JsonBody.read(ctx, Posted.class);
            String product = ctx.pathParam("product");
            String version = ctx.pathParam("version");
            ReleaseStore.Revision revision = releases.revisions(product, version).stream()
                    .filter(rev -> ("sha256:" + rev.contentHash()).equals(posted.planHash())).reduce((a, b) -> b)
                    .orElseThrow(() -> ApiException.conflict("No revision of release " + product + " " + version
                            + " has plan hash " + posted.planHash() + "; push the plan the run used first"
                            + " (gantry release push).").with("field", "planHash"));
            ReleaseStore.Loaded loaded = releases.load(product, version, Optional.of(revision.revision()));
            List<ItemResult> results = results(loaded, posted.items());
            GateReport report = GateReport.decide(results, waivers.waivers(product, version), clock.instant());
            JsonBody.respond(ctx, 201, runs.record(revision, GateRunStore.Origin.CLI, report, p.name(), p.actor()));
        });
        r.post(path + "/server", ctx -> {
            Principal p = auth.require(ctx, Scope.OPERATE);
            String product = ctx.pathParam("product");
            String version = ctx.pathParam("version");
            ReleaseStore.Loaded loaded = releases.latest(product, version);
            GateReport report = runner.run(loaded.plan(), waivers.waivers(product, version));
            JsonBody.respond(ctx, 201, runs.record(loaded.revision(), GateRunStore.Origin.SERVER, report, p.name(),
                    p.actor()));
        });
        r.get(path, ctx -> {
            auth.require(ctx, Scope.READ);
            JsonBody.respond(ctx, 200, Map.of("runs", runs.list(ctx.pathParam("product"), ctx.pathParam("version"))));
        });
        r.get(path + "/latest", ctx -> {
            auth.require(ctx, Scope.READ);
            JsonBody.respond(ctx, 200, runs.latest(ctx.pathParam("product"), ctx.pathParam("version")));
        });
    }

    /** The posted items as results of the revision's items: exactly the plan's items, each once. */
    static List<ItemResult> results(ReleaseStore.Loaded loaded, List<PostedItem> posted) {
        Map<String, PostedItem> byId = new LinkedHashMap<>();
        for (PostedItem item : posted) {
            if (byId.put(item.id(), item) != null) {
                throw invalid("Item '" + item.id() + "' appears twice in the report.", item.id());
            }
        }
        List<ItemResult> results = new ArrayList<>();
        Set<String> known = new HashSet<>();
        List<String> missing = new ArrayList<>();
        for (GateCategory gate : loaded.plan().gates()) {
            for (GateCategory.Item item : gate.items()) {
                known.add(item.id());
                PostedItem p = byId.get(item.id());
                if (p == null) {
                    missing.add(item.id());
                    continue;
                }
                if (!p.category().equals(gate.id())) {
                    throw invalid("Item '" + item.id() + "' is in category '" + gate.id() + "' of the plan, not '"
                            + p.category() + "'.", item.id());
                }
                results.add(new ItemResult(gate.id(), item, result(p), Duration.ofMillis(
                        p.durationMs() == null ? 0 : p.durationMs())));
            }
        }
        for (String id : byId.keySet()) {
            if (!known.contains(id)) {
                throw invalid("The plan (revision " + loaded.revision().revision() + ") has no checklist item '" + id + "'.", id);
            }
        }
        if (!missing.isEmpty()) {
            throw invalid("The report lacks " + missing.size() + " of the plan's items (" + String.join(", ", missing)
                    + "); post a run of the whole checklist (gantry gate run without --only).", missing.getFirst());
        }
        return results;
    }

    private static CheckResult result(PostedItem p) {
        CheckStatus status;
        try {
            status = CheckStatus.valueOf(p.status());
        } catch (IllegalArgumentException e) {
            throw invalid("Item '" + p.id() + "' has status '" + p.status() + "'; it must be one of PASS, FAIL, WARN,"
                    + " PENDING, ERROR, SKIPPED.", p.id());
        }
        return switch (status) {
            case PASS -> new CheckResult.Pass(p.reason(), p.evidence());
            case FAIL -> new CheckResult.Fail(p.reason(), p.evidence());
            case WARN -> new CheckResult.Warn(p.reason(), p.evidence());
            case PENDING -> new CheckResult.Pending(p.reason(), p.evidence());
            case ERROR -> new CheckResult.Error(p.reason(), p.evidence());
            case SKIPPED -> new CheckResult.Skipped(p.reason(), p.evidence());
        };
    }

    private static ApiException invalid(String detail, String item) {
        return ApiException.unprocessable(detail).with("item", item);
    }
}
