package dev.gantry.server;

import dev.gantry.testing.TestHttpServer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small application under rollout for end-to-end tests: a real HTTP server on a free port
 * whose {@code /metrics} exposes {@code http_requests_total} by status code, in the Prometheus
 * text format. A background thread "serves" {@link #REQUESTS_PER_TICK} requests every 100 ms, of
 * which the share the test sets with {@link #errorRate} fail with code 500, so
 * {@code sum(rate(http_requests_total{code=~"5.."}[..])) / sum(rate(http_requests_total[..]))}
 * follows the error rate the test chooses. {@code /health} answers 200 or, after
 * {@link #healthy(boolean)} false, 503.
 */
final class TestApplication implements AutoCloseable {
    static final int REQUESTS_PER_TICK = 100;
    /** The PromQL error ratio over the last {@code window} (e.g. {@code 5s}). */
    static String errorRateQuery(String window) {
        return "sum(rate(http_requests_total{code=\"500\"}[" + window + "])) / sum(rate(http_requests_total[" + window + "]))";
    }

    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile double errorRate;
    private volatile boolean healthy = true;
    private final TestHttpServer server;
    private final ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
    private double owed;

    private TestApplication() {
        server = TestHttpServer.start()
                .on("/metrics", exchange -> new TestHttpServer.Answer(200, metrics(),
                        java.util.Map.of("Content-Type", "text/plain; version=0.0.4")))
                .on("/health", exchange -> healthy ? TestHttpServer.Answer.of(200, "ok")
                        : TestHttpServer.Answer.of(503, "unhealthy"));
        traffic.scheduleAtFixedRate(this::tick, 0, 100, TimeUnit.MILLISECONDS);
    }

    static TestApplication start() {
        return new TestApplication();
    }

    /** Sets the share of requests that fail from now on, 0 to 1. */
    TestApplication errorRate(double rate) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("an error rate is between 0 and 1");
        }
        this.errorRate = rate;
        return this;
    }

    /** Makes {@code /health} answer 200 (true) or 503 (false). */
    TestApplication healthy(boolean value) {
        this.healthy = value;
        return this;
    }

    /** {@code http://127.0.0.1:PORT/metrics} */
    String metricsUrl() {
        return server.url() + "/metrics";
    }

    /** {@code http://127.0.0.1:PORT/health} */
    String healthUrl() {
        return server.url() + "/health";
    }

    long requests() {
        return ok.get() + failed.get();
    }

    long errors() {
        return failed.get();
    }

    private synchronized void tick() {
        owed += REQUESTS_PER_TICK * errorRate;
        long errors = (long) Math.floor(owed);
        owed -= errors;
        failed.addAndGet(errors);
        ok.addAndGet(REQUESTS_PER_TICK - errors);
    }

    private String metrics() {
        return """
                # HELP http_requests_total Requests served, by status code.
                # TYPE http_requests_total counter
                http_requests_total{code="200"} %d
                http_requests_total{code="500"} %d
                """.formatted(ok.get(), failed.get());
    }

    @Override
    public void close() {
        traffic.shutdownNow();
        server.close();
    }
}
