package dev.gantry.server.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An error a handler answers with: an HTTP status and the RFC 9457 problem-details members.
 * {@link ProblemResponses} turns it into {@code application/problem+json}; nothing else writes
 * error bodies. The detail is shown to the client: never put a secret in it.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers;

    private ApiException(int status, String type, String title, String detail,
            Map<String, Object> extensions, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.type = Objects.requireNonNull(type);
        this.title = Objects.requireNonNull(title);
        this.extensions = Map.copyOf(extensions);
        this.headers = Map.copyOf(headers);
    }

    /**
     * @param status the HTTP status
     * @param type a short slug; the problem type URI is {@code https://gantry.dev/problems/<type>}
     * @param title the summary of the problem type
     * @param detail this occurrence, one sentence
     */
    public static ApiException of(int status, String type, String title, String detail) {
        return new ApiException(status, type, title, detail, Map.of(), Map.of());
    }

    /** 400 for a request that cannot be understood. */
    public static ApiException badRequest(String detail) {
        return of(400, "bad-request", "Bad request", detail);
    }

    /** 401: no or unknown credentials. */
    public static ApiException unauthorized(String detail) {
        return of(401, "unauthorized", "Unauthorized", detail).withHeader("WWW-Authenticate", "Bearer");
    }

    /** 403: credentials known, scope missing. */
    public static ApiException forbidden(String detail) {
        return of(403, "forbidden", "Forbidden", detail);
    }

    /** 404. */
    public static ApiException notFound(String detail) {
        return of(404, "not-found", "Not found", detail);
    }

    /** 409. */
    public static ApiException conflict(String detail) {
        return of(409, "conflict", "Conflict", detail);
    }

    /** 422: well-formed but invalid content. */
    public static ApiException unprocessable(String detail) {
        return of(422, "invalid-content", "Invalid content", detail);
    }

    /** @return a copy with one more extension member */
    public ApiException with(String member, Object value) {
        Map<String, Object> ext = new LinkedHashMap<>(extensions);
        ext.put(member, value);
        return new ApiException(status, type, title, getMessage(), ext, headers);
    }

    /** @return a copy with one more response header */
    public ApiException withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiException(status, type, title, getMessage(), extensions, h);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the problem type slug */
    public String type() {
        return type;
    }

    /** @return the title */
    public String title() {
        return title;
    }

    /** @return the extension members */
    public Map<String, Object> extensions() {
        return extensions;
    }

    /** @return extra response headers */
    public Map<String, String> headers() {
        return headers;
    }
}
