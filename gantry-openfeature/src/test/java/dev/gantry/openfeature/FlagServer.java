package dev.gantry.openfeature;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A small Gantry control plane for tests, on a loopback port: {@code GET /sdk/v1/stream} sends the
 * current snapshot as a {@code put} event and keeps the stream open for more, {@code POST
 * /sdk/v1/metrics} records the batches. It can refuse new connections (HTTP 503) and drop open
 * streams, to play an outage.
 */
final class FlagServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Stream> streams = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> metricBatches = new LinkedBlockingQueue<>();
    private volatile String snapshot;
    private volatile boolean refusing;

    private FlagServer(String snapshot) throws IOException {
        this.snapshot = snapshot;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sdk/v1/stream", this::stream);
        server.createContext("/sdk/v1/metrics", this::metrics);
        server.setExecutor(executor);
        server.start();
    }

    static FlagServer start(String snapshot) {
        try {
            return new FlagServer(snapshot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Makes {@code next} the snapshot in force and sends it to every open stream. */
    void put(String next) {
        snapshot = next;
        streams.forEach(s -> s.send("put", next));
    }

    /** Answers new stream requests with 503 while {@code refuse} is true. */
    void refuseConnections(boolean refuse) {
        refusing = refuse;
    }

    /** Ends every open stream, as a server restart would. */
    void dropStreams() {
        streams.forEach(Stream::end);
    }

    /** The metric batches received, in order. */
    BlockingQueue<String> metricBatches() {
        return metricBatches;
    }

    private void stream(HttpExchange exchange) throws IOException {
        if (refusing) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        Stream stream = new Stream(exchange);
        streams.add(stream);
        stream.send("put", snapshot);
        try {
            stream.ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streams.remove(stream);
            exchange.close();
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        metricBatches.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(202, -1);
        exchange.close();
    }

    @Override
    public void close() {
        dropStreams();
        server.stop(0);
        executor.shutdownNow();
    }

    private static final class Stream {
        private final OutputStream body;
        private final CountDownLatch ended = new CountDownLatch(1);

        Stream(HttpExchange exchange) {
            this.body = exchange.getResponseBody();
        }

        synchronized void send(String event, String data) {
            StringBuilder text = new StringBuilder("event: ").append(event).append('\n');
            data.lines().forEach(line -> text.append("data: ").append(line).append('\n'));
            text.append('\n');
            try {
                body.write(text.toString().getBytes(StandardCharsets.UTF_8));
                body.flush();
            } catch (IOException e) {
                end();
            }
        }

        void end() {
            ended.countDown();
        }
    }
}
