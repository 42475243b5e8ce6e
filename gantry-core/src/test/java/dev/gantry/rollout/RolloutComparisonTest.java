package dev.gantry.rollout;

import static dev.gantry.rollout.FakeClock.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.plan.Rollout;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Comparison mode: the new variation against the old one on SDK-reported metrics, through the engine. */
class RolloutComparisonTest {

    @Nested
    class ErrorRate {
        private final Rollout spec = Specs.rollout("""
                flag: release
                phases: [{ percent: 10, hold: 1h }, { percent: 100 }]
                guards:
                  - { id: new-vs-old, source: sdk, compare: { metric: error-rate, confidence: 0.95, maxEffect: 0.005 }, action: rollback, notify: [pagerduty] }
                """);

        private Observations counts(Instant at, long oldErrors, long oldTotal, long newErrors, long newTotal) {
            return new Observations(Map.of("new-vs-old", new GuardSample.ErrorCounts(at, oldErrors, oldTotal, newErrors, newTotal)),
                    newTotal, false);
        }

        @Test
        void evaluate_newSignificantlyWorseByMoreThanTheEffect_rollsBack() {
            Driver driver = new Driver(spec);
            driver.command(new RolloutCommand.Start("alice"));

            driver.evaluateAt(T0.plusSeconds(600), () -> counts(T0.plusSeconds(600), 90, 9_000, 30, 1_000));

            assertThat(driver.state()).isInstanceOf(RolloutState.RolledBack.class).extracting("cause").asString()
                    .startsWith("guard new-vs-old: error rate new 3% vs old 1%");
            assertThat(driver.percentOf("release")).isZero();
        }

        @Test
        void evaluate_newSlightlyWorseWithinTheEffect_advances() {
            Driver driver = new Driver(spec);
            driver.command(new RolloutCommand.Start("alice"));

            driver.evaluateAt(T0.plus(Duration.ofHours(1)), () -> counts(T0.plus(Duration.ofHours(1)), 900, 90_000, 120, 10_000));

            assertThat(driver.percentOf("release")).isEqualTo(100.0);
        }

        @Test
        void evaluate_noNewVariationTrafficYet_pausesInconclusive() {
            Driver driver = new Driver(spec);
            driver.command(new RolloutCommand.Start("alice"));

            driver.evaluateAt(T0.plus(Duration.ofHours(2)), () -> counts(T0.plus(Duration.ofHours(2)), 900, 90_000, 0, 0));

            assertThat(driver.state()).isInstanceOf(RolloutState.Paused.class).extracting("reason").asString()
                    .contains("no new-variation requests");
            assertThat(driver.percentOf("release")).isEqualTo(10.0);
        }
    }

    @Nested
    class Latency {
        private final Rollout spec = Specs.rollout("""
                flag: release
                phases: [{ percent: 10, hold: 1h }, { percent: 100 }]
                guards:
                  - { id: latency, source: sdk, compare: { metric: latency, confidence: 0.99, maxEffect: 0.02 }, action: pause }
                """);

        private static List<Double> latencies(Random random, int n, double shift) {
            List<Double> samples = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                samples.add(Math.round((Math.exp(Math.log(0.2) + 0.4 * random.nextGaussian()) + shift) * 1000) / 1000.0);
            }
            return samples;
        }

        @Test
        void evaluate_newMuchSlower_pauses() {
            Random random = new Random(7);
            Driver driver = new Driver(spec);
            driver.command(new RolloutCommand.Start("alice"));

            driver.evaluateAt(T0.plus(Duration.ofHours(2)), () -> new Observations(Map.of("latency", new GuardSample.Latencies(
                    T0.plus(Duration.ofHours(2)), latencies(random, 500, 0), latencies(random, 500, 0.15))), 500, false));

            assertThat(driver.state()).isInstanceOf(RolloutState.Paused.class).extracting("cause")
                    .isEqualTo(RolloutEvent.PauseCause.GUARD);
            assertThat(driver.percentOf("release")).isEqualTo(10.0);
        }

        @Test
        void evaluate_sameDistribution_advances() {
            Random random = new Random(8);
            Driver driver = new Driver(spec);
            driver.command(new RolloutCommand.Start("alice"));

            driver.evaluateAt(T0.plus(Duration.ofHours(2)), () -> new Observations(Map.of("latency", new GuardSample.Latencies(
                    T0.plus(Duration.ofHours(2)), latencies(random, 500, 0), latencies(random, 500, 0))), 500, false));

            assertThat(driver.percentOf("release")).isEqualTo(100.0);
        }
    }
}
