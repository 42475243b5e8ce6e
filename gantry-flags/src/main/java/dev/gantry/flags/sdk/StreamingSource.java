package dev.gantry.flags.sdk;

import dev.gantry.flags.Snapshot;
import dev.gantry.flags.SnapshotFormatException;
import dev.gantry.flags.SnapshotPatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Follows {@code GET /sdk/v1/stream} (server-sent events): {@code put} replaces the snapshot,
 * {@code patch} changes it, comments are heartbeats. Reconnects with exponential backoff and
 * jitter, resuming with {@code Last-Event-ID} set to the version in force. A stream silent for
 * longer than the read timeout is treated as dead. One dedicated daemon thread reads the stream.
 */
final class StreamingSource implements SnapshotSource {
    private final Endpoints endpoints;
    private final HttpClient http;
    private final SourceSink sink;
    private final Backoff backoff;
    private final Clock clock;
    private final Duration readTimeout;
    private final ScheduledExecutorService scheduler;

    private volatile boolean closed;
    private volatile InputStream body;
    private volatile long lastActivity;
    private volatile boolean idleTimeout;
    private volatile long serverRetryMillis = -1;
    private boolean forceFull;
    private boolean reconnectNow;
    private Thread thread;
    private ScheduledFuture<?> watchdog;

    StreamingSource(Endpoints endpoints, HttpClient http, SourceSink sink, Backoff backoff, Clock clock,
            Duration readTimeout, ScheduledExecutorService scheduler) {
        this.endpoints = endpoints;
        this.http = http;
        this.sink = sink;
        this.backoff = backoff;
        this.clock = clock;
        this.readTimeout = readTimeout;
        this.scheduler = scheduler;
    }

    @Override
    public void start() {
        thread = new Thread(this::run, "gantry-sdk-stream");
        thread.setDaemon(true);
        thread.start();
        long period = Math.max(50, Math.min(1000, readTimeout.toMillis() / 4));
        watchdog = scheduler.scheduleWithFixedDelay(this::checkIdle, period, period, TimeUnit.MILLISECONDS);
    }

    private void run() {
        int attempt = 0;
        while (!closed) {
            boolean healthy;
            try {
                healthy = connectOnce();
            } catch (RuntimeException e) {
                // never let an unexpected failure end the stream thread: report it and reconnect
                healthy = false;
                sink.failed("Unexpected failure on the flag stream from " + endpoints.stream() + ": " + e);
            }
            Thread.interrupted(); // a watchdog interrupt must not cut the backoff sleep short
            if (closed) {
                break;
            }
            if (healthy) {
                attempt = 0;
            }
            long delay = serverRetryMillis > 0 && attempt == 0 ? serverRetryMillis : backoff.delay(attempt).toMillis();
            attempt++;
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
            }
        }
    }

    /** @return true when the connection delivered at least one event or heartbeat */
    private boolean connectOnce() {
        boolean resume = !forceFull && sink.hasSnapshot();
        forceFull = false;
        reconnectNow = false;
        idleTimeout = false;
        HttpRequest.Builder req = endpoints.request(endpoints.stream(), true)
                .header("Accept", "text/event-stream")
                .header("Cache-Control", "no-cache")
                .GET();
        if (resume) {
            req.header("Last-Event-ID", sink.current().version());
        }
        HttpResponse<InputStream> resp;
        try {
            resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            sink.failed("Cannot reach " + endpoints.stream() + ": " + e);
            return false;
        } catch (InterruptedException e) {
            return false;
        }
        if (resp.statusCode() != 200) {
            closeQuietly(resp.body());
            sink.failed(Endpoints.describeStatus(resp.statusCode(), endpoints.stream()));
            return false;
        }
        if (resume) {
            sink.confirmed();
        }
        boolean received = false;
        body = resp.body();
        lastActivity = clock.millis();
        SseParser parser = new SseParser(this::onEvent, ms -> serverRetryMillis = ms);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while (!closed && !reconnectNow && (line = reader.readLine()) != null) {
                lastActivity = clock.millis();
                received = true;
                parser.line(line);
            }
            if (!closed && !reconnectNow) {
                sink.failed("The flag stream from " + endpoints.stream() + " ended; reconnecting.");
            }
        } catch (IOException e) {
            if (!closed) {
                sink.failed(idleTimeout
                        ? "No event or heartbeat on " + endpoints.stream() + " for " + readTimeout.toSeconds()
                                + " s; reconnecting."
                        : "Lost the flag stream from " + endpoints.stream() + ": " + e);
            }
        } finally {
            body = null;
        }
        return received;
    }

    private void onEvent(SseParser.Event event) {
        switch (event.type()) {
            case "put" -> {
                try {
                    sink.accept(Snapshot.parse(event.data().getBytes(StandardCharsets.UTF_8)));
                } catch (SnapshotFormatException e) {
                    sink.rejected("The snapshot from " + endpoints.stream() + " was rejected: " + e.getMessage());
                }
            }
            case "patch" -> {
                try {
                    sink.accept(SnapshotPatch.apply(sink.current(), event.data()));
                } catch (SnapshotPatch.BaseMismatchException e) {
                    forceFull = true;
                    reconnectNow = true;
                } catch (SnapshotFormatException | IllegalArgumentException e) {
                    sink.rejected("A patch from " + endpoints.stream() + " was rejected: " + e.getMessage()
                            + " Reconnecting for a full snapshot.");
                    forceFull = true;
                    reconnectNow = true;
                }
            }
            default -> {
                // unknown event types are ignored so servers can add new ones
            }
        }
    }

    private void checkIdle() {
        InputStream b = body;
        if (b != null && clock.millis() - lastActivity > readTimeout.toMillis()) {
            idleTimeout = true;
            closeQuietly(b);
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // closing a dead stream; nothing to report
        }
    }

    @Override
    public void close() {
        closed = true;
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        InputStream b = body;
        if (b != null) {
            closeQuietly(b);
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
