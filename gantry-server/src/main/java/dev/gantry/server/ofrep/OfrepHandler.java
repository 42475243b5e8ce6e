package dev.gantry.server.ofrep;

import dev.gantry.server.auth.Authenticator;
import dev.gantry.server.auth.SdkKeyStore;
import dev.gantry.server.http.ApiException;
import dev.gantry.server.http.HttpBasics;
import dev.gantry.server.http.ProblemResponses;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A plain Jetty handler in front of Javalin's servlet context that answers
 * {@code POST /ofrep/v1/evaluate/flags/{key}} and {@code POST /ofrep/v1/evaluate/flags} without
 * the servlet layer (OFREP is the one endpoint applications may call per request, so its
 * throughput matters). It does what Javalin's side does for these routes: the SDK-key check with
 * the failed-attempt limiter, problem details for 401/413/429/5xx, the security headers, and the
 * request-size limit. Every other request goes on to Javalin unchanged. Thread-safe.
 */
public final class OfrepHandler extends Handler.Wrapper {
    private static final String BULK = "/ofrep/v1/evaluate/flags";
    private static final String SINGLE_PREFIX = BULK + "/";
    private static final List<HttpField> SECURITY = securityFields();
    private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
    private static final HttpField PROBLEM = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/problem+json");

    private final Authenticator auth;
    private final OfrepEvaluator evaluator;
    private final long maxRequestBytes;

    OfrepHandler(Authenticator auth, OfrepEvaluator evaluator, long maxRequestBytes) {
        this.auth = auth;
        this.evaluator = evaluator;
        this.maxRequestBytes = maxRequestBytes;
    }

    private static List<HttpField> securityFields() {
        List<HttpField> fields = new ArrayList<>();
        for (Map.Entry<String, String> e : HttpBasics.SECURITY_HEADERS.entrySet()) {
            fields.add(new PreEncodedHttpField(e.getKey(), e.getValue()));
        }
        return List.copyOf(fields);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!"POST".equals(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        String path = request.getHttpURI().getPath();
        String flagKey;
        if (BULK.equals(path)) {
            flagKey = null;
        } else if (path != null && path.startsWith(SINGLE_PREFIX) && plainSegment(path, SINGLE_PREFIX.length())) {
            flagKey = path.substring(SINGLE_PREFIX.length());
        } else {
            return super.handle(request, response, callback);
        }
        HttpFields.Mutable headers = response.getHeaders();
        for (HttpField f : SECURITY) {
            headers.put(f);
        }
        HttpFields in = request.getHeaders();
        long declared = in.getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > maxRequestBytes) {
            problem(response, callback, HttpBasics.tooLarge(declared, maxRequestBytes));
            return true;
        }
        // The body is read before authenticating: answering a refused request without reading it
        // makes Jetty close the connection, which a client reusing it sees as a broken response.
        Content.Source.asByteArrayAsync(request, (int) Math.min(Integer.MAX_VALUE - 8, maxRequestBytes))
                .whenComplete((body, failure) -> {
                    if (failure != null) {
                        problem(response, callback, ApiException.of(413, "too-large", "Request too large",
                                "The request body is larger than the server accepts."));
                        return;
                    }
                    try {
                        SdkKeyStore.KeyInfo key = auth.sdkKey(in.get(HttpHeader.AUTHORIZATION), in.get("X-API-Key"),
                                Request.getRemoteAddr(request));
                        answer(response, callback, flagKey == null
                                ? evaluator.bulk(key.environment(), body, in.get(HttpHeader.IF_NONE_MATCH))
                                : evaluator.single(key.environment(), flagKey, body));
                    } catch (Exception e) {
                        problem(response, callback, ProblemResponses.unexpected(e, "POST", path));
                    }
                });
        return true;
    }

    /** Whether the rest of the path from {@code from} is one non-empty segment needing no decoding. */
    private static boolean plainSegment(String path, int from) {
        if (from >= path.length()) {
            return false;
        }
        for (int i = from; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '/' || c == '%' || c == ';') {
                return false;
            }
        }
        return true;
    }

    private static void answer(Response response, Callback callback, OfrepEvaluator.Answer a) {
        if (!a.etag().isEmpty()) {
            response.getHeaders().put(HttpHeader.ETAG, a.etag());
        }
        response.setStatus(a.status());
        if (a.status() == 304) {
            response.write(true, null, callback);
            return;
        }
        response.getHeaders().put(JSON);
        response.write(true, ByteBuffer.wrap(a.body()), callback);
    }

    private static void problem(Response response, Callback callback, ApiException e) {
        e.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.setStatus(e.status());
        response.getHeaders().put(PROBLEM);
        String instance = response.getRequest().getHttpURI().getPath();
        response.write(true, ByteBuffer.wrap(ProblemResponses.body(e, instance).getBytes(StandardCharsets.UTF_8)), callback);
    }
}
