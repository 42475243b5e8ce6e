package dev.gantry.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Polls a health URL in the background, several times a second, while a run's steps execute,
 * and counts the probes that fail (no answer within the interval's budget, or a status outside
 * 2xx). The longest gap is the longest stretch from a failed probe to the next successful one,
 * which is the downtime users would have seen.
 *
 * <p>Started by {@link #start}, stopped by {@link #stop}; one probe per run. Thread-safe.
 */
public final class ZeroDowntimeProbe {
    private final HttpClient http;
    private final URI uri;
    private final String shownUrl;
    private final Duration interval;
    private final Clock clock;
    private final Optional<Integer> maxFailed;
    private final Consumer<String> onFailure;
    private final Object lock = new Object();
    private int probes;
    private int failed;
    private Duration longestGap = Duration.ZERO;
    private Optional<Instant> outageStart = Optional.empty();
    private volatile boolean running;
    private Thread thread;

    private ZeroDowntimeProbe(HttpClient http, URI uri, String shownUrl, Duration interval, Clock clock,
            Optional<Integer> maxFailed, Consumer<String> onFailure) {
        this.http = http;
        this.uri = uri;
        this.shownUrl = shownUrl;
        this.interval = interval;
        this.clock = clock;
        this.maxFailed = maxFailed;
        this.onFailure = onFailure;
    }

    /**
     * Starts probing {@code uri} every {@code interval}.
     *
     * @param shownUrl the URL as it may be shown (never resolved secrets)
     * @param onFailure told of each failed probe, from the probe's thread
     */
    public static ZeroDowntimeProbe start(HttpClient http, URI uri, String shownUrl, Duration interval, Clock clock,
            Optional<Integer> maxFailed, Consumer<String> onFailure) {
        ZeroDowntimeProbe probe = new ZeroDowntimeProbe(http, uri, shownUrl, interval, clock, maxFailed, onFailure);
        probe.running = true;
        probe.thread = Thread.ofVirtual().name("gantry-zero-downtime-probe").start(probe::loop);
        return probe;
    }

    private Duration budget() {
        return interval.multipliedBy(4).compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : interval.multipliedBy(4);
    }

    private void loop() {
        Duration budget = budget();
        while (running) {
            long began = System.nanoTime();
            Instant at = clock.instant();
            Optional<String> failure = probeOnce(budget);
            if (!running && failure.isPresent() && Thread.currentThread().isInterrupted()) {
                return; // stopped mid-probe: not a failure of the service
            }
            record(at, failure);
            long sleep = interval.toNanos() - (System.nanoTime() - began);
            if (sleep > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(sleep));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private Optional<String> probeOnce(Duration budget) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(budget).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? Optional.empty()
                    : Optional.of(shownUrl + " answered " + status);
        } catch (java.net.http.HttpTimeoutException e) {
            return Optional.of(shownUrl + " did not answer within " + budget.toMillis() + "ms");
        } catch (IOException e) {
            return Optional.of(shownUrl + " is unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private void record(Instant at, Optional<String> failure) {
        synchronized (lock) {
            probes++;
            if (failure.isPresent()) {
                failed++;
                if (outageStart.isEmpty()) {
                    outageStart = Optional.of(at);
                }
            } else if (outageStart.isPresent()) {
                Duration gap = Duration.between(outageStart.get(), at);
                longestGap = gap.compareTo(longestGap) > 0 ? gap : longestGap;
                outageStart = Optional.empty();
            }
        }
        failure.ifPresent(onFailure);
    }

    /**
     * Stops probing and reports. The probe in flight is allowed to finish, and one last probe
     * is made after the steps, so a run always has at least one; an outage still going on then
     * counts up to now.
     */
    public ProbeReport stop() {
        running = false;
        if (thread != null) {
            try {
                if (!thread.join(budget().plus(interval).plusSeconds(1))) {
                    thread.interrupt();
                    thread.join(Duration.ofSeconds(1));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        record(clock.instant(), probeOnce(budget()));
        synchronized (lock) {
            Duration gap = longestGap;
            if (outageStart.isPresent()) {
                Duration open = Duration.between(outageStart.get(), clock.instant());
                gap = open.compareTo(gap) > 0 ? open : gap;
            }
            return new ProbeReport(shownUrl, probes, failed, gap, maxFailed);
        }
    }
}
