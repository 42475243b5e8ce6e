package dev.gantry.openfeature;

import dev.gantry.flags.EvaluationDetail;
import dev.gantry.flags.JsonValue;
import dev.gantry.flags.sdk.ClientStatus;
import dev.gantry.flags.sdk.GantryClient;
import dev.gantry.flags.sdk.GantryListener;
import dev.gantry.flags.sdk.SnapshotChange;
import dev.gantry.flags.sdk.StatusChange;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.EventProvider;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.ProviderEventDetails;
import dev.openfeature.sdk.TrackingEventDetails;
import dev.openfeature.sdk.Value;
import dev.openfeature.sdk.exceptions.GeneralError;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An OpenFeature {@code FeatureProvider} over a Gantry {@link GantryClient}: flags are evaluated
 * locally against the client's current snapshot.
 *
 * <p>Every OpenFeature flag type is served: boolean and string flags as such, number flags as
 * double or (when the served value is a whole number in range) integer, and JSON flags as
 * object {@link Value}s. Reasons and error codes are mapped as docs/flags-openfeature.md describes.
 *
 * <p>Events follow the client: READY when initialization finds a snapshot (or later, when the
 * client becomes READY again), CONFIGURATION_CHANGED with the changed flag keys when a new
 * snapshot takes effect, STALE when the client serves a snapshot it cannot confirm (source
 * failing, snapshot rejected, cache only), ERROR when it has no snapshot and the source fails.
 * {@link #track} feeds the client's per-variant event counters.
 *
 * <p>The provider owns the client: {@link #shutdown()} closes it. Thread-safe.
 */
public final class GantryProvider extends EventProvider {

    /** The tracking-event detail naming the flag an event is attributed to. */
    public static final String FLAG_KEY_DETAIL = "flagKey";
    /** How long {@link #initialize} waits for a first snapshot unless told otherwise. */
    public static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(5);

    private static final Metadata METADATA = () -> "Gantry";
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration STALE_AFTER_INIT = Duration.ofMillis(100);

    private final GantryClient client;
    private final Duration initTimeout;
    private final Listener listener = new Listener();
    private volatile boolean initialized;
    private volatile ClientStatus reported = ClientStatus.INITIALIZING;
    private volatile dev.gantry.flags.Snapshot initialSnapshot;
    private volatile AutoCloseable registration;

    /**
     * A provider that waits up to {@link #DEFAULT_INIT_TIMEOUT} for the client's first snapshot.
     *
     * @param client the client to evaluate with; the provider closes it on shutdown
     */
    public GantryProvider(GantryClient client) {
        this(client, DEFAULT_INIT_TIMEOUT);
    }

    /**
     * @param client the client to evaluate with; the provider closes it on shutdown
     * @param initTimeout how long {@link #initialize} waits for the client to become READY
     * @throws IllegalArgumentException if the timeout is negative
     */
    public GantryProvider(GantryClient client, Duration initTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.initTimeout = Objects.requireNonNull(initTimeout, "initTimeout");
        if (initTimeout.isNegative()) {
            throw new IllegalArgumentException("The initialization timeout must not be negative, got " + initTimeout + ".");
        }
    }

    @Override
    public Metadata getMetadata() {
        return METADATA;
    }

    /**
     * Waits up to the initialization timeout for the client to become READY. Returns normally when
     * it is READY, or STALE at the timeout (a cached snapshot serves while the source recovers; a
     * STALE event follows OpenFeature's READY). Throws as soon as the client reports ERROR (no
     * snapshot and the source fails), or when it still has no snapshot at the timeout: OpenFeature
     * then reports the provider in ERROR until a later READY event.
     *
     * @throws GeneralError when the client has no snapshot to serve
     */
    @Override
    public void initialize(EvaluationContext evaluationContext) throws Exception {
        registration = client.addListener(listener);
        ClientStatus status = awaitFirstSnapshot();
        initialSnapshot = client.snapshot();
        reported = status;
        initialized = true;
        switch (status) {
            case READY -> {
                // OpenFeature emits READY itself when initialize returns
            }
            case STALE -> announceStaleAfterInitialization();
            default -> throw new GeneralError("Gantry has no flag snapshot to serve (client status " + status
                    + " after waiting " + initTimeout.toMillis() + " ms); evaluations return the caller's default"
                    + " until the source delivers one.");
        }
    }

    /**
     * OpenFeature marks the provider READY right after {@link #initialize} returns, so a STALE
     * emitted inside it would be overwritten. It is emitted shortly after instead, unless the
     * client has become READY meanwhile.
     */
    private void announceStaleAfterInitialization() {
        String version = initialSnapshot.version();
        Thread.ofPlatform().daemon().name("gantry-openfeature-stale").start(() -> {
            try {
                Thread.sleep(STALE_AFTER_INIT.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (initialized && reported == ClientStatus.STALE && client.status() == ClientStatus.STALE) {
                emitProviderStale(ProviderEventDetails.builder()
                        .message("Gantry serves snapshot " + version + " (from its cache file) and could not confirm it"
                                + " with its source yet.").build());
            }
        });
    }

    private ClientStatus awaitFirstSnapshot() throws InterruptedException {
        long deadline = System.nanoTime() + initTimeout.toNanos();
        while (true) {
            ClientStatus status = client.status();
            if (status == ClientStatus.READY || status == ClientStatus.ERROR || status == ClientStatus.CLOSED
                    || System.nanoTime() >= deadline) {
                return status;
            }
            client.awaitReady(POLL);
        }
    }

    /** Stops listening and closes the client. */
    @Override
    public void shutdown() {
        initialized = false;
        if (registration != null) {
            try {
                registration.close();
            } catch (Exception ignored) {
                // removing a listener from a list does not fail
            }
        }
        client.close();
        super.shutdown();
    }

    @Override
    public ProviderEvaluation<Boolean> getBooleanEvaluation(String key, Boolean defaultValue, EvaluationContext ctx) {
        EvaluationDetail<Boolean> detail = client.booleanDetail(key, Contexts.toGantry(ctx),
                defaultValue != null && defaultValue);
        return Evaluations.toOpenFeature(detail, b -> b, defaultValue);
    }

    @Override
    public ProviderEvaluation<String> getStringEvaluation(String key, String defaultValue, EvaluationContext ctx) {
        EvaluationDetail<String> detail = client.stringDetail(key, Contexts.toGantry(ctx), defaultValue);
        return Evaluations.toOpenFeature(detail, s -> s, defaultValue);
    }

    @Override
    public ProviderEvaluation<Integer> getIntegerEvaluation(String key, Integer defaultValue, EvaluationContext ctx) {
        EvaluationDetail<Double> detail = client.numberDetail(key, Contexts.toGantry(ctx),
                defaultValue == null ? 0 : defaultValue);
        if (!detail.isError()) {
            double served = detail.value();
            if (served != Math.rint(served) || served < Integer.MIN_VALUE || served > Integer.MAX_VALUE) {
                return Evaluations.error(defaultValue, ErrorCode.TYPE_MISMATCH, "Flag '" + key + "' served " + served
                        + ", which is not a whole number in the integer range; evaluate it as a double.",
                        ImmutableMetadata.builder().addString("gantryReason", detail.reason().name()).build());
            }
        }
        return Evaluations.toOpenFeature(detail, d -> (int) (double) d, defaultValue);
    }

    @Override
    public ProviderEvaluation<Double> getDoubleEvaluation(String key, Double defaultValue, EvaluationContext ctx) {
        EvaluationDetail<Double> detail = client.numberDetail(key, Contexts.toGantry(ctx),
                defaultValue == null ? 0 : defaultValue);
        return Evaluations.toOpenFeature(detail, d -> d, defaultValue);
    }

    @Override
    public ProviderEvaluation<Value> getObjectEvaluation(String key, Value defaultValue, EvaluationContext ctx) {
        EvaluationDetail<JsonValue> detail = client.jsonDetail(key, Contexts.toGantry(ctx), JsonValue.NULL);
        return Evaluations.toOpenFeature(detail, JsonValues::toValue, defaultValue);
    }

    /**
     * Counts the event against the variant the context is served for the flag named by the
     * {@value #FLAG_KEY_DETAIL} string detail; the client sends the counts with its metrics batches.
     * An event without that detail cannot be attributed to a variant and is not counted.
     */
    @Override
    public void track(String eventName, EvaluationContext context, TrackingEventDetails details) {
        if (details == null) {
            return;
        }
        Value flagKey = details.getValue(FLAG_KEY_DETAIL);
        if (flagKey == null || !flagKey.isString() || flagKey.asString().isBlank()) {
            return;
        }
        client.track(flagKey.asString(), Contexts.toGantry(context), eventName);
    }

    /** Turns client events into provider events once initialization is done. */
    private final class Listener implements GantryListener {

        @Override
        public void onSnapshotChanged(SnapshotChange change) {
            if (!initialized || change.changedFlags().isEmpty() || change.current() == initialSnapshot) {
                return;
            }
            emitProviderConfigurationChanged(ProviderEventDetails.builder()
                    .flagsChanged(List.copyOf(change.changedFlags()))
                    .message("Gantry snapshot " + change.current().version() + " took effect.")
                    .build());
        }

        @Override
        public void onStatusChanged(StatusChange change) {
            // notifications arrive asynchronously: report only the status the client is in now,
            // and only once, so a queued transition from before initialize is not replayed
            ClientStatus current = change.current();
            if (!initialized || current != client.status() || current == reported) {
                return;
            }
            reported = current;
            String message = change.message().orElse("Gantry client is " + change.current() + ".");
            switch (change.current()) {
                case READY -> emitProviderReady(ProviderEventDetails.builder().message(message).build());
                case STALE -> emitProviderStale(ProviderEventDetails.builder().message(message).build());
                case ERROR -> emitProviderError(ProviderEventDetails.builder()
                        .message(message).errorCode(ErrorCode.GENERAL).build());
                case INITIALIZING, CLOSED -> {
                    // nothing to tell OpenFeature: it drives initialization and shutdown itself
                }
            }
        }
    }
}
