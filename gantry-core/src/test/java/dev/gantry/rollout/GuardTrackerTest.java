package dev.gantry.rollout;

import static dev.gantry.rollout.FakeClock.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.plan.Rollout;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GuardTrackerTest {
    private static final Rollout.Guard ERROR_RATE = Specs.rollout("""
            flag: release
            phases: [{ percent: 100 }]
            guards:
              - { id: error-rate, query: "errors", when: "> 5%", for: 5m, action: notify, notify: [slack] }
            """).guards().getFirst();

    /** Feeds samples one after another, keeping the events as a store would. */
    private static final class Feed {
        final GuardTracker tracker;
        final List<RolloutEvent> events = new ArrayList<>();
        GuardStatus status = new GuardStatus.Healthy();

        Feed(Rollout.Guard guard) {
            this.tracker = new GuardTracker(guard);
        }

        Optional<RolloutEvent> value(Instant at, double value) {
            return sample(new GuardSample.Value(at, value));
        }

        Optional<RolloutEvent> sample(GuardSample sample) {
            GuardTracker.Step step = tracker.observe(status, sample);
            status = step.status();
            step.event().ifPresent(events::add);
            assertThat(GuardStatus.replay(events.isEmpty() ? "error-rate" : guardOf(events.getLast()), events))
                    .as("replaying the events restores the status").isEqualTo(status);
            return step.event();
        }

        private static String guardOf(RolloutEvent event) {
            return switch (event) {
                case RolloutEvent.GuardBreaching e -> e.guard();
                case RolloutEvent.GuardBreached e -> e.guard();
                case RolloutEvent.GuardCleared e -> e.guard();
                case RolloutEvent.GuardRecovered e -> e.guard();
                case RolloutEvent.GuardInconclusive e -> e.guard();
                default -> throw new AssertionError(event);
            };
        }

        <T extends RolloutEvent> long count(Class<T> type) {
            return events.stream().filter(type::isInstance).count();
        }
    }

    @Nested
    class For {
        @Test
        void observe_conditionHeldOneMillisecondShortOfFor_isStillBreaching() {
            Feed feed = new Feed(ERROR_RATE);
            feed.value(T0, 0.08);

            feed.value(T0.plus(Duration.ofMinutes(5)).minusMillis(1), 0.08);

            assertThat(feed.status).isEqualTo(new GuardStatus.Breaching(T0, "0.08 > 0.05"));
        }

        @Test
        void observe_conditionHeldExactlyFor_isBreachedSinceTheFirstSample() {
            Feed feed = new Feed(ERROR_RATE);
            feed.value(T0, 0.08);

            Optional<RolloutEvent> event = feed.value(T0.plus(Duration.ofMinutes(5)), 0.09);

            assertThat(event).contains(new RolloutEvent.GuardBreached(T0.plus(Duration.ofMinutes(5)), "error-rate", T0,
                    "0.09 > 0.05 for 5m"));
        }

        @Test
        void observe_noFor_breachesAtOnce() {
            Rollout.Guard health = Specs.rollout("""
                    flag: release
                    phases: [{ percent: 100 }]
                    guards: [{ id: health, source: http, url: "https://example.com/health", action: rollback }]
                    """).guards().getFirst();
            GuardTracker tracker = new GuardTracker(health);

            GuardTracker.Step step = tracker.observe(new GuardStatus.Healthy(), new GuardSample.Probe(T0, false, "503"));

            assertThat(step.status()).isEqualTo(new GuardStatus.Breached(T0, T0, "503"));
        }

        @Test
        void observe_conditionClearsPastTheMargin_resetsTheClock() {
            Feed feed = new Feed(ERROR_RATE);
            feed.value(T0, 0.08);
            feed.value(T0.plusSeconds(120), 0.01);
            feed.value(T0.plusSeconds(180), 0.08);

            feed.value(T0.plusSeconds(180 + 299), 0.08);

            assertThat(feed.status).isEqualTo(new GuardStatus.Breaching(T0.plusSeconds(180), "0.08 > 0.05"));
        }
    }

    @Nested
    class Hysteresis {
        @ParameterizedTest
        @ValueSource(longs = {1, 2, 3, 4, 5})
        void observe_valueHoveringAtTheLine_doesNotFlap(long seed) {
            Random random = new Random(seed);
            Feed feed = new Feed(ERROR_RATE);
            feed.value(T0, 0.051);
            for (int i = 1; i <= 120; i++) {
                // within +-0.004 of the 0.05 line: never back past the 0.045 clearing level
                feed.value(T0.plusSeconds(30L * i), 0.05 + (random.nextDouble() * 0.008 - 0.004));
            }

            assertThat(feed.count(RolloutEvent.GuardBreaching.class)).isEqualTo(1);
            assertThat(feed.count(RolloutEvent.GuardCleared.class)).isZero();
            assertThat(feed.count(RolloutEvent.GuardBreached.class)).isEqualTo(1);
            assertThat(feed.count(RolloutEvent.GuardRecovered.class)).isZero();
        }

        @Test
        void observe_breachedValueBackPastTheMargin_recoversOnce() {
            Feed feed = new Feed(ERROR_RATE);
            feed.value(T0, 0.2);
            feed.value(T0.plusSeconds(300), 0.2);

            feed.value(T0.plusSeconds(330), 0.046);
            assertThat(feed.status).isInstanceOf(GuardStatus.Breached.class);
            feed.value(T0.plusSeconds(360), 0.045);

            assertThat(feed.status).isEqualTo(new GuardStatus.Healthy());
            assertThat(feed.count(RolloutEvent.GuardRecovered.class)).isEqualTo(1);
        }

        @Test
        void margin_ratiosSecondsAndEquality_scaleToTheThreshold() {
            assertThat(GuardTracker.margin(threshold("> 5%"))).isCloseTo(0.005, org.assertj.core.api.Assertions.within(1e-12));
            assertThat(GuardTracker.margin(threshold("< 99.5%"))).isCloseTo(0.0005, org.assertj.core.api.Assertions.within(1e-12));
            assertThat(GuardTracker.margin(threshold("> 2s"))).isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-12));
            assertThat(GuardTracker.margin(threshold("== 3"))).isZero();
        }

        private static dev.gantry.plan.Threshold threshold(String text) {
            return dev.gantry.plan.Threshold.parse(text).orElseThrow();
        }

        @Test
        void observe_lessThanThreshold_clearsOnlyAboveTheMargin() {
            Rollout.Guard delivery = Specs.rollout("""
                    flag: release
                    phases: [{ percent: 100 }]
                    guards: [{ id: error-rate, query: "delivered", when: "< 90%", action: notify, notify: [slack] }]
                    """).guards().getFirst();
            Feed feed = new Feed(delivery);
            feed.value(T0, 0.85);

            feed.value(T0.plusSeconds(30), 0.905);
            assertThat(feed.status).isInstanceOf(GuardStatus.Breached.class);
            feed.value(T0.plusSeconds(60), 0.91);

            assertThat(feed.status).isEqualTo(new GuardStatus.Healthy());
        }
    }

    @Nested
    class Inconclusive {
        @Test
        void observe_sourceFails_isInconclusiveWithTheReason() {
            Feed feed = new Feed(ERROR_RATE);

            feed.sample(new GuardSample.Inconclusive(T0, "prometheus: 503"));

            assertThat(feed.status).isEqualTo(new GuardStatus.Inconclusive(T0, "prometheus: 503", Optional.empty()));
            assertThat(feed.status.satisfied()).isFalse();
        }

        @Test
        void observe_repeatedFailures_recordOneEvent() {
            Feed feed = new Feed(ERROR_RATE);
            for (int i = 0; i < 10; i++) {
                feed.sample(new GuardSample.Inconclusive(T0.plusSeconds(30L * i), "no data"));
            }

            assertThat(feed.events).hasSize(1);
        }

        @Test
        void observe_dataReturnsHealthy_recovers() {
            Feed feed = new Feed(ERROR_RATE);
            feed.sample(new GuardSample.Inconclusive(T0, "no data"));

            feed.value(T0.plusSeconds(30), 0.01);

            assertThat(feed.status).isEqualTo(new GuardStatus.Healthy());
            assertThat(feed.events.getLast()).isInstanceOf(RolloutEvent.GuardRecovered.class);
        }

        @Test
        void observe_gapWhileBreaching_keepsTheOriginalBreachingSince() {
            Feed feed = new Feed(ERROR_RATE);
            feed.value(T0, 0.08);
            feed.sample(new GuardSample.Inconclusive(T0.plusSeconds(60), "no data"));

            feed.value(T0.plusSeconds(120), 0.08);

            assertThat(feed.status).isEqualTo(new GuardStatus.Breaching(T0, "0.08 > 0.05"));
            feed.value(T0.plusSeconds(300), 0.08);
            assertThat(feed.status).isInstanceOf(GuardStatus.Breached.class);
        }
    }

    @Nested
    class Comparison {
        private final Rollout.Guard compare = Specs.rollout("""
                flag: release
                phases: [{ percent: 100 }]
                guards:
                  - { id: new-vs-old, source: sdk, compare: { metric: error-rate, confidence: 0.95, maxEffect: 0.005 }, action: rollback }
                """).guards().getFirst();

        @Test
        void observe_newSignificantlyWorseByMoreThanEffect_breaches() {
            GuardTracker.Step step = new GuardTracker(compare).observe(new GuardStatus.Healthy(),
                    new GuardSample.ErrorCounts(T0, 100, 10_000, 300, 10_000));

            assertThat(step.status()).isInstanceOf(GuardStatus.Breached.class);
            assertThat(((GuardStatus.Breached) step.status()).detail()).contains("new 3%").contains("old 1%");
        }

        @Test
        void observe_newWorseWithinEffect_staysHealthy() {
            GuardTracker.Step step = new GuardTracker(compare).observe(new GuardStatus.Healthy(),
                    new GuardSample.ErrorCounts(T0, 100, 10_000, 130, 10_000));

            assertThat(step.status()).isEqualTo(new GuardStatus.Healthy());
        }

        @Test
        void observe_latencySamplesForAnErrorRateComparison_isInconclusiveSayingSo() {
            GuardTracker.Step step = new GuardTracker(compare).observe(new GuardStatus.Healthy(),
                    new GuardSample.Latencies(T0, List.of(0.1), List.of(0.2)));

            assertThat(step.status()).isEqualTo(new GuardStatus.Inconclusive(T0,
                    "got latency samples, but the guard compares error-rate", Optional.empty()));
        }

        @Test
        void observe_noTrafficOnTheNewVariation_isInconclusive() {
            GuardTracker.Step step = new GuardTracker(compare).observe(new GuardStatus.Healthy(),
                    new GuardSample.ErrorCounts(T0, 100, 10_000, 0, 0));

            assertThat(step.status()).isInstanceOf(GuardStatus.Inconclusive.class);
        }
    }
}
