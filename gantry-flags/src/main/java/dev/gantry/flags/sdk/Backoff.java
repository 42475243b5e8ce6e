package dev.gantry.flags.sdk;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: attempt n waits a random time between half and all of
 * {@code min(max, initial * 2^n)}. The jitter spreads reconnecting SDKs out after a server
 * restart; the lower half bound keeps the delay from collapsing to zero.
 */
final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private final DoubleSupplier random;

    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.random = random;
    }

    Duration delay(int attempt) {
        int shift = Math.min(Math.max(attempt, 0), 30);
        long ceiling = Math.min(maxMillis, initialMillis << shift);
        if (ceiling <= 0) {
            ceiling = maxMillis;
        }
        double factor = 0.5 + 0.5 * random.getAsDouble();
        return Duration.ofMillis(Math.max(1, (long) (ceiling * factor)));
    }
}
