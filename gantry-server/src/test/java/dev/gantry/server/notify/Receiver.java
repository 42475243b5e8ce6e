package dev.gantry.server.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP receiver on 127.0.0.1 and a free port: records every request, answers scripted
 * statuses (then 200, or 202 as PagerDuty does), and can go down and come back on the same port.
 */
public final class Receiver implements AutoCloseable {
    /**
     * A request as received.
     *
     * @param path the path
     * @param headers the headers, names lower case
     * @param body the body
     * @param status what the receiver answered
     */
    public record Request(String path, Map<String, String> headers, String body, int status) {
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), "");
        }
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Integer> script = new ArrayDeque<>();
    private final int okStatus;
    private volatile boolean echo;
    private HttpServer server;
    private int port;

    public Receiver(int okStatus) {
        this.okStatus = okStatus;
        this.port = 0;
        up();
    }

    /** Starts listening (again, on the same port after {@link #down}). */
    public synchronized void up() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = next();
            Map<String, String> headers = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
            requests.add(new Request(exchange.getRequestURI().getPath(), headers, new String(body, StandardCharsets.UTF_8), status));
            byte[] answer = status < 300 ? "ok".getBytes(StandardCharsets.UTF_8)
                    : echo ? body : "{\"error\":\"receiver said no\"}".getBytes(StandardCharsets.UTF_8);
            if (status == 429) {
                exchange.getResponseHeaders().add("Retry-After", "0");
            }
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
    }

    /** Stops listening: connections are refused until {@link #up}. */
    public synchronized void down() {
        server.stop(0);
    }

    /** The next requests get these statuses, in order. */
    public synchronized Receiver answer(Integer... statuses) {
        script.addAll(List.of(statuses));
        return this;
    }

    private synchronized int next() {
        return script.isEmpty() ? okStatus : script.poll();
    }

    /** Error answers repeat the request body (as some receivers do, secrets and all). */
    public Receiver echoOnError() {
        echo = true;
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** @return the requests the receiver accepted (2xx) */
    public List<Request> accepted() {
        return requests.stream().filter(r -> r.status() < 300).toList();
    }

    @Override
    public synchronized void close() {
        server.stop(0);
    }
}
