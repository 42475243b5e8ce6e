package dev.gantry.flags.sdk;

import dev.gantry.flags.Snapshot;
import dev.gantry.flags.SnapshotFormatException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Polls {@code GET /sdk/v1/flags} with {@code If-None-Match} set to the current snapshot's
 * version, so an unchanged snapshot costs a 304 and no body.
 */
final class PollingSource implements SnapshotSource {
    private final Endpoints endpoints;
    private final HttpClient http;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private final SourceSink sink;
    private volatile ScheduledFuture<?> task;

    PollingSource(Endpoints endpoints, HttpClient http, Duration interval, ScheduledExecutorService scheduler,
            SourceSink sink) {
        this.endpoints = endpoints;
        this.http = http;
        this.interval = interval;
        this.scheduler = scheduler;
        this.sink = sink;
    }

    @Override
    public void start() {
        task = scheduler.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void poll() {
        try {
            pollOnce();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: report and keep polling
            sink.failed("Unexpected failure polling " + endpoints.flags() + ": " + e);
        }
    }

    private void pollOnce() {
        HttpRequest.Builder req = endpoints.request(endpoints.flags(), true).header("Accept", "application/json").GET();
        if (sink.hasSnapshot()) {
            req.header("If-None-Match", Etags.quote(sink.current().version()));
        }
        HttpResponse<byte[]> resp;
        try {
            resp = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            sink.failed("Cannot reach " + endpoints.flags() + ": " + e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        switch (resp.statusCode()) {
            case 200 -> {
                try {
                    sink.accept(Snapshot.parse(resp.body()));
                } catch (SnapshotFormatException e) {
                    sink.rejected("The snapshot from " + endpoints.flags() + " was rejected: " + e.getMessage());
                }
            }
            case 304 -> sink.confirmed();
            default -> sink.failed(Endpoints.describeStatus(resp.statusCode(), endpoints.flags()));
        }
    }

    @Override
    public void close() {
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(true);
        }
    }
}
