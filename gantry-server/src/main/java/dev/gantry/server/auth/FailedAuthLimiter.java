package dev.gantry.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed authentications per client address in fixed windows; past the limit the
 * address is refused (429) until its window ends, whatever credentials it sends. Thread-safe.
 */
public final class FailedAuthLimiter {
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    private record Window(Instant start, int failures) {}

    /**
     * @param limit failures allowed per window
     * @param window the window length
     * @param clock the time source
     */
    public FailedAuthLimiter(int limit, Duration window, Clock clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** @return how long {@code client} must wait, when it is over the limit */
    public Optional<Duration> blocked(String client) {
        Window w = windows.get(client);
        if (w == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant end = w.start().plus(window);
        if (!now.isBefore(end)) {
            windows.remove(client, w);
            return Optional.empty();
        }
        return w.failures() >= limit ? Optional.of(Duration.between(now, end)) : Optional.empty();
    }

    /** Records a failure of {@code client}. */
    public void failed(String client) {
        Instant now = clock.instant();
        windows.compute(client, (k, w) -> w == null || !now.isBefore(w.start().plus(window))
                ? new Window(now, 1) : new Window(w.start(), w.failures() + 1));
        if (windows.size() > 100_000) {
            windows.entrySet().removeIf(e -> !now.isBefore(e.getValue().start().plus(window)));
        }
    }
}
