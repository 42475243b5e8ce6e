package dev.gantry.flags.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gantry.flags.Snapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A small Gantry server for SDK tests, speaking docs/sdk-protocol.md over a real socket:
 * {@code GET /sdk/v1/flags} with ETag, {@code GET /sdk/v1/stream} (SSE, put on connect unless
 * Last-Event-ID is current), {@code POST /sdk/v1/metrics}.
 */
final class TestFlagServer implements AutoCloseable {
    static final String SDK_KEY = "sdk-test-4f1c9a0b7e";

    record Request(String method, String path, Map<String, List<String>> headers) {
        String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final class Stream {
        final HttpExchange exchange;
        final OutputStream out;
        final CountDownLatch done = new CountDownLatch(1);

        Stream(HttpExchange exchange) {
            this.exchange = exchange;
            this.out = exchange.getResponseBody();
        }

        synchronized boolean write(String text) {
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
                return true;
            } catch (IOException e) {
                close();
                return false;
            }
        }

        void close() {
            streams.remove(this);
            exchange.close();
            done.countDown();
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-flag-server");
        t.setDaemon(true);
        return t;
    });
    private final List<Stream> streams = new CopyOnWriteArrayList<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final List<String> metricBatches = new CopyOnWriteArrayList<>();
    private volatile Snapshot snapshot;
    volatile boolean sendPutOnConnect = true;

    private TestFlagServer(Snapshot initial, int port) throws IOException {
        this.snapshot = initial;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(executor);
        server.createContext("/sdk/v1/flags", this::flags);
        server.createContext("/sdk/v1/stream", this::stream);
        server.createContext("/sdk/v1/metrics", this::metrics);
        server.start();
    }

    static TestFlagServer start(Snapshot initial) throws IOException {
        return new TestFlagServer(initial, 0);
    }

    /** Starts a server on a given port, e.g. to bring a stopped one back. */
    static TestFlagServer startOn(int port, Snapshot initial) throws IOException {
        return new TestFlagServer(initial, port);
    }

    int port() {
        return server.getAddress().getPort();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    int openStreams() {
        return streams.size();
    }

    private boolean authorized(HttpExchange ex) throws IOException {
        requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders())));
        if (!("Bearer " + SDK_KEY).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            ex.sendResponseHeaders(401, -1);
            ex.close();
            return false;
        }
        return true;
    }

    private void flags(HttpExchange ex) throws IOException {
        if (!authorized(ex)) {
            return;
        }
        Snapshot s = snapshot;
        String etag = "\"" + s.version() + "\"";
        ex.getResponseHeaders().set("ETag", etag);
        if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
            ex.sendResponseHeaders(304, -1);
        } else {
            byte[] body = s.toJsonBytes();
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    private void stream(HttpExchange ex) throws IOException {
        if (!authorized(ex)) {
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        Stream st = new Stream(ex);
        streams.add(st);
        String lastId = ex.getRequestHeaders().getFirst("Last-Event-ID");
        Snapshot s = snapshot;
        if (sendPutOnConnect && !s.version().equals(lastId)) {
            st.write(putEvent(s));
        } else {
            st.write(": connected\n\n");
        }
        try {
            st.done.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void metrics(HttpExchange ex) throws IOException {
        if (!authorized(ex)) {
            return;
        }
        metricBatches.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        ex.sendResponseHeaders(202, -1);
        ex.close();
    }

    private static String putEvent(Snapshot s) {
        return "event: put\nid: " + s.version() + "\ndata: " + s.toJson() + "\n\n";
    }

    /** Makes s current and pushes it to every open stream as a put event. */
    void publish(Snapshot s) {
        snapshot = s;
        for (Stream st : streams) {
            st.write(putEvent(s));
        }
    }

    /** Pushes a raw event (already formatted, ending with a blank line) to every open stream. */
    void pushRaw(String event) {
        for (Stream st : streams) {
            st.write(event);
        }
    }

    /** Sets the snapshot served by GET /sdk/v1/flags and new streams without pushing it. */
    void setSnapshot(Snapshot s) {
        snapshot = s;
    }

    void heartbeat() {
        pushRaw(": heartbeat\n\n");
    }

    void dropStreams() {
        for (Stream st : streams) {
            st.close();
        }
    }

    @Override
    public void close() {
        dropStreams();
        server.stop(0);
        executor.shutdownNow();
    }
}
