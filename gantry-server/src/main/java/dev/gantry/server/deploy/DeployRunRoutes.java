package dev.gantry.server.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.server.auth.Authenticator;
import dev.gantry.server.auth.Principal;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.http.ApiException;
import dev.gantry.server.http.JsonBody;
import dev.gantry.server.release.ReleaseStore;
import io.javalin.config.RoutesConfig;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/releases/{product}/{version}/deploy-runs}: deploy and rollback runs the CLI
 * reports ({@code gantry deploy|rollback --report}), bound to the plan revision they ran. The
 * server records them; it never runs a step itself.
 */
public final class DeployRunRoutes {
    private static final Set<String> KINDS = Set.of("DEPLOY", "ROLLBACK");
    private final Authenticator auth;
    private final ReleaseStore releases;
    private final DeployRunStore runs;

    /**
     * A run as the CLI posts it.
     *
     * @param planHash {@code sha256:} and the hex SHA-256 of the plan file the run used
     * @param log the run log the CLI wrote (kind, product, version, steps, succeeded, summary, ...)
     */
    record Posted(String planHash, JsonNode log) {
        Posted {
            if (planHash == null || planHash.isBlank()) {
                throw new IllegalArgumentException("'planHash' is required: sha256:<hex> of the plan file the run used.");
            }
            if (log == null || !log.isObject()) {
                throw new IllegalArgumentException("'log' is required: the run log the CLI wrote.");
            }
        }
    }

    /**
     * @param auth authenticator
     * @param releases releases
     * @param runs the runs
     */
    public DeployRunRoutes(Authenticator auth, ReleaseStore releases, DeployRunStore runs) {
        this.auth = auth;
        this.releases = releases;
        this.runs = runs;
    }

    /** Registers the routes. */
    public void register(RoutesConfig r) {
        String path = "/api/v1/releases/{product}/{version}/deploy-runs";
        r.post(path, ctx -> {
            Principal p = auth.require(ctx, Scope.OPERATE);
            Posted posted = JsonBody.read(ctx, Posted.class);
            String product = ctx.pathParam("product");
            String version = ctx.pathParam("version");
            validate(posted.log(), product, version);
            ReleaseStore.Revision revision = releases.revisions(product, version).stream()
                    .filter(rev -> ("sha256:" + rev.contentHash()).equals(posted.planHash())).reduce((a, b) -> b)
                    .orElseThrow(() -> ApiException.conflict("No revision of release " + product + " " + version
                            + " has plan hash " + posted.planHash() + "; push the plan the run used first"
                            + " (gantry release push).").with("field", "planHash"));
            JsonBody.respond(ctx, 201, runs.record(revision, posted.log(), p.name(), p.actor()));
        });
        r.get(path, ctx -> {
            auth.require(ctx, Scope.READ);
            JsonBody.respond(ctx, 200, Map.of("runs", runs.list(ctx.pathParam("product"), ctx.pathParam("version"))));
        });
        r.get(path + "/{run}", ctx -> {
            auth.require(ctx, Scope.READ);
            long run;
            try {
                run = Long.parseLong(ctx.pathParam("run"));
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("The run number must be a whole number.");
            }
            JsonBody.respond(ctx, 200, runs.get(ctx.pathParam("product"), ctx.pathParam("version"), run));
        });
    }

    /** The log must say what it is, for which release, how it ended, and list its steps. */
    static void validate(JsonNode log, String product, String version) {
        if (!KINDS.contains(log.path("kind").asText())) {
            throw ApiException.unprocessable("'log.kind' must be DEPLOY or ROLLBACK.").with("field", "log.kind");
        }
        if (!log.path("succeeded").isBoolean()) {
            throw ApiException.unprocessable("'log.succeeded' must be true or false.").with("field", "log.succeeded");
        }
        if (!log.path("summary").isTextual() || log.path("summary").asText().isBlank()) {
            throw ApiException.unprocessable("'log.summary' must say how the run ended.").with("field", "log.summary");
        }
        if (!log.path("steps").isArray()) {
            throw ApiException.unprocessable("'log.steps' must list the steps that ran.").with("field", "log.steps");
        }
        if (!product.equals(log.path("product").asText()) || !version.equals(log.path("version").asText())) {
            throw ApiException.unprocessable("The log is of " + log.path("product").asText() + " "
                    + log.path("version").asText() + ", not of " + product + " " + version + ".").with("field", "log.product");
        }
    }
}
