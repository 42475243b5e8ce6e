package dev.gantry.server.signoff;

import dev.gantry.server.auth.Authenticator;
import dev.gantry.server.auth.Principal;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.http.JsonBody;
import dev.gantry.signoff.SignOff;
import dev.gantry.signoff.SignOffStatus;
import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /api/v1/releases/{product}/{version}/signoffs}: sign a role, and where sign-offs stand. */
public final class SignOffRoutes {
    private final Authenticator auth;
    private final SignOffStore signoffs;

    /** Body of a sign-off: the role, and optionally the revision the signer read. */
    record Sign(String role, Long revision) {
        Sign {
            if (role == null || role.isBlank()) {
                throw new IllegalArgumentException("'role' is required: the plan's sign-off role to sign.");
            }
        }
    }

    /** Body of a revocation. */
    record Revoke(String reason) {
        Revoke {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("'reason' is required: why the sign-off no longer holds.");
            }
        }
    }

    /**
     * @param auth authenticator
     * @param signoffs the store
     */
    public SignOffRoutes(Authenticator auth, SignOffStore signoffs) {
        this.auth = auth;
        this.signoffs = signoffs;
    }

    /** Registers the routes. */
    public void register(RoutesConfig r) {
        String path = "/api/v1/releases/{product}/{version}/signoffs";
        r.post(path, ctx -> {
            Principal p = auth.require(ctx, Scope.APPROVE);
            Sign sign = JsonBody.read(ctx, Sign.class);
            String product = ctx.pathParam("product");
            String version = ctx.pathParam("version");
            SignOff done = signoffs.sign(product, version, sign.role().strip(), p.name(), p.actor(),
                    Optional.ofNullable(sign.revision()));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("signoff", entry(done));
            body.put("status", json(signoffs.status(product, version)));
            JsonBody.respond(ctx, 201, body);
        });
        r.post(path + "/{role}/revoke", ctx -> {
            Principal p = auth.require(ctx, Scope.APPROVE);
            Revoke revoke = JsonBody.read(ctx, Revoke.class);
            String product = ctx.pathParam("product");
            String version = ctx.pathParam("version");
            Map<String, Object> revoked = signoffs.revoke(product, version, ctx.pathParam("role"), p, revoke.reason().strip());
            revoked.remove("id");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("revoked", revoked);
            body.put("status", json(signoffs.status(product, version)));
            JsonBody.respond(ctx, 200, body);
        });
        r.get(path, ctx -> {
            auth.require(ctx, Scope.READ);
            String product = ctx.pathParam("product");
            String version = ctx.pathParam("version");
            Map<String, Object> body = json(signoffs.status(product, version));
            body.put("revoked", signoffs.revoked(product, version));
            JsonBody.respond(ctx, 200, body);
        });
    }

    static Map<String, Object> json(SignOffStatus status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("planHash", status.planHash());
        body.put("complete", status.complete());
        List<Map<String, Object>> roles = new ArrayList<>();
        for (SignOff s : status.valid()) {
            roles.add(role(s.role(), "signed", Optional.of(s)));
        }
        for (String role : status.outstanding()) {
            roles.add(role(role, "outstanding", Optional.empty()));
        }
        body.put("roles", roles); // signed first, then outstanding, each in the plan's order
        body.put("outstanding", status.outstanding());
        body.put("void", status.voided().stream().map(s -> {
            Map<String, Object> m = entry(s);
            m.put("void", true);
            m.put("why", "signed for another revision of the plan (" + s.planHash() + ")");
            return m;
        }).toList());
        return body;
    }

    private static Map<String, Object> role(String role, String state, Optional<SignOff> s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("status", state);
        s.ifPresent(x -> {
            m.put("by", x.by());
            m.put("at", x.at().toString());
        });
        return m;
    }

    private static Map<String, Object> entry(SignOff s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", s.role());
        m.put("by", s.by());
        m.put("at", s.at().toString());
        m.put("planHash", s.planHash());
        return m;
    }
}
