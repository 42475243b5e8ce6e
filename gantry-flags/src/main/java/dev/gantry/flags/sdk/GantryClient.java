package dev.gantry.flags.sdk;

import dev.gantry.flags.EvaluationContext;
import dev.gantry.flags.EvaluationDetail;
import dev.gantry.flags.Flag;
import dev.gantry.flags.FlagEvaluator;
import dev.gantry.flags.JsonValue;
import dev.gantry.flags.Snapshot;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The Gantry Java SDK client: evaluates flags locally against the snapshot in force, which a
 * source keeps current (a file, HTTP polling, or a server-sent-event stream; see
 * docs/sdk-protocol.md). Optionally keeps a last-known-good cache file so an application starts
 * and keeps evaluating while the control plane is down, counts evaluations per flag and variant
 * plus events the application reports, and sends them to the server in batches.
 *
 * <pre>{@code
 * try (GantryClient client = GantryClient.builder()
 *         .baseUri(URI.create("https://gantry.example.com"))
 *         .sdkKey(System.getenv("GANTRY_SDK_KEY"))
 *         .cacheFile(Path.of("/var/cache/myapp/flags.json"))
 *         .build()) {
 *     client.awaitReady(Duration.ofSeconds(2));
 *     boolean on = client.booleanValue("new-checkout", EvaluationContext.of(userId), false);
 * }
 * }</pre>
 *
 * <p>Thread-safe. Evaluation never throws and never blocks on the network; before any snapshot is
 * available it returns the caller's default with {@code FLAG_NOT_FOUND}. {@link #close()} stops
 * the background threads and sends the last metrics batch; evaluations after close keep answering
 * from the last snapshot.
 */
