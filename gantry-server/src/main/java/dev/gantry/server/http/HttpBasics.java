package dev.gantry.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
                throw tooLarge(declared, maxRequestBytes);
            }
        });
    }

    /** The security headers every response carries, name to value, in order. */
    public static final Map<String, String> SECURITY_HEADERS = securityHeaderMap();

    private static Map<String, String> securityHeaderMap() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "no-referrer");
        h.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        h.put("Cross-Origin-Resource-Policy", "same-origin");
        h.put("Strict-Transport-Security", "max-age=31536000");
        h.put("Cache-Control", "no-store");
        return Collections.unmodifiableMap(h);
    }

    /** The 413 answered for a body over the limit. */
    public static ApiException tooLarge(long declared, long maxRequestBytes) {
        return ApiException.of(413, "too-large", "Request too large",
                "The request body is " + declared + " bytes; the limit is " + maxRequestBytes + " bytes.");
    }

    static void securityHeaders(Context ctx) {
        SECURITY_HEADERS.forEach(ctx::header);
    }
}
