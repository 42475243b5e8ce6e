package dev.gantry.server.flag;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.flags.Snapshot;
import dev.gantry.flags.SnapshotPatch;
import dev.gantry.server.auth.Authenticator;
import dev.gantry.server.auth.SdkKeyStore;
import dev.gantry.server.http.JsonBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The SDK wire protocol of docs/sdk-protocol.md: the snapshot with its ETag, the server-sent
 * event stream ({@code put}, {@code patch}, heartbeats, resume with {@code Last-Event-ID}) and
 * the metrics endpoint, all authenticated by an environment's SDK key. Snapshots come from the
 * in-memory {@link SnapshotHub}, never from the database.
 */
public final class SdkRoutes {
    private final Authenticator auth;
    private final SnapshotHub hub;
    private final SdkMetricsStore metrics;
    private final Duration heartbeat;

    /**
     * @param auth authenticator
     * @param hub current snapshots
     * @param metrics where metric batches go
     * @param heartbeat how long a stream may stay silent before a heartbeat comment (at most 15 s)
     */
    public SdkRoutes(Authenticator auth, SnapshotHub hub, SdkMetricsStore metrics, Duration heartbeat) {
        this.auth = auth;
        this.hub = hub;
        this.metrics = metrics;
        this.heartbeat = heartbeat;
    }

    /** Registers the routes. */
    public void register(RoutesConfig r) {
        r.get("/sdk/v1/flags", this::snapshot);
        r.get("/sdk/v1/stream", this::stream);
        r.post("/sdk/v1/metrics", ctx -> {
            SdkKeyStore.KeyInfo key = auth.sdkKey(ctx, false);
            SdkMetricsStore.Batch batch = JsonBody.read(ctx, SdkMetricsStore.Batch.class);
            try {
                metrics.store(key.environment(), FlagJson.MAPPER.writeValueAsString(batch));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            ctx.status(202);
        });
    }

    private void snapshot(Context ctx) {
        SdkKeyStore.KeyInfo key = auth.sdkKey(ctx, false);
        Snapshot s = hub.current(key.environment());
        String etag = "\"" + s.version() + "\"";
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", etag);
        if (matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        ctx.status(200).contentType("application/json").result(s.toJsonBytes());
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String part : ifNoneMatch.split(",")) {
            String t = part.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals(etag) || t.equals("*")) {
                return true;
            }
        }
        return false;
    }

    private void stream(Context ctx) throws InterruptedException {
        SdkKeyStore.KeyInfo key = auth.sdkKey(ctx, false);
        String env = key.environment();
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setContentType("text/event-stream");
        res.setCharacterEncoding("UTF-8");
        res.setHeader("Cache-Control", "no-cache");
        res.setHeader("X-Accel-Buffering", "no");
        try (SnapshotHub.Subscription sub = hub.subscribe(env)) {
            OutputStream out = res.getOutputStream();
            Snapshot current = hub.current(env);
            String lastEventId = ctx.header("Last-Event-ID");
            Optional<Snapshot> base = lastEventId == null ? Optional.empty() : hub.historical(env, lastEventId.trim());
            Snapshot sent;
            if (base.isPresent() && base.get().version().equals(current.version())) {
                write(out, ": resumed at " + current.version() + "\n\n");
            } else if (base.isPresent()) {
                write(out, patch(base.get(), current));
            } else {
                write(out, put(current));
            }
            sent = current;
            while (true) {
                SnapshotHub.Signal signal = sub.await(heartbeat);
                if (signal == SnapshotHub.Signal.CLOSED || !auth.stillActive(key)) {
                    return;
                }
                Snapshot now = hub.current(env);
                if (!now.version().equals(sent.version())) {
                    write(out, patch(sent, now));
                    sent = now;
                } else if (signal == SnapshotHub.Signal.TIMEOUT) {
                    write(out, ": heartbeat\n\n");
                }
            }
        } catch (IOException e) {
            // the SDK went away; nothing to answer
        }
    }

    /*
     * Every stream of an environment sends the same events after a change; encoding them once
     * instead of once per stream matters with thousands of streams. Keyed by identity of the
     * snapshots (versions are only unique per environment).
     */
    private final java.util.Map<List<Object>, String> events = new java.util.concurrent.ConcurrentHashMap<>();

    private String put(Snapshot s) {
        return cached(List.of(s), () -> "event: put\nid: " + s.version() + "\ndata: " + s.toJson() + "\n\n");
    }

    private String patch(Snapshot base, Snapshot target) {
        return cached(List.of(base, target),
                () -> "event: patch\nid: " + target.version() + "\ndata: " + SnapshotPatch.diff(base, target) + "\n\n");
    }

    private String cached(List<Object> key, java.util.function.Supplier<String> make) {
        if (events.size() > 256) {
            events.clear();
        }
        return events.computeIfAbsent(key, k -> make.get());
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
