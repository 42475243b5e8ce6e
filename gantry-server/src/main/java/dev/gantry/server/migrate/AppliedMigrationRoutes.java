package dev.gantry.server.migrate;

import dev.gantry.server.auth.Authenticator;
import dev.gantry.server.auth.Principal;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.http.JsonBody;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/v1/releases/{product}/{version}/migrations/applied}: record (operate scope) and list
 * (read scope) the migrations applied to production. The server cannot read a plan's migration
 * files, so the CLI ({@code gantry migrate mark-applied}) sends what its analysis found.
 */
public final class AppliedMigrationRoutes {
    private static final Set<String> CLASSES = Set.of("expand", "contract", "destructive");
    private final Authenticator auth;
    private final AppliedMigrationStore store;

    /**
     * A mark as posted.
     *
     * @param migration the label, {@code V5} (or {@code 5})
     * @param file the file name
     * @param classification expand, contract or destructive
     * @param pointOfNoReturn the release's point of no return per the analysis, absent when it has none
     */
    record Posted(String migration, String file, String classification,
            Optional<AppliedMigration.PointOfNoReturn> pointOfNoReturn) {
        Posted {
            if (migration == null || !MigrationLabel.valid(migration)) {
                throw new IllegalArgumentException("'migration' is required: a migration label such as V5.");
            }
            if (file == null || file.isBlank()) {
                throw new IllegalArgumentException("'file' is required: the migration's file name.");
            }
            if (classification == null || !CLASSES.contains(classification)) {
                throw new IllegalArgumentException("'classification' must be expand, contract or destructive.");
            }
            pointOfNoReturn = pointOfNoReturn == null ? Optional.empty() : pointOfNoReturn;
        }
    }

    /**
     * @param auth authenticator
     * @param store the store
     */
    public AppliedMigrationRoutes(Authenticator auth, AppliedMigrationStore store) {
        this.auth = auth;
        this.store = store;
    }

    /** Registers the routes. */
    public void register(RoutesConfig r) {
        String path = "/api/v1/releases/{product}/{version}/migrations/applied";
        r.post(path, ctx -> {
            Principal p = auth.require(ctx, Scope.OPERATE);
            Posted posted = JsonBody.read(ctx, Posted.class);
            AppliedMigrationStore.Marked marked = store.mark(ctx.pathParam("product"), ctx.pathParam("version"),
                    posted.migration(), posted.file(), posted.classification(), posted.pointOfNoReturn(), p.name(),
                    p.actor());
            JsonBody.respond(ctx, marked.created() ? 201 : 200, json(marked.migration()));
        });
        r.get(path, ctx -> {
            auth.require(ctx, Scope.READ);
            String product = ctx.pathParam("product");
            String version = ctx.pathParam("version");
            List<AppliedMigration> all = store.list(product, version);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("migrations", all.stream().map(AppliedMigrationRoutes::json).toList());
            body.put("pastPointOfNoReturn", all.stream().anyMatch(AppliedMigration::pastPointOfNoReturn));
            JsonBody.respond(ctx, 200, body);
        });
    }

    static Map<String, Object> json(AppliedMigration m) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("migration", m.migration());
        node.put("file", m.file());
        node.put("classification", m.classification());
        node.put("pastPointOfNoReturn", m.pastPointOfNoReturn());
        m.pointOfNoReturn().ifPresent(p -> node.put("pointOfNoReturn", p));
        node.put("appliedAt", m.appliedAt());
        node.put("appliedBy", m.appliedBy());
        return node;
    }
}