public final class GantryClient implements FlagEvaluator, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(GantryClient.class.getName());
    private static final int MAX_PENDING_BATCHES = 10;

    private record State(Snapshot snapshot, MetricsCollector.Slots slots, boolean real) {
    }

    private final Object lock = new Object();
    private final Clock clock;
    private final CacheFile cache;
    private final Endpoints endpoints;
    private final HttpClient http;
    private final boolean ownsHttp;
    private final boolean metricsEnabled;
    private final MetricsCollector metrics = new MetricsCollector();
    private final ArrayDeque<byte[]> pendingBatches = new ArrayDeque<>();
    private final List<GantryListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final ExecutorService notifier;
    private final SnapshotSource source;

    private volatile State state;
    private ClientStatus status = ClientStatus.INITIALIZING;
    private Instant periodStart;

    private GantryClient(Builder b) {
        this.clock = b.clock;
        this.cache = b.cacheFile == null ? null : new CacheFile(b.cacheFile);
        this.endpoints = b.baseUri == null ? null : new Endpoints(b.baseUri, b.sdkKey, b.requestTimeout);
        this.ownsHttp = b.httpClient == null && endpoints != null;
        this.http = b.httpClient != null ? b.httpClient
                : endpoints == null ? null : HttpClient.newBuilder().connectTimeout(b.requestTimeout).build();
        this.metricsEnabled = endpoints != null && !b.metricsDisabled;
        this.listeners.addAll(b.listeners);
        this.scheduler = Executors.newScheduledThreadPool(2, daemon("gantry-sdk-scheduler"));
        this.notifier = Executors.newSingleThreadExecutor(daemon("gantry-sdk-events"));
        this.periodStart = clock.instant();
        this.state = new State(Snapshot.empty(), slots(Snapshot.empty()), false);

        if (cache != null) {
            cache.load().ifPresent(s -> {
                state = new State(s, slots(s), true);
                setStatus(ClientStatus.STALE, "Serving the cached snapshot " + s.version() + " until the server answers.");
                notifySnapshot(new SnapshotChange(Snapshot.empty(), s, keys(s)));
            });
        }
        Sink sink = new Sink();
        if (b.file != null) {
            source = new FileSource(b.file, b.fileReloadInterval, scheduler, sink);
        } else if (b.pollInterval != null) {
            source = new PollingSource(endpoints, http, b.pollInterval, scheduler, sink);
        } else {
            source = new StreamingSource(endpoints, http, sink,
                    new Backoff(b.reconnectInitial, b.reconnectMax, () -> ThreadLocalRandom.current().nextDouble()),
                    clock, b.streamReadTimeout, scheduler);
        }
        source.start();
        if (metricsEnabled) {
            long ms = b.metricsInterval.toMillis();
            scheduler.scheduleWithFixedDelay(this::flushQuietly, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /** @return a builder; see {@link Builder} for the settings and which ones conflict */
    public static Builder builder() {
        return new Builder();
    }

    private MetricsCollector.Slots slots(Snapshot s) {
        return metricsEnabled ? new MetricsCollector.Slots(s) : null;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    // ---- evaluation ----

    @Override
    public EvaluationDetail<Boolean> booleanDetail(String flagKey, EvaluationContext context, boolean defaultValue) {
        State s = state;
        EvaluationDetail<Boolean> d = s.snapshot.booleanDetail(flagKey, context, defaultValue);
        count(s, flagKey, d);
        return d;
    }

    @Override
    public EvaluationDetail<String> stringDetail(String flagKey, EvaluationContext context, String defaultValue) {
        State s = state;
        EvaluationDetail<String> d = s.snapshot.stringDetail(flagKey, context, defaultValue);
        count(s, flagKey, d);
        return d;
    }

    @Override
    public EvaluationDetail<Double> numberDetail(String flagKey, EvaluationContext context, double defaultValue) {
        State s = state;
        EvaluationDetail<Double> d = s.snapshot.numberDetail(flagKey, context, defaultValue);
        count(s, flagKey, d);
        return d;
    }

    @Override
    public EvaluationDetail<JsonValue> jsonDetail(String flagKey, EvaluationContext context, JsonValue defaultValue) {
        State s = state;
        EvaluationDetail<JsonValue> d = s.snapshot.jsonDetail(flagKey, context, defaultValue);
        count(s, flagKey, d);
        return d;
    }

    private void count(State s, String flagKey, EvaluationDetail<?> d) {
        if (s.slots != null) {
            s.slots.record(flagKey, d, metrics);
        }
    }

    /** @return the snapshot in force ({@link Snapshot#empty()} before the first one) */
    public Snapshot snapshot() {
        return state.snapshot;
    }

    // ---- application-reported events ----

    /**
     * Counts an application event against the variant this context is served for the flag, so
     * the server can compare, say, error rates between variants. The flag is evaluated again
     * (cheaply, locally) to find the variant; that evaluation is not counted.
     *
     * @param flagKey the flag the event is attributed to
     * @param context the context the flag was evaluated for
     * @param eventName the event name, e.g. {@code "error"} or {@code "checkout-completed"}
     */
    public void track(String flagKey, EvaluationContext context, String eventName) {
        if (!metricsEnabled || flagKey == null || eventName == null || eventName.isBlank()) {
            return;
        }
        metrics.event(flagKey, variantFor(state.snapshot, flagKey, context), eventName);
    }

    /**
     * Reports an application error attributed to the flag's variant for this context; shorthand
     * for {@code track(flagKey, context, "error")}.
     *
     * @param flagKey the flag
     * @param context the context the flag was evaluated for
     */
    public void recordError(String flagKey, EvaluationContext context) {
        track(flagKey, context, "error");
    }

    private static Optional<String> variantFor(Snapshot s, String flagKey, EvaluationContext ctx) {
        Optional<Flag> flag = s.flag(flagKey);
        if (flag.isEmpty()) {
            return Optional.empty();
        }
        EvaluationDetail<?> d = switch (flag.get().type()) {
            case BOOLEAN -> s.booleanDetail(flagKey, ctx, false);
            case STRING -> s.stringDetail(flagKey, ctx, "");
            case NUMBER -> s.numberDetail(flagKey, ctx, 0);
            case JSON -> s.jsonDetail(flagKey, ctx, JsonValue.NULL);
        };
        return d.variant();
    }

    /**
     * Sends everything counted since the last batch to {@code POST /sdk/v1/metrics} now, with any
     * earlier batches that could not be sent. Does nothing when metrics are off.
     *
     * @return true when every pending batch was accepted (or there was nothing to send)
     */
    public boolean flushMetrics() {
        if (!metricsEnabled) {
            return true;
        }
        synchronized (pendingBatches) {
            Instant now = clock.instant();
            metrics.drain(state.slots, periodStart, now).ifPresent(batch -> {
                pendingBatches.addLast(batch);
                while (pendingBatches.size() > MAX_PENDING_BATCHES) {
                    pendingBatches.removeFirst();
                }
            });
            periodStart = now;
            while (!pendingBatches.isEmpty()) {
                if (!post(pendingBatches.peekFirst())) {
                    return false;
                }
                pendingBatches.removeFirst();
            }
            return true;
        }
    }

    private void flushQuietly() {
        try {
            flushMetrics();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sending flag metrics failed: {0}", e.toString());
        }
    }

    private boolean post(byte[] batch) {
        HttpRequest req = endpoints.request(endpoints.metrics(), true)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch))
                .build();
        try {
            HttpResponse<Void> resp = http.send(req, HttpResponse.BodyHandlers.discarding());
            if (resp.statusCode() / 100 == 2) {
                return true;
            }
            LOG.log(Level.WARNING, "Flag metrics not accepted: {0}", Endpoints.describeStatus(resp.statusCode(), endpoints.metrics()));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot send flag metrics to {0}: {1}", endpoints.metrics(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    // ---- status and listeners ----

    /** @return the current status */
    public ClientStatus status() {
        synchronized (lock) {
            return status;
        }
    }

    /**
     * Waits until the client is {@link ClientStatus#READY} (a snapshot from the source is in force).
     *
     * @param timeout how long to wait at most
     * @return true when ready; false on timeout (the client keeps serving what it has, e.g. the cache)
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (status != ClientStatus.READY) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || status == ClientStatus.CLOSED) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /**
     * Waits until the client has left {@link ClientStatus#INITIALIZING}: it is serving a snapshot
     * (READY, or STALE from the cache) or knows it cannot (ERROR).
     *
     * @param timeout how long to wait at most
     * @return the status reached, or INITIALIZING on timeout
     * @throws InterruptedException if interrupted while waiting
     */
    public ClientStatus awaitInitialized(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (status == ClientStatus.INITIALIZING) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return status;
        }
    }

    /**
     * @param listener receives snapshot and status changes from now on
     * @return a handle whose {@code close()} removes the listener
     */
    public AutoCloseable addListener(GantryListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void setStatus(ClientStatus next, String message) {
        StatusChange change;
        synchronized (lock) {
            if (status == ClientStatus.CLOSED) {
                return;
            }
            if (next == status && message == null) {
                return;
            }
            change = new StatusChange(status, next, Optional.ofNullable(message));
            status = next;
            lock.notifyAll();
        }
        if (message != null && next != ClientStatus.READY) {
            LOG.log(Level.WARNING, message);
        }
        for (GantryListener l : listeners) {
            dispatch(() -> l.onStatusChanged(change));
        }
    }

    private void notifySnapshot(SnapshotChange change) {
        for (GantryListener l : listeners) {
            dispatch(() -> l.onSnapshotChanged(change));
        }
    }

    private void dispatch(Runnable task) {
        try {
            notifier.execute(() -> safely(task));
        } catch (RejectedExecutionException e) {
            // closed: late events from a stopping source are dropped
        }
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A flag listener failed: {0}", e.toString());
        }
    }

    private static Set<String> keys(Snapshot s) {
        Set<String> keys = new HashSet<>();
        s.flags().forEach(f -> keys.add(f.key()));
        return keys;
    }

    static Set<String> changedFlags(Snapshot before, Snapshot after) {
        Map<String, Flag> old = new HashMap<>();
        before.flags().forEach(f -> old.put(f.key(), f));
        boolean segmentsChanged = !before.segments().equals(after.segments());
        Set<String> changed = new HashSet<>();
        for (Flag f : after.flags()) {
            Flag o = old.remove(f.key());
            if (segmentsChanged || !f.equals(o)) {
                changed.add(f.key());
            }
        }
        changed.addAll(old.keySet());
        return changed;
    }

    /** Receives what the source delivers. */
    private final class Sink implements SourceSink {
        @Override
        public Snapshot current() {
            return state.snapshot;
        }

        @Override
        public boolean hasSnapshot() {
            return state.real;
        }

        @Override
        public void accept(Snapshot snapshot) {
            SnapshotChange change = null;
            synchronized (lock) {
                if (status == ClientStatus.CLOSED) {
                    return;
                }
                State old = state;
                Set<String> changed = changedFlags(old.snapshot, snapshot);
                if (!old.real || !changed.isEmpty() || !old.snapshot.version().equals(snapshot.version())) {
                    state = new State(snapshot, slots(snapshot), true);
                    if (old.slots != null) {
                        metrics.retire(old.slots);
                    }
                    change = new SnapshotChange(old.snapshot, snapshot, changed);
                }
            }
            if (change != null) {
                if (cache != null) {
                    dispatch(() -> cache.store(snapshot));
                }
                notifySnapshot(change);
            }
            setStatus(ClientStatus.READY, null);
        }

        @Override
        public void confirmed() {
            if (state.real) {
                setStatus(ClientStatus.READY, null);
            }
        }

        @Override
        public void failed(String message) {
            setStatus(state.real ? ClientStatus.STALE : ClientStatus.ERROR, message);
        }

        @Override
        public void rejected(String message) {
            setStatus(state.real ? ClientStatus.STALE : ClientStatus.ERROR, message);
        }
    }

    /**
     * Stops the source and background threads and sends the last metrics batch. Idempotent.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (status == ClientStatus.CLOSED) {
                return;
            }
        }
        source.close();
        scheduler.shutdownNow();
        if (metricsEnabled) {
            flushQuietly();
        }
        setStatus(ClientStatus.CLOSED, null);
        notifier.shutdown();
        try {
            notifier.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsHttp) {
            http.shutdownNow(); // close() would wait for a stream request still winding down
        }
    }

    @Override
    public String toString() {
        return "GantryClient[" + (endpoints == null ? "file" : endpoints) + ", snapshot=" + state.snapshot.version()
                + ", status=" + status() + "]";
    }

    /**
     * Configures a {@link GantryClient}. Settings that contradict each other are rejected at once
     * with an {@link IllegalStateException} naming both; {@link #build()} rejects incomplete
     * configurations the same way. Not thread-safe.
     *
     * <p>Sources: {@link #file(Path)}, or {@link #baseUri(URI)} with {@link #sdkKey(String)} and
     * either {@link #streaming()} (the default) or {@link #polling(Duration)}.
     */
    public static final class Builder {
        private String sdkKey;
        private URI baseUri;
        private Path file;
        private Duration pollInterval;
        private boolean streaming;
        private Duration fileReloadInterval = Duration.ofSeconds(1);
        private boolean fileReloadSet;
        private Path cacheFile;
        private Duration metricsInterval = Duration.ofSeconds(60);
        private boolean metricsIntervalSet;
        private boolean metricsDisabled;
        private Clock clock = Clock.systemUTC();
        private HttpClient httpClient;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration streamReadTimeout = Duration.ofSeconds(60);
        private boolean streamReadTimeoutSet;
        private Duration reconnectInitial = Duration.ofSeconds(1);
        private Duration reconnectMax = Duration.ofSeconds(30);
        private boolean reconnectSet;
        private final List<GantryListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param key the SDK key sent as {@code Authorization: Bearer <key>}; never logged
         * @return this builder
         */
        public Builder sdkKey(String key) {
            Objects.requireNonNull(key, "sdkKey");
            if (key.isBlank()) {
                throw new IllegalArgumentException("sdkKey(...) must not be blank.");
            }
            this.sdkKey = key;
            return this;
        }

        /**
         * @param uri the Gantry server, e.g. {@code https://gantry.example.com}; the SDK endpoints
         *     are resolved under it
         * @return this builder
         */
        public Builder baseUri(URI uri) {
            Objects.requireNonNull(uri, "baseUri");
            if (file != null) {
                throw new IllegalStateException("baseUri(...) conflicts with file(...) set earlier: a client reads"
                        + " flags either from a server or from a file, not both.");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("baseUri(...) must be an http or https URI, got '" + uri.getScheme()
                        + ":'.");
            }
            this.baseUri = uri;
            return this;
        }

        /**
         * Reads flags from a snapshot file and reloads it when it changes.
         *
         * @param snapshotFile a file in the format of docs/flags-format.md
         * @return this builder
         */
        public Builder file(Path snapshotFile) {
            Objects.requireNonNull(snapshotFile, "file");
            if (baseUri != null) {
                throw new IllegalStateException("file(...) conflicts with baseUri(...) set earlier: a client reads"
                        + " flags either from a server or from a file, not both.");
            }
            this.file = snapshotFile;
            return this;
        }

        /**
         * Follows the server's event stream (the default with {@link #baseUri(URI)}).
         *
         * @return this builder
         */
        public Builder streaming() {
            if (pollInterval != null) {
                throw new IllegalStateException("streaming() conflicts with polling(...) set earlier; choose one.");
            }
            this.streaming = true;
            return this;
        }

        /**
         * Polls the server instead of streaming.
         *
         * @param interval time between polls, at least 50 ms (30 s is a good production value)
         * @return this builder
         */
        public Builder polling(Duration interval) {
            if (streaming) {
                throw new IllegalStateException("polling(...) conflicts with streaming() set earlier; choose one.");
            }
            if (reconnectSet || streamReadTimeoutSet) {
                throw new IllegalStateException("polling(...) conflicts with "
                        + (reconnectSet ? "reconnectDelay(...)" : "streamReadTimeout(...)")
                        + " set earlier, which only applies to streaming.");
            }
            this.pollInterval = atLeast(interval, Duration.ofMillis(50), "polling(...)");
            return this;
        }

        /**
         * @param interval how often a {@link #file(Path)} source checks the file for changes (default 1 s)
         * @return this builder
         */
        public Builder fileReloadInterval(Duration interval) {
            this.fileReloadInterval = atLeast(interval, Duration.ofMillis(10), "fileReloadInterval(...)");
            this.fileReloadSet = true;
            return this;
        }

        /**
         * @param path where the last snapshot received from the server is kept; read at start
         *     so the application can evaluate while the server is unreachable
         * @return this builder
         */
        public Builder cacheFile(Path path) {
            this.cacheFile = Objects.requireNonNull(path, "cacheFile");
            return this;
        }

        /**
         * @param interval how often metric batches are sent (default 60 s)
         * @return this builder
         */
        public Builder metricsInterval(Duration interval) {
            if (metricsDisabled) {
                throw new IllegalStateException("metricsInterval(...) conflicts with disableMetrics() set earlier.");
            }
            this.metricsInterval = atLeast(interval, Duration.ofMillis(10), "metricsInterval(...)");
            this.metricsIntervalSet = true;
            return this;
        }

        /**
         * Turns off evaluation counters and metric batches.
         *
         * @return this builder
         */
        public Builder disableMetrics() {
            if (metricsIntervalSet) {
                throw new IllegalStateException("disableMetrics() conflicts with metricsInterval(...) set earlier.");
            }
            this.metricsDisabled = true;
            return this;
        }

        /**
         * @param clock time source for metric periods and stream idle detection (default UTC system clock)
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param client the HTTP client to use (not closed by the SDK); default: a new one
         * @return this builder
         */
        public Builder httpClient(HttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "httpClient");
            return this;
        }

        /**
         * @param timeout connect and response-header timeout for each request (default 10 s)
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = atLeast(timeout, Duration.ofMillis(1), "requestTimeout(...)");
            return this;
        }

        /**
         * @param timeout a stream silent (no event, no heartbeat) this long is reconnected (default 60 s;
         *     servers send a heartbeat every 15 s)
         * @return this builder
         */
        public Builder streamReadTimeout(Duration timeout) {
            if (pollInterval != null) {
                throw new IllegalStateException("streamReadTimeout(...) conflicts with polling(...) set earlier.");
            }
            this.streamReadTimeout = atLeast(timeout, Duration.ofMillis(100), "streamReadTimeout(...)");
            this.streamReadTimeoutSet = true;
            return this;
        }

        /**
         * @param initial first reconnect delay (default 1 s)
         * @param max longest reconnect delay (default 30 s); each delay is jittered to 50..100 %
         * @return this builder
         */
        public Builder reconnectDelay(Duration initial, Duration max) {
            if (pollInterval != null) {
                throw new IllegalStateException("reconnectDelay(...) conflicts with polling(...) set earlier.");
            }
            this.reconnectInitial = atLeast(initial, Duration.ofMillis(1), "reconnectDelay(initial, ...)");
            this.reconnectMax = atLeast(max, initial, "reconnectDelay(..., max)");
            this.reconnectSet = true;
            return this;
        }

        /**
         * Registers a listener before the client starts, so it sees the first snapshot too.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(GantryListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        private static Duration atLeast(Duration d, Duration min, String what) {
            Objects.requireNonNull(d, what);
            if (d.compareTo(min) < 0) {
                throw new IllegalArgumentException(what + " must be at least " + min.toMillis() + " ms, got "
                        + d.toMillis() + " ms.");
            }
            return d;
        }

        /**
         * Starts the client: loads the cache file if configured, then starts the source. A file
         * source reads the file before this returns.
         *
         * @return the running client
         * @throws IllegalStateException when the configuration is incomplete or contradictory
         */
        public GantryClient build() {
            if (file == null && baseUri == null) {
                throw new IllegalStateException("No flag source: call file(...) or baseUri(...) with sdkKey(...).");
            }
            if (file != null) {
                List<String> serverOnly = new ArrayList<>();
                if (sdkKey != null) {
                    serverOnly.add("sdkKey(...)");
                }
                if (streaming) {
                    serverOnly.add("streaming()");
                }
                if (pollInterval != null) {
                    serverOnly.add("polling(...)");
                }
                if (cacheFile != null) {
                    serverOnly.add("cacheFile(...)");
                }
                if (metricsIntervalSet) {
                    serverOnly.add("metricsInterval(...)");
                }
                if (reconnectSet) {
                    serverOnly.add("reconnectDelay(...)");
                }
                if (streamReadTimeoutSet) {
                    serverOnly.add("streamReadTimeout(...)");
                }
                if (httpClient != null) {
                    serverOnly.add("httpClient(...)");
                }
                if (!serverOnly.isEmpty()) {
                    throw new IllegalStateException(String.join(", ", serverOnly) + (serverOnly.size() == 1 ? " applies" : " apply")
                            + " only to a server source (baseUri(...)), not to file(...); a file source is its own"
                            + " last-known-good copy and sends no metrics.");
                }
            } else {
                if (sdkKey == null) {
                    throw new IllegalStateException("baseUri(...) needs sdkKey(...): the server authenticates SDKs by key.");
                }
                if (fileReloadSet) {
                    throw new IllegalStateException("fileReloadInterval(...) applies only to file(...), not to baseUri(...).");
                }
            }
            return new GantryClient(this);
        }
    }
}
