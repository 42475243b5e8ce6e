package dev.gantry.server.auth;

import dev.gantry.server.http.ApiException;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns the {@code Authorization: Bearer} header into a {@link Principal} (API tokens) or an
 * environment (SDK keys), refusing clients with too many failed attempts (429 with
 * {@code Retry-After}). Error messages never repeat the credential. Thread-safe.
 */
public final class Authenticator {
    private static final String PRINCIPAL = "gantry.principal";

    private final TokenStore tokens;
    private final SdkKeyStore sdkKeys;
    private final FailedAuthLimiter limiter;

    /**
     * @param tokens API tokens
     * @param sdkKeys SDK keys
     * @param limiter failed-attempt limiter
     */
    public Authenticator(TokenStore tokens, SdkKeyStore sdkKeys, FailedAuthLimiter limiter) {
        this.tokens = tokens;
        this.sdkKeys = sdkKeys;
        this.limiter = limiter;
    }

    /**
     * @return the principal of the request's API token (cached on the context)
     * @throws ApiException 401, or 429 when the client failed too often
     */
    public Principal principal(Context ctx) {
        Principal cached = ctx.attribute(PRINCIPAL);
        if (cached != null) {
            return cached;
        }
        String credential = credential(ctx, false);
        Optional<Principal> p = tokens.authenticate(credential);
        if (p.isEmpty()) {
            limiter.failed(ctx.ip());
            throw ApiException.unauthorized("The API token is unknown or revoked.");
        }
        ctx.attribute(PRINCIPAL, p.get());
        return p.get();
    }

    /** @return the principal, after checking it holds {@code scope} (403 otherwise) */
    public Principal require(Context ctx, Scope scope) {
        Principal p = principal(ctx);
        p.require(scope);
        return p;
    }

    /**
     * @param allowApiKeyHeader also accept {@code X-API-Key} (OFREP's scheme)
     * @return the SDK key's description
     * @throws ApiException 401 or 429
     */
    public SdkKeyStore.KeyInfo sdkKey(Context ctx, boolean allowApiKeyHeader) {
        return sdkKey(ctx.header("Authorization"), allowApiKeyHeader ? ctx.header("X-API-Key") : null, ctx.ip());
    }

    /**
     * The same as {@link #sdkKey(Context, boolean)} outside Javalin (the OFREP Jetty handler).
     *
     * @param authorization the {@code Authorization} header, or null
     * @param apiKey the {@code X-API-Key} header when accepted, or null
     * @param client the client address (failed attempts are counted per address)
     * @return the SDK key's description
     * @throws ApiException 401 or 429
     */
    public SdkKeyStore.KeyInfo sdkKey(String authorization, String apiKey, String client) {
        String credential = credential(authorization, apiKey, client);
        Optional<SdkKeyStore.KeyInfo> k = sdkKeys.authenticate(credential);
        if (k.isEmpty()) {
            limiter.failed(client);
            throw ApiException.unauthorized("The SDK key is unknown or revoked.");
        }
        return k.get();
    }

    /** @return whether an SDK key authenticated earlier is still active (open streams end when not) */
    public boolean stillActive(SdkKeyStore.KeyInfo key) {
        return sdkKeys.active(key.id());
    }

    private String credential(Context ctx, boolean allowApiKeyHeader) {
        return credential(ctx.header("Authorization"), allowApiKeyHeader ? ctx.header("X-API-Key") : null, ctx.ip());
    }

    private String credential(String header, String apiKey, String client) {
        Optional<Duration> wait = limiter.blocked(client);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw ApiException.of(429, "too-many-failures", "Too many failed authentications",
                    "Too many failed authentications from this address; try again in " + seconds + " s.")
                    .withHeader("Retry-After", Long.toString(seconds));
        }
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        if (apiKey != null) {
            return apiKey.trim();
        }
        throw ApiException.unauthorized("This endpoint needs an 'Authorization: Bearer <token>' header.");
    }
}
