package dev.gantry.server.ofrep;

import dev.gantry.server.auth.Authenticator;
import dev.gantry.server.auth.SdkKeyStore;
import dev.gantry.server.flag.SnapshotHub;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The OpenFeature Remote Evaluation Protocol (OFREP) core endpoints, so OpenFeature's generic
 * OFREP providers evaluate Gantry flags: {@code POST /ofrep/v1/evaluate/flags/{key}} and the
 * bulk {@code POST /ofrep/v1/evaluate/flags} (with ETag and {@code If-None-Match}), both
 * authenticated with an environment's SDK key ({@code Authorization: Bearer} or
 * {@code X-API-Key}). Evaluation uses the in-memory snapshot, with each flag's own type.
 * Evaluation errors answer in OFREP's body format, not as problem details.
 *
 * <p>Requests on the exact paths are answered by {@link OfrepHandler} in front of Javalin; these
 * Javalin routes answer the rest (a trailing slash, a percent-encoded key) the same way.
 */
public final class OfrepRoutes {
    private final Authenticator auth;
    private final OfrepEvaluator evaluator;

    /**
     * @param auth authenticator (SDK keys)
     * @param hub current snapshots
     */
    public OfrepRoutes(Authenticator auth, SnapshotHub hub) {
        this.auth = auth;
        this.evaluator = new OfrepEvaluator(hub);
    }

    /** Registers the routes. */
    public void register(RoutesConfig r) {
        r.post("/ofrep/v1/evaluate/flags/{key}", this::single);
        r.post("/ofrep/v1/evaluate/flags", this::bulk);
    }

    /**
     * @param maxRequestBytes the request body limit
     * @return the Jetty handler answering the exact OFREP paths before Javalin's servlet layer
     */
    public OfrepHandler handler(long maxRequestBytes) {
        return new OfrepHandler(auth, evaluator, maxRequestBytes);
    }

    private void single(Context ctx) {
        SdkKeyStore.KeyInfo key = auth.sdkKey(ctx, true);
        OfrepEvaluator.Answer a = evaluator.single(key.environment(), ctx.pathParam("key"), ctx.bodyAsBytes());
        ctx.status(a.status()).contentType("application/json").result(a.body());
    }

    private void bulk(Context ctx) {
        SdkKeyStore.KeyInfo key = auth.sdkKey(ctx, true);
        OfrepEvaluator.Answer a = evaluator.bulk(key.environment(), ctx.bodyAsBytes(), ctx.header("If-None-Match"));
        if (!a.etag().isEmpty()) {
            ctx.header("ETag", a.etag());
        }
        ctx.status(a.status());
        if (a.status() != 304) {
            ctx.contentType("application/json").result(a.body());
        }
    }
}
