package dev.gantry.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.server.db.DatabaseUnavailableException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where errors become responses: RFC 9457 problem details
 * ({@code application/problem+json}) with {@code type}, {@code title}, {@code status},
 * {@code detail}, {@code instance} and extension members. Unexpected exceptions answer 500 with
 * a fixed sentence (the log has the class, never a stack trace for the client); database
 * failures answer 503.
 */
public final class ProblemResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProblemResponses() {}

    /** Installs the exception and error handlers. */
    public static void install(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> write(ctx, e));
        routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromJavalin(e)));
        routes.exception(DatabaseUnavailableException.class, (e, ctx) -> write(ctx, unavailable(e)));
        routes.exception(Exception.class, (e, ctx) -> {
            if (isDatabaseUnavailable(e)) {
                write(ctx, unavailable(e));
                return;
            }
            write(ctx, unexpected(e, ctx.method().name(), ctx.path()));
        });
        routes.error(404, ctx -> {
            if (isProblem(ctx)) {
                return;
            }
            write(ctx, ApiException.notFound("No resource at " + ctx.path() + "."));
        });
        routes.error(405, ctx -> {
            if (isProblem(ctx)) {
                return;
            }
            write(ctx, ApiException.of(405, "method-not-allowed", "Method not allowed",
                    ctx.method() + " is not allowed on " + ctx.path() + "."));
        });
    }

    /** Whether a handler already answered with a body (its own 404, OFREP's FLAG_NOT_FOUND). */
    private static boolean isProblem(Context ctx) {
        String ct = ctx.res().getContentType();
        return (ct != null && ct.startsWith("application/problem+json")) || ctx.resultInputStream() != null;
    }

    private static ApiException fromJavalin(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 413 -> ApiException.of(413, "too-large", "Request too large", "The request body is larger than the server accepts.");
            case 404 -> ApiException.notFound("No such resource.");
            case 405 -> ApiException.of(405, "method-not-allowed", "Method not allowed", "The method is not allowed here.");
            default -> e.getStatus() >= 500
                    ? ApiException.of(e.getStatus(), "internal", "Server error", "The server failed to handle the request.")
                    : ApiException.of(e.getStatus(), "bad-request", "Bad request", "The request was rejected.");
        };
    }

    private static ApiException unavailable(Exception e) {
        LOG.warn("Database unavailable: {}", e.getClass().getName());
        return ApiException.of(503, "database-unavailable", "Service unavailable",
                "The database is unavailable; try again shortly.").withHeader("Retry-After", "5");
    }

    /**
     * Whether {@code e} says the database cannot be reached (connection refused or lost, pool
     * timeout, server shutting down, SQLite busy), as opposed to a failing statement, which is a
     * bug and answers 500.
     */
    static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseUnavailableException || t instanceof org.jdbi.v3.core.ConnectionException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.sql.SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                String message = sql.getMessage() == null ? "" : sql.getMessage();
                if (state.startsWith("08") || state.startsWith("57P") || message.contains("SQLITE_BUSY")
                        || message.contains("has been closed")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Maps an exception no handler expected to 503 (database unavailable) or 500, logging the
     * latter with its class; for handlers outside Javalin (the OFREP Jetty handler).
     */
    public static ApiException unexpected(Exception e, String method, String path) {
        if (e instanceof ApiException api) {
            return api;
        }
        if (isDatabaseUnavailable(e)) {
            return unavailable(e);
        }
        LOG.error("Unexpected {} on {} {}", e.getClass().getName(), method, path, e);
        return ApiException.of(500, "internal", "Internal server error",
                "The server failed to handle the request; the server log has the details.");
    }

    /** Writes {@code e} as problem details. */
    public static void write(Context ctx, ApiException e) {
        e.headers().forEach(ctx::header);
        ctx.status(e.status());
        ctx.contentType("application/problem+json");
        ctx.result(body(e, ctx.path()));
    }

    /** @return the problem-details document of {@code e} for the request path {@code instance} */
    public static String body(ApiException e, String instance) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("type", "https://gantry.dev/problems/" + e.type());
        body.put("title", e.title());
        body.put("status", e.status());
        body.put("detail", e.getMessage());
        body.put("instance", instance);
        e.extensions().forEach((k, v) -> body.set(k, MAPPER.valueToTree(v)));
        return body.toString();
    }
}
