package dev.gantry.server.web;

import dev.gantry.server.auth.Principal;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.auth.Secrets;
import dev.gantry.server.auth.TokenStore;
import dev.gantry.server.http.ApiException;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plumbing every dashboard handler shares: the session cookie, the signed-in principal, CSRF
 * checks, scope checks, security headers, rendering a precompiled template, and errors as HTML
 * pages (never a stack trace). Thread-safe.
 */
final class Web {
    static final String COOKIE = "gantry_session";
    static final String CSRF_FIELD = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** Only this origin's scripts, styles and connections; no inline script or style at all. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    private final WebSessions sessions;
    private final TokenStore tokens;
    private final Assets assets;
    private final boolean secureCookies;
    private final ConcurrentHashMap<String, String> flashes = new ConcurrentHashMap<>();

    /** The signed-in person of a request. */
    record Visitor(WebSessions.Session session, Principal principal) {
        boolean has(Scope scope) {
            return principal.has(scope);
        }
    }

    /** A page handler that knows who is asking. */
    @FunctionalInterface
    interface SignedInHandler {
        void handle(Context ctx, Visitor visitor) throws Exception;
    }

    Web(WebSessions sessions, TokenStore tokens, Assets assets, boolean secureCookies) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.assets = assets;
        this.secureCookies = secureCookies;
    }

    Assets assets() {
        return assets;
    }

    WebSessions sessions() {
        return sessions;
    }

    /** A GET page needing {@code scope}: anonymous visitors go to the sign-in page. */
    Handler page(Scope scope, SignedInHandler h) {
        return ctx -> guarded(ctx, () -> {
            Optional<Visitor> v = visitor(ctx);
            if (v.isEmpty()) {
                String back = URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8);
                ctx.redirect("/login?next=" + back, HttpStatus.SEE_OTHER);
                return;
            }
            requireScope(v.get(), scope);
            h.handle(ctx, v.get());
        });
    }

    /** A POST action needing {@code scope} and the session's CSRF token. */
    Handler action(Scope scope, SignedInHandler h) {
        return action((ctx, v) -> {
            requireScope(v, scope);
            h.handle(ctx, v);
        });
    }

    /** A POST action any signed-in person may take, with the session's CSRF token. */
    Handler action(SignedInHandler h) {
        return ctx -> guarded(ctx, () -> {
            Visitor v = visitor(ctx).orElseThrow(() -> ApiException.unauthorized(
                    "Your session has ended; sign in again."));
            String sent = Optional.ofNullable(ctx.header(CSRF_HEADER)).orElseGet(() -> {
                String field = ctx.formParam(CSRF_FIELD);
                return field == null ? "" : field;
            });
            if (!Secrets.sameDigest(Secrets.sha256(sent), Secrets.sha256(v.session().csrf()))) {
                throw ApiException.forbidden("The form's security token does not match your session;"
                        + " reload the page and try again.");
            }
            h.handle(ctx, v);
        });
    }

    /** A page anybody may see. */
    Handler open(Handler h) {
        return ctx -> guarded(ctx, () -> h.handle(ctx));
    }

    private interface Body {
        void run() throws Exception;
    }

    private void guarded(Context ctx, Body body) throws Exception {
        headers(ctx);
        try {
            body.run();
        } catch (ApiException e) {
            ctx.status(e.status());
            e.headers().forEach(ctx::header);
            Optional<Visitor> v = e.status() == 401 ? Optional.empty() : visitor(ctx);
            render(ctx, "error.jte", new ErrorPage(chrome(ctx, v, e.title()), e.status(), e.title(), e.getMessage()));
        }
    }

    private static void requireScope(Visitor v, Scope scope) {
        if (!v.has(scope)) {
            throw ApiException.forbidden("Your token (" + v.principal().name() + ") lacks the '" + scope.wire()
                    + "' scope this needs.");
        }
    }

    static void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Content-Type-Options", "nosniff");
    }

    /** @return the signed-in visitor, when the session is live and its token still active */
    Optional<Visitor> visitor(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        Optional<WebSessions.Session> s = sessions.find(id);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Optional<Principal> p = tokens.authenticate(s.get().token());
        if (p.isEmpty()) {
            sessions.close(id);
            return Optional.empty();
        }
        return Optional.of(new Visitor(s.get(), p.get()));
    }

    void startSession(Context ctx, String token) {
        WebSessions.Session s = sessions.open(token);
        ctx.cookie(cookie(ctx, s.id(), -1));
    }

    void endSession(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id != null) {
            sessions.close(id);
            flashes.remove(id);
        }
        ctx.cookie(cookie(ctx, "", 0));
    }

    private Cookie cookie(Context ctx, String value, int maxAge) {
        boolean secure = secureCookies || "https".equalsIgnoreCase(ctx.scheme());
        return new Cookie(COOKIE, value, "/", maxAge, secure, true, null, SameSite.STRICT);
    }

    /** Remembers a message for the session's next page. */
    void flash(Visitor v, String message) {
        flashes.put(v.session().id(), message);
    }

    Chrome chrome(Context ctx, Optional<Visitor> v, String title) {
        if (v.isEmpty()) {
            return new Chrome(title, "", "", "", Chrome.Permissions.NONE, assets);
        }
        String flash = Optional.ofNullable(flashes.remove(v.get().session().id())).orElse("");
        return new Chrome(title, v.get().principal().name(), v.get().session().csrf(), flash,
                Chrome.Permissions.of(v.get().principal()), assets);
    }

    Chrome chrome(Context ctx, Visitor v, String title) {
        return chrome(ctx, Optional.of(v), title);
    }

    /** Renders {@code template} (its single parameter is {@code model}) as the response. */
    void render(Context ctx, String template, Object model) {
        ctx.contentType("text/html; charset=utf-8").result(render(template, model));
    }

    String render(String template, Object model) {
        StringOutput out = new StringOutput(16 * 1024);
        engine.render(template, model, out);
        return out.toString();
    }
}
