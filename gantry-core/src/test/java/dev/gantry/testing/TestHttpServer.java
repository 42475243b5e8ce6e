package dev.gantry.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on a free port for tests, answering with handlers registered per path.
 * Close it when done.
 */
public final class TestHttpServer implements AutoCloseable {
    private final HttpServer server;

    /** What a handler answers. */
    public record Answer(int status, String body, Map<String, String> headers) {
        public static Answer of(int status, String body) {
            return new Answer(status, body, Map.of());
        }
    }

    /** Answers a request. */
    @FunctionalInterface
    public interface Handler {
        Answer answer(HttpExchange exchange) throws IOException;
    }

    private TestHttpServer(HttpServer server) {
        this.server = server;
    }

    /** Starts a server with no paths; add them with {@link #on}. */
    public static TestHttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return new TestHttpServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers requests to {@code path} (and below it) with {@code handler}. */
    public TestHttpServer on(String path, Handler handler) {
        server.createContext(path, exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                Answer answer = handler.answer(exchange);
                answer.headers().forEach(exchange.getResponseHeaders()::add);
                byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    exchange.getResponseBody().write(body);
                }
            }
        });
        return this;
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
