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
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A restart is a replay: the engine keeps nothing but the stored events, so a server that dies at
 * any moment and comes back later continues where it was, no phase skipped or repeated, holds
 * measured from the stored timestamps.
 */
class RolloutRestartTest {
    private static final Duration TICK = Duration.ofMinutes(10);
    private static final Rollout SPEC = Specs.rollout("""
            flag: release
            phases:
              - { name: canary, percent: 10, hold: 7d, minSample: 1000 }
              - { name: half, percent: 50, hold: 7d }
              - { name: everyone, percent: 100, hold: 1d }
            guards:
              - { id: error-rate, query: "errors", when: "> 5%", for: 5m, action: rollback, notify: [pagerduty] }
            activation:
              - { flag: file-storage, hold: 4h }
              - { flag: templates, hold: 4h }
            """);

    /** How a crash interrupts an evaluation. */
    private enum Crash {
        /** Died before committing: the decision is lost and made again later. */
        BEFORE_COMMIT,
        /** Died after committing the events, before performing their effects. */
        BEFORE_EFFECTS,
        /** Died between evaluations. */
        BETWEEN
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 12);
    }

    @Test
    void evaluate_restartInTheMiddleOfAHold_continuesWithTheRemainingHold() {
        Driver driver = new Driver(SPEC);
        driver.command(new RolloutCommand.Start("alice"));
        driver.evaluateAt(T0.plus(Duration.ofDays(3)), () -> driver.healthy(0.01, 5000));

        driver.clock.set(T0.plus(Duration.ofDays(5)));
        driver.restart();
        driver.evaluateAt(T0.plus(Duration.ofDays(5)), () -> driver.healthy(0.01, 5000));
        driver.evaluateAt(T0.plus(Duration.ofDays(7)).minusMillis(1), () -> driver.healthy(0.01, 5000));
        assertThat(driver.state()).isEqualTo(new RolloutState.Running(0, T0));

        driver.evaluateAt(T0.plus(Duration.ofDays(7)), () -> driver.healthy(0.01, 5000));
        assertThat(driver.state()).isEqualTo(new RolloutState.Running(1, T0.plus(Duration.ofDays(7))));
        assertThat(driver.events(RolloutEvent.PhaseEntered.class)).extracting(RolloutEvent.PhaseEntered::phase)
                .containsExactly(0, 1);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void evaluate_crashesAtRandomPoints_everyStageEnteredOnceInOrderAfterItsFullHold(long seed) {
        Random random = new Random(seed);
        Driver driver = new Driver(SPEC);
        driver.command(new RolloutCommand.Start("alice"));
        TreeSet<Instant> committed = new TreeSet<>();
        committed.add(T0);
        int crashes = 0;
        Instant end = T0.plus(Duration.ofDays(20));
        while (!driver.state().finished() && driver.clock.instant().isBefore(end)) {
            driver.clock.advance(TICK);
            Instant now = driver.clock.instant();
            Observations observations = driver.healthy(0.01, 100_000);
            if (random.nextInt(150) == 0) {
                crashes++;
                Crash crash = Crash.values()[random.nextInt(Crash.values().length)];
                Decision decision = driver.engine.evaluate(driver.history(), observations);
                if (crash == Crash.BEFORE_EFFECTS) {
                    driver.appendOnly(decision);
                    committed.add(now);
                }
                // the server is down for up to six hours, then restarts on the stored rows
                driver.clock.advance(Duration.ofMinutes(random.nextInt(6 * 60)));
                driver.restart();
                continue;
            }
            driver.evaluate(observations);
            committed.add(now);
        }

        assertThat(crashes).as("the seed produced crashes").isPositive();
        assertThat(driver.state()).isInstanceOf(RolloutState.Completed.class);
        assertThat(driver.events(RolloutEvent.PhaseEntered.class)).extracting(RolloutEvent.PhaseEntered::phase)
                .containsExactly(0, 1, 2);
        assertThat(driver.events(RolloutEvent.ActivationEntered.class)).extracting(RolloutEvent.ActivationEntered::index)
                .containsExactly(0, 1);
        assertThat(driver.events(RolloutEvent.Completed.class)).hasSize(1);

        List<Instant> entries = new ArrayList<>();
        driver.history().forEach(event -> {
            switch (event) {
                case RolloutEvent.PhaseEntered e -> entries.add(e.at());
                case RolloutEvent.ActivationEntered e -> entries.add(e.at());
                case RolloutEvent.Completed e -> entries.add(e.at());
                default -> { }
            }
        });
        List<Duration> holds = List.of(Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(1), Duration.ofHours(4),
                Duration.ofHours(4));
        for (int stage = 0; stage < holds.size(); stage++) {
            Instant holdEnd = entries.get(stage).plus(holds.get(stage));
            Optional<Instant> firstChance = Optional.ofNullable(committed.ceiling(holdEnd));
            assertThat(entries.get(stage + 1)).as("stage %d ends at the first committed evaluation after its hold", stage)
                    .isEqualTo(firstChance.orElseThrow());
        }

        assertThat(driver.percentOf("release")).isEqualTo(100.0);
        assertThat(driver.enabled).containsEntry("file-storage", true).containsEntry("templates", true);
        assertThat(driver.effects(RolloutEffect.SetPercent.class)).extracting(RolloutEffect.SetPercent::percent)
                .containsExactly(10.0, 50.0, 100.0);
    }
}
