package dev.gantry.server.auth;

import dev.gantry.server.flag.Environments;
import dev.gantry.server.http.ApiException;
import dev.gantry.server.http.JsonBody;
import io.javalin.config.RoutesConfig;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Routes for API tokens and SDK keys (admin scope), and {@code whoami}. */
public final class AuthRoutes {
    private final Authenticator auth;
    private final TokenStore tokens;
    private final SdkKeyStore sdkKeys;
    private final Environments environments;

    /** Body of {@code POST /api/v1/tokens}. */
    record CreateToken(String name, List<String> scopes) {
        CreateToken {
            if (name == null || name.isBlank() || name.length() > 200) {
                throw new IllegalArgumentException("'name' is required: 1 to 200 characters saying what the token is for.");
            }
            if (scopes == null || scopes.isEmpty()) {
                throw new IllegalArgumentException("'scopes' is required: one or more of read, flags, operate, approve, admin.");
            }
            scopes = List.copyOf(scopes);
        }
    }

    /**
     * @param auth authenticator
     * @param tokens token store
     * @param sdkKeys SDK key store
     * @param environments known environments
     */
    public AuthRoutes(Authenticator auth, TokenStore tokens, SdkKeyStore sdkKeys, Environments environments) {
        this.auth = auth;
        this.tokens = tokens;
        this.sdkKeys = sdkKeys;
        this.environments = environments;
    }

    /** Registers the routes. */
    public void register(RoutesConfig r) {
        r.get("/api/v1/whoami", ctx -> {
            Principal p = auth.principal(ctx);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", p.tokenId());
            body.put("name", p.name());
            body.put("scopes", p.scopes().stream().sorted().map(Scope::wire).toList());
            JsonBody.respond(ctx, 200, body);
        });
        r.post("/api/v1/tokens", ctx -> {
            Principal p = auth.principal(ctx);
            CreateToken req = JsonBody.read(ctx, CreateToken.class);
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            for (String s : req.scopes()) {
                try {
                    scopes.add(Scope.parse(s));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest(e.getMessage()).with("field", "scopes");
                }
            }
            TokenStore.Created created = tokens.create(p, req.name(), scopes);
            Map<String, Object> body = new LinkedHashMap<>(TokenStore.describe(created.info()));
            body.put("token", created.token());
            JsonBody.respond(ctx, 201, body);
        });
        r.get("/api/v1/tokens", ctx -> {
            auth.require(ctx, Scope.ADMIN);
            JsonBody.respond(ctx, 200, Map.of("tokens", tokens.list()));
        });
        r.delete("/api/v1/tokens/{id}", ctx -> {
            Principal p = auth.require(ctx, Scope.ADMIN);
            tokens.revoke(p, ctx.pathParam("id"));
            ctx.status(204);
        });
        r.post("/api/v1/environments/{env}/sdk-keys", ctx -> {
            Principal p = auth.require(ctx, Scope.ADMIN);
            String env = environments.require(ctx.pathParam("env"));
            SdkKeyStore.Created created = sdkKeys.create(p, env);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", created.info().id());
            body.put("environment", env);
            body.put("key", created.key());
            JsonBody.respond(ctx, 201, body);
        });
        r.get("/api/v1/environments/{env}/sdk-keys", ctx -> {
            auth.require(ctx, Scope.ADMIN);
            JsonBody.respond(ctx, 200, Map.of("keys", sdkKeys.list(environments.require(ctx.pathParam("env")))));
        });
        r.delete("/api/v1/sdk-keys/{id}", ctx -> {
            Principal p = auth.require(ctx, Scope.ADMIN);
            sdkKeys.revoke(p, ctx.pathParam("id"));
            ctx.status(204);
        });
    }
}
