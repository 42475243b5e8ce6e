package dev.gantry.server.web;

import dev.gantry.server.audit.AuditChain;
import dev.gantry.server.audit.AuditEntry;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.auth.TokenStore;
import dev.gantry.server.http.ApiException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /audit} (read: the log, filtered, with the chain's verification) and {@code /tokens}
 * (admin: list, create, revoke). A created token is shown once, on the response to the form,
 * and never again.
 */
final class AdminPages {
    private static final int PAGE = 100;

    private final Web web;
    private final AuditLog audit;
    private final TokenStore tokens;

    AdminPages(Web web, AuditLog audit, TokenStore tokens) {
        this.web = web;
        this.audit = audit;
        this.tokens = tokens;
    }

    void register(RoutesConfig r) {
        r.get("/audit", web.page(Scope.READ, (ctx, v) -> {
            String actor = param(ctx.queryParam("actor"));
            String action = param(ctx.queryParam("action"));
            String target = param(ctx.queryParam("target"));
            long before = parse(ctx.queryParam("before"));
            AuditChain.Verification verification = audit.verify();
            List<AuditEntry> matching = new ArrayList<>(audit.page(0, Integer.MAX_VALUE,
                    target.isEmpty() ? Optional.empty() : Optional.of(target)).stream()
                    .filter(e -> e.seq() < before)
                    .filter(e -> actor.isEmpty() || e.actor().toLowerCase().contains(actor.toLowerCase()))
                    .filter(e -> action.isEmpty() || e.action().startsWith(action))
                    .toList()).reversed();
            List<AuditEntry> shown = matching.subList(0, Math.min(PAGE, matching.size()));
            String older = matching.size() > PAGE ? "actor=" + enc(actor) + "&action=" + enc(action) + "&target="
                    + enc(target) + "&before=" + shown.getLast().seq() : "";
            String words = switch (verification) {
                case AuditChain.Verification.Intact i -> "The chain of " + i.entries() + " entries verifies.";
                case AuditChain.Verification.Broken b -> "The chain is broken at entry " + b.seq() + ": " + b.reason() + ".";
            };
            web.render(ctx, "audit.jte", new AuditView(web.chrome(ctx, v, "Audit log"), actor, action, target,
                    verification instanceof AuditChain.Verification.Intact, words, shown, older));
        }));
        r.get("/tokens", web.page(Scope.ADMIN, (ctx, v) -> web.render(ctx, "tokens.jte",
                new TokenList(web.chrome(ctx, v, "Tokens"), tokens.list(), scopes(), "", ""))));
        r.post("/tokens", web.action(Scope.ADMIN, (ctx, v) -> {
            String name = param(ctx.formParam("name"));
            if (name.isEmpty() || name.length() > 100) {
                throw ApiException.badRequest("A token needs a name of 1 to 100 characters.");
            }
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            for (String s : ctx.formParams("scope")) {
                try {
                    scopes.add(Scope.parse(s));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest(e.getMessage());
                }
            }
            if (scopes.isEmpty()) {
                throw ApiException.badRequest("Pick at least one scope for the token.");
            }
            TokenStore.Created created = tokens.create(v.principal(), name, scopes);
            ctx.status(201);
            web.render(ctx, "tokens.jte", new TokenList(web.chrome(ctx, v, "Tokens"), tokens.list(), scopes(),
                    created.token(), created.info().name()));
        }));
        r.post("/tokens/{id}/revoke", web.action(Scope.ADMIN, (ctx, v) -> {
            tokens.revoke(v.principal(), ctx.pathParam("id"));
            web.flash(v, "Revoked token " + ctx.pathParam("id") + ".");
            ctx.redirect("/tokens", HttpStatus.SEE_OTHER);
        }));
    }

    private static List<String> scopes() {
        return Arrays.stream(Scope.values()).map(Scope::wire).toList();
    }

    private static String param(String value) {
        return value == null ? "" : value.strip();
    }

    private static long parse(String value) {
        try {
            return value == null || value.isBlank() ? Long.MAX_VALUE : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'before' must be an entry number.");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
