package dev.gantry.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * What every response gets before any route runs: security headers, and a 413 for a declared
 * body larger than the limit (Javalin enforces the same limit when a body of unknown length is
 * read).
 */
public final class HttpBasics {
    private HttpBasics() {}

    /** Installs the before-handler. */
    public static void install(RoutesConfig routes, long maxRequestBytes) {
        routes.before(ctx -> {
            securityHeaders(ctx);
            long declared = ctx.req().getContentLengthLong();
            if (declared > maxRequestBytes) {
                throw ApiException.of(413, "too-large", "Request too large",
                        "The request body is " + declared + " bytes; the limit is " + maxRequestBytes + " bytes.");
            }
        });
    }

    static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        ctx.header("Strict-Transport-Security", "max-age=31536000");
        ctx.header("Cache-Control", "no-store");
    }
}
