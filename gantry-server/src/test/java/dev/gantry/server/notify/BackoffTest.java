package dev.gantry.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackoffTest {
    static final Backoff B = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofHours(24));

    @Nested
    class Delay {
        @ParameterizedTest
        @ValueSource(longs = {1, 7, 42, 20261208})
        void delay_anyJitter_betweenHalfAndAllOfTheCappedExponential(long seed) {
            Random random = new Random(seed);
            for (int attempt = 1; attempt <= 40; attempt++) {
                long full = Math.min(300_000, 2_000L << Math.min(attempt - 1, 30));

                long ms = B.delay(attempt, random).toMillis();

                assertThat(ms).as("attempt %d", attempt).isBetween(full / 2, full);
            }
        }

        @Test
        void delay_sameAttemptManyTimes_spreadOut() {
            Random random = new Random(3);
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                seen.add(B.delay(4, random).toMillis());
            }
            assertThat(seen).hasSizeGreaterThan(25);
        }

        @Test
        void delay_hugeAttemptNumber_staysAtTheCap() {
            assertThat(B.delay(Integer.MAX_VALUE, new Random(1))).isLessThanOrEqualTo(Duration.ofMinutes(5));
        }
    }

    @Nested
    class Validation {
        @Test
        void new_capBelowBase_refusedNamingBoth() {
            assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofHours(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retry cap (PT1S)")
                    .hasMessageContaining("base delay (PT10S)");
        }

        @Test
        void new_zeroBase_refused() {
            assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), Duration.ofHours(1)))
                    .hasMessageContaining("must be positive");
        }
    }
}
