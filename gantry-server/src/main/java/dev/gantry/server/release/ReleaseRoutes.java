package dev.gantry.server.release;

import dev.gantry.server.auth.Authenticator;
import dev.gantry.server.auth.Principal;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.http.ApiException;
import dev.gantry.server.http.JsonBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The release API under {@code /api/v1/releases}. */
public final class ReleaseRoutes {
    private final Authenticator auth;
    private final ReleaseStore releases;
    private final ReleaseFiles files;
    private final dev.gantry.server.flag.DeclaredFlags declaredFlags;

    /** Body of a push: the plan, and the communication templates it references (path to text). */
    record Push(String source, String plan, Map<String, String> files) {
        Push {
            files = files == null ? Map.of() : new LinkedHashMap<>(files);
            if (plan == null || plan.isEmpty()) {
                throw new IllegalArgumentException("'plan' is required: the text of the release plan.");
            }
            if (source == null || source.isBlank()) {
                source = "release.yaml";
            }
        }
    }

    /**
     * @param auth authenticator
     * @param releases the store
     * @param files files attached to revisions
     * @param declaredFlags creates the flags a pushed plan declares
     */
    public ReleaseRoutes(Authenticator auth, ReleaseStore releases, ReleaseFiles files,
            dev.gantry.server.flag.DeclaredFlags declaredFlags) {
        this.auth = auth;
        this.releases = releases;
        this.files = files;
        this.declaredFlags = declaredFlags;
    }

    /** Registers the routes. */
    public void register(RoutesConfig r) {
        String one = "/api/v1/releases/{product}/{version}";
        r.post("/api/v1/releases", ctx -> {
            Principal p = auth.require(ctx, Scope.OPERATE);
            Push push = JsonBody.read(ctx, Push.class);
            ReleaseFiles.check(push.source(), push.plan(), push.files());
            ReleaseStore.Pushed pushed = releases.push(p.actor(), push.source(), push.plan());
            if (pushed.created() || !push.files().isEmpty()) {
                files.attach(p.actor(), pushed.revision(), push.files());
            }
            var rev = pushed.revision();
            var flags = declaredFlags.create(p, releases.load(rev.product(), rev.version(), Optional.of(rev.revision())).plan());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("created", pushed.created());
            body.put("revision", pushed.revision());
            body.put("files", ReleaseFiles.paths(push.files()));
            body.put("flagsCreated", flags.stream().filter(f -> f.problem().isEmpty())
                    .map(f -> Map.of("environment", f.environment(), "key", f.key())).toList());
            if (flags.stream().anyMatch(f -> !f.problem().isEmpty())) {
                body.put("flagsNotCreated", flags.stream().filter(f -> !f.problem().isEmpty()).toList());
            }
            JsonBody.respond(ctx, pushed.created() ? 201 : 200, body);
        });
        r.get("/api/v1/releases", ctx -> {
            auth.require(ctx, Scope.READ);
            JsonBody.respond(ctx, 200, Map.of("releases", releases.list()));
        });
        r.get(one, ctx -> {
            auth.require(ctx, Scope.READ);
            String product = ctx.pathParam("product");
            String version = ctx.pathParam("version");
            Optional<Long> revision = revisionParam(ctx, "revision");
            var revisions = releases.revisions(product, version);
            var rev = revision.map(n -> revisions.stream().filter(x -> x.revision() == n).findFirst()
                    .orElseThrow(() -> ApiException.notFound("No revision " + n + " of release " + product + " " + version + ".")))
                    .orElse(revisions.getLast());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("revision", rev);
            body.put("revisions", revisions.size());
            body.put("overview", releases.overview(product, version, Optional.of(rev.revision())));
            JsonBody.respond(ctx, 200, body);
        });
        r.get(one + "/revisions", ctx -> {
            auth.require(ctx, Scope.READ);
            JsonBody.respond(ctx, 200, Map.of("revisions", releases.revisions(ctx.pathParam("product"), ctx.pathParam("version"))));
        });
        r.get(one + "/plan", ctx -> {
            auth.require(ctx, Scope.READ);
            String text = releases.planText(ctx.pathParam("product"), ctx.pathParam("version"), revisionParam(ctx, "revision"));
            ctx.contentType("application/yaml; charset=utf-8").result(text);
        });
        r.get(one + "/diff", ctx -> {
            auth.require(ctx, Scope.READ);
            long from = revisionParam(ctx, "from").orElseThrow(() -> ApiException.badRequest("'from' is required."));
            long to = revisionParam(ctx, "to").orElseThrow(() -> ApiException.badRequest("'to' is required."));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("from", from);
            body.put("to", to);
            body.put("lines", releases.diff(ctx.pathParam("product"), ctx.pathParam("version"), from, to));
            JsonBody.respond(ctx, 200, body);
        });
    }

    private static Optional<Long> revisionParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + name + "' must be a revision number.").with("field", name);
        }
    }
}
