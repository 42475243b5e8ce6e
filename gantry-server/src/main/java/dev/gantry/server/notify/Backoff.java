package dev.gantry.server.notify;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: {@code base * 2^(attempt-1)}, at most {@code cap}, of
 * which a random half is taken off (so receivers that come back are not hit by every retry at
 * once); and when to give up: when the next attempt would come later than {@code maxAge} after
 * the notification was enqueued (or retried by an operator). Immutable.
 *
 * @param base the first delay
 * @param cap the longest delay
 * @param maxAge how long to keep trying
 */
public record Backoff(Duration base, Duration cap, Duration maxAge) {
    /** Validates the durations. */
    public Backoff {
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("The notification retry base delay must be positive, got " + base + ".");
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("The notification retry cap (" + cap
                    + ") must be at least the base delay (" + base + ").");
        }
        if (maxAge.compareTo(base) < 0) {
            throw new IllegalArgumentException("The notification maximum age (" + maxAge
                    + ") must be at least the retry base delay (" + base + ").");
        }
    }

    /** @return 2 s doubling up to 5 min, for 24 h */
    public static Backoff defaults() {
        return new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofHours(24));
    }

    /**
     * @param attempt the attempt that just failed, from 1
     * @param random the jitter source
     * @return the delay before the next attempt, between half and all of the exponential delay
     */
    public Duration delay(int attempt, RandomGenerator random) {
        long full = cap.toMillis();
        long b = base.toMillis();
        int shift = Math.max(0, Math.min(attempt - 1, 40));
        if (b <= full >> shift) {
            full = Math.min(full, b << shift);
        }
        long half = full / 2;
        return Duration.ofMillis(full - half + (half > 0 ? random.nextLong(half + 1) : 0));
    }
}
