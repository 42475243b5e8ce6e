package dev.gantry.server.web;

import dev.gantry.server.auth.FailedAuthLimiter;
import dev.gantry.server.auth.Principal;
import dev.gantry.server.auth.Secrets;
import dev.gantry.server.auth.TokenStore;
import dev.gantry.server.http.ApiException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code /login} and {@code /logout}. Signing in takes an API token (never echoed back or
 * logged); failures count in the same {@link FailedAuthLimiter} as the API's, so guessing is
 * refused with 429 after the limit. The sign-in form carries its own one-time CSRF value (a
 * SameSite=Strict cookie matched against a hidden field), since there is no session yet.
 */
final class SignInPages {
    private static final String LOGIN_COOKIE = "gantry_login";

    private final Web web;
    private final TokenStore tokens;
    private final FailedAuthLimiter limiter;

    SignInPages(Web web, TokenStore tokens, FailedAuthLimiter limiter) {
        this.web = web;
        this.tokens = tokens;
        this.limiter = limiter;
    }

    void register(RoutesConfig r) {
        r.get("/login", web.open(ctx -> {
            if (web.visitor(ctx).isPresent()) {
                ctx.redirect(next(ctx.queryParam("next")), HttpStatus.SEE_OTHER);
                return;
            }
            form(ctx, next(ctx.queryParam("next")), "");
        }));
        r.post("/login", web.open(this::signIn));
        r.post("/logout", web.action((ctx, v) -> {
            web.endSession(ctx);
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
        }));
    }

    private void signIn(Context ctx) {
        Optional<Duration> wait = limiter.blocked(ctx.ip());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw ApiException.of(429, "too-many-failures", "Too many failed sign-ins",
                    "Too many failed sign-ins from this address; try again in " + seconds + " s.")
                    .withHeader("Retry-After", Long.toString(seconds));
        }
        String next = next(ctx.formParam("next"));
        String cookie = ctx.cookie(LOGIN_COOKIE);
        String field = ctx.formParam(Web.CSRF_FIELD);
        if (cookie == null || field == null || !Secrets.sameDigest(Secrets.sha256(cookie), Secrets.sha256(field))) {
            ctx.status(403);
            form(ctx, next, "The sign-in form expired; sign in again.");
            return;
        }
        String token = Optional.ofNullable(ctx.formParam("token")).orElse("").strip();
        Optional<Principal> p = token.isEmpty() ? Optional.empty() : tokens.authenticate(token);
        if (p.isEmpty()) {
            limiter.failed(ctx.ip());
            ctx.status(401);
            form(ctx, next, "That token is unknown or revoked. Paste an API token (gat_...) from 'gantry login' or an admin.");
            return;
        }
        ctx.removeCookie(LOGIN_COOKIE, "/login");
        web.startSession(ctx, token);
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    private void form(Context ctx, String next, String error) {
        String nonce = Secrets.generate("login_");
        boolean secure = "https".equalsIgnoreCase(ctx.scheme());
        ctx.cookie(new Cookie(LOGIN_COOKIE, nonce, "/login", 600, secure, true, null, SameSite.STRICT));
        web.render(ctx, "login.jte", new LoginPage(web.chrome(ctx, Optional.empty(), "Sign in"), nonce, next, error));
    }

    /** Only a path on this server, never another site. */
    private static String next(String requested) {
        if (requested == null || !requested.startsWith("/") || requested.startsWith("//") || requested.contains("\\")
                || requested.startsWith("/login")) {
            return "/";
        }
        return requested;
    }
}
