package dev.gantry.rollout;

import static dev.gantry.rollout.FakeClock.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.plan.Rollout;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RolloutEngineTest {
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration MS = Duration.ofMillis(1);

    private static Driver started(Rollout spec) {
        Driver driver = new Driver(spec);
        driver.command(new RolloutCommand.Start("alice"));
        return driver;
    }

    @Nested
    class Phases {
        @Test
        void evaluate_holdsAndSamplesMet_walks10To50To100AndCompletes() {
            Driver driver = started(Specs.threePhases());
            assertThat(driver.percentOf("release")).isEqualTo(10.0);

            driver.evaluateAt(T0.plus(Duration.ofDays(7)).minus(MS), () -> driver.healthy(0.01, 5000));
            assertThat(driver.state()).isEqualTo(new RolloutState.Running(0, T0));

            driver.evaluateAt(T0.plus(Duration.ofDays(7)), () -> driver.healthy(0.01, 5000));
            assertThat(driver.state()).isEqualTo(new RolloutState.Running(1, T0.plus(Duration.ofDays(7))));
            assertThat(driver.percentOf("release")).isEqualTo(50.0);

            driver.evaluateAt(T0.plus(Duration.ofDays(14)).minus(MS), () -> driver.healthy(0.01, 0));
            assertThat(driver.percentOf("release")).isEqualTo(50.0);
            driver.evaluateAt(T0.plus(Duration.ofDays(14)), () -> driver.healthy(0.01, 0));
            assertThat(driver.percentOf("release")).isEqualTo(100.0);
            driver.evaluateAt(T0.plus(Duration.ofDays(14)).plusSeconds(30), () -> driver.healthy(0.01, 0));

            assertThat(driver.state()).isEqualTo(new RolloutState.Completed(T0.plus(Duration.ofDays(14)).plusSeconds(30)));
            assertThat(driver.effects(RolloutEffect.SetPercent.class)).extracting(RolloutEffect.SetPercent::percent)
                    .containsExactly(10.0, 50.0, 100.0);
        }

        @Test
        void evaluate_holdOverButSampleShort_waitsForTheSample() {
            Driver driver = started(Specs.threePhases());

            driver.evaluateAt(T0.plus(Duration.ofDays(8)), () -> driver.healthy(0.01, 999));
            assertThat(driver.state()).isInstanceOf(RolloutState.Running.class).extracting("phase").isEqualTo(0);

            driver.evaluateAt(T0.plus(Duration.ofDays(8)).plusSeconds(30), () -> driver.healthy(0.01, 1000));
            assertThat(driver.state()).extracting("phase").isEqualTo(1);
        }

        @Test
        void evaluate_runForTwoWeeksAtIntervals_entersEachPhaseOnceInOrder() {
            Driver driver = started(Specs.threePhases());
            driver.runUntil(T0.plus(Duration.ofDays(15)), Duration.ofMinutes(10), now -> driver.healthy(0.02, 100_000));

            assertThat(driver.events(RolloutEvent.PhaseEntered.class)).extracting(RolloutEvent.PhaseEntered::phase)
                    .containsExactly(0, 1, 2);
            assertThat(driver.state()).isInstanceOf(RolloutState.Completed.class);
        }

        @Test
        void evaluate_beforeStart_decidesNothing() {
            Driver driver = new Driver(Specs.threePhases());

            Decision decision = driver.evaluate(driver.healthy(0.01, 5000));

            assertThat(decision.events()).isEmpty();
            assertThat(decision.nextEvaluationAt()).isEmpty();
            assertThat(driver.percentOf("release")).isZero();
        }

        @Test
        void evaluate_running_nextEvaluationIsTheIntervalOrTheHoldEndIfSooner() {
            Driver driver = started(Specs.threePhases());

            assertThat(driver.evaluateAt(T0.plusSeconds(60), () -> driver.healthy(0.01, 0)).nextEvaluationAt())
                    .contains(T0.plusSeconds(90));
            assertThat(driver.evaluateAt(T0.plus(Duration.ofDays(7)).minusSeconds(10), () -> driver.healthy(0.01, 0))
                    .nextEvaluationAt()).contains(T0.plus(Duration.ofDays(7)));
        }
    }

    @Nested
    class Approval {
        private final Rollout spec = Specs.rollout("""
                flag: release
                phases:
                  - { percent: 10, hold: 1d }
                  - { percent: 50, hold: 1d, approval: engineering-lead }
                  - { percent: 100 }
                """);

        @Test
        void evaluate_phaseNeedsApproval_waitsWithTrafficUnchanged() {
            Driver driver = started(spec);

            driver.evaluateAt(T0.plus(DAY), () -> driver.healthy(0, 0));
            driver.evaluateAt(T0.plus(Duration.ofDays(5)), () -> driver.healthy(0, 0));

            assertThat(driver.state()).isEqualTo(new RolloutState.AwaitingApproval(1, "engineering-lead", T0.plus(DAY)));
            assertThat(driver.percentOf("release")).isEqualTo(10.0);
            assertThat(driver.events(RolloutEvent.ApprovalRequested.class)).hasSize(1);
        }

        @Test
        void approve_rightRole_entersThePhase() {
            Driver driver = started(spec);
            driver.evaluateAt(T0.plus(DAY), () -> driver.healthy(0, 0));

            driver.clock.set(T0.plus(Duration.ofDays(2)));
            driver.command(new RolloutCommand.Approve("omar", "engineering-lead"));

            assertThat(driver.state()).isEqualTo(new RolloutState.Running(1, T0.plus(Duration.ofDays(2))));
            assertThat(driver.percentOf("release")).isEqualTo(50.0);
            assertThat(driver.events(RolloutEvent.ApprovalGranted.class)).singleElement()
                    .extracting(RolloutEvent.ApprovalGranted::actor).isEqualTo("omar");
        }

        @Test
        void approve_twice_secondRecordsNothing() {
            Driver driver = started(spec);
            driver.evaluateAt(T0.plus(DAY), () -> driver.healthy(0, 0));
            driver.command(new RolloutCommand.Approve("omar", "engineering-lead"));

            Decision again = driver.command(new RolloutCommand.Approve("omar", "engineering-lead"));

            assertThat(again.events()).isEmpty();
        }

        @Test
        void approve_wrongRole_isRefusedWithTheRoleNeeded() {
            Driver driver = started(spec);
            driver.evaluateAt(T0.plus(DAY), () -> driver.healthy(0, 0));

            assertThatThrownBy(() -> driver.command(new RolloutCommand.Approve("eve", "qa-lead")))
                    .isInstanceOf(RolloutException.class).hasMessageContaining("engineering-lead");
            assertThat(driver.percentOf("release")).isEqualTo(10.0);
        }

        @Test
        void approve_nothingWaiting_isRefused() {
            Driver driver = started(spec);

            assertThatThrownBy(() -> driver.command(new RolloutCommand.Approve("omar", "engineering-lead")))
                    .isInstanceOf(RolloutException.class).hasMessageContaining("not waiting for an approval");
        }

        @Test
        void promote_awaitingApproval_grantsItAsThePromoter() {
            Driver driver = started(spec);
            driver.evaluateAt(T0.plus(DAY), () -> driver.healthy(0, 0));

            driver.command(new RolloutCommand.Promote("omar"));

            assertThat(driver.events(RolloutEvent.ApprovalGranted.class)).singleElement()
                    .isEqualTo(new RolloutEvent.ApprovalGranted(T0.plus(DAY), 1, "engineering-lead", "omar"));
            assertThat(driver.percentOf("release")).isEqualTo(50.0);
        }

        @Test
        void start_firstPhaseNeedsApproval_waitsBeforeAnyTraffic() {
            Driver driver = started(Specs.rollout("""
                    flag: release
                    phases: [{ percent: 10, approval: engineering-lead }, { percent: 100 }]
                    """));

            assertThat(driver.state()).isInstanceOf(RolloutState.AwaitingApproval.class);
            assertThat(driver.percentOf("release")).isZero();
        }
    }

    @Nested
    class ManualOperations {
        @Test
        void pause_midHold_stopsTheHoldClockUntilResumed() {
            Driver driver = started(Specs.threePhases());
            driver.clock.set(T0.plus(DAY));
            driver.command(new RolloutCommand.Pause("alice", "customer call"));
            driver.evaluateAt(T0.plus(Duration.ofDays(8)), () -> driver.healthy(0.01, 5000));
            assertThat(driver.state()).isInstanceOf(RolloutState.Paused.class)
                    .extracting("reason").isEqualTo("paused by alice: customer call");

            driver.clock.set(T0.plus(Duration.ofDays(8)));
            driver.command(new RolloutCommand.Resume("alice"));

            // paused for 7 days, so the 7-day hold now ends at day 14
            driver.evaluateAt(T0.plus(Duration.ofDays(14)).minus(MS), () -> driver.healthy(0.01, 5000));
            assertThat(driver.percentOf("release")).isEqualTo(10.0);
            driver.evaluateAt(T0.plus(Duration.ofDays(14)), () -> driver.healthy(0.01, 5000));
            assertThat(driver.percentOf("release")).isEqualTo(50.0);
        }

        @Test
        void pause_twice_secondRecordsNothing() {
            Driver driver = started(Specs.threePhases());
            driver.command(new RolloutCommand.Pause("alice", ""));

            assertThat(driver.command(new RolloutCommand.Pause("bob", "")).events()).isEmpty();
        }

        @Test
        void resume_notPaused_recordsNothing() {
            Driver driver = started(Specs.threePhases());

            assertThat(driver.command(new RolloutCommand.Resume("alice")).events()).isEmpty();
        }

        @Test
        void start_twice_secondRecordsNothing() {
            Driver driver = started(Specs.threePhases());

            assertThat(driver.command(new RolloutCommand.Start("bob")).events()).isEmpty();
            assertThat(driver.events(RolloutEvent.PhaseEntered.class)).hasSize(1);
        }

        @Test
        void promote_running_skipsTheRestOfTheHoldAndTheMinimumSample() {
            Driver driver = started(Specs.threePhases());
            driver.clock.set(T0.plus(Duration.ofHours(3)));

            driver.command(new RolloutCommand.Promote("alice"));

            assertThat(driver.state()).isEqualTo(new RolloutState.Running(1, T0.plus(Duration.ofHours(3))));
            assertThat(driver.percentOf("release")).isEqualTo(50.0);
            assertThat(driver.events(RolloutEvent.Promoted.class)).singleElement()
                    .isEqualTo(new RolloutEvent.Promoted(T0.plus(Duration.ofHours(3)), 0, "alice"));
        }

        @Test
        void promote_retriedForTheSameStage_advancesOnlyOnce() {
            Driver driver = started(Specs.threePhases());
            String stage = driver.state().stage().orElseThrow();

            driver.command(new RolloutCommand.Promote("alice", java.util.Optional.of(stage)));
            Decision retry = driver.command(new RolloutCommand.Promote("alice", java.util.Optional.of(stage)));

            assertThat(stage).isEqualTo("phase-0");
            assertThat(retry.events()).isEmpty();
            assertThat(driver.state()).extracting("phase").isEqualTo(1);
            assertThat(driver.percentOf("release")).isEqualTo(50.0);
        }

        @Test
        void promote_paused_isRefusedSayingResumeFirst() {
            Driver driver = started(Specs.threePhases());
            driver.command(new RolloutCommand.Pause("alice", ""));

            assertThatThrownBy(() -> driver.command(new RolloutCommand.Promote("alice")))
                    .isInstanceOf(RolloutException.class).hasMessageContaining("resume it first");
        }

        @Test
        void abort_running_rollsBackByHandWithWebhooks() {
            Driver driver = started(Specs.threePhases());
            driver.clock.set(T0.plus(Duration.ofHours(2)));

            driver.command(new RolloutCommand.Abort("alice", "support tickets", false));

            assertThat(driver.state()).isEqualTo(new RolloutState.RolledBack("aborted by alice: support tickets",
                    T0.plus(Duration.ofHours(2)), false, true));
            assertThat(driver.percentOf("release")).isZero();
            assertThat(driver.webhookCalls).isEqualTo(1);
            assertThat(driver.events(RolloutEvent.RolledBack.class)).singleElement()
                    .satisfies(e -> assertThat(e.actor()).contains("alice"));
        }

        @Test
        void abort_rolledBack_recordsNothing() {
            Driver driver = started(Specs.threePhases());
            driver.command(new RolloutCommand.Abort("alice", "", false));

            assertThat(driver.command(new RolloutCommand.Abort("bob", "", false)).events()).isEmpty();
            assertThat(driver.webhookCalls).isEqualTo(1);
        }

        @Test
        void commands_notStartedOrFinished_areRefused() {
            Driver pending = new Driver(Specs.threePhases());
            assertThatThrownBy(() -> pending.command(new RolloutCommand.Abort("alice", "", false)))
                    .isInstanceOf(RolloutException.class).hasMessageContaining("not started");
            assertThatThrownBy(() -> pending.command(new RolloutCommand.Promote("alice")))
                    .isInstanceOf(RolloutException.class).hasMessageContaining("not started");

            Driver done = started(Specs.threePhases());
            done.command(new RolloutCommand.Abort("alice", "", false));
            assertThatThrownBy(() -> done.command(new RolloutCommand.Resume("alice")))
                    .isInstanceOf(RolloutException.class).hasMessageContaining("rolled back");
            assertThatThrownBy(() -> done.command(new RolloutCommand.Start("alice")))
                    .isInstanceOf(RolloutException.class).hasMessageContaining("start a new rollout");
        }
    }

    @Nested
    class Guards {
        @Test
        void evaluate_conditionHeldExactlyFor_rollsBack() {
            Driver driver = started(Specs.threePhases());
            Instant since = T0.plus(Duration.ofHours(1));
            driver.evaluateAt(since, () -> driver.healthy(0.12, 0));
            driver.evaluateAt(since.plus(Duration.ofMinutes(5)).minus(MS), () -> driver.healthy(0.12, 0));
            assertThat(driver.state()).isInstanceOf(RolloutState.Running.class);
            assertThat(driver.percentOf("release")).isEqualTo(10.0);

            driver.evaluateAt(since.plus(Duration.ofMinutes(5)), () -> driver.healthy(0.12, 0));

            assertThat(driver.state()).isInstanceOf(RolloutState.RolledBack.class)
                    .extracting("cause").isEqualTo("guard error-rate: 0.12 > 0.05 for 5m");
            assertThat(driver.percentOf("release")).isZero();
            assertThat(driver.webhookCalls).isEqualTo(1);
            assertThat(driver.effects(RolloutEffect.Notify.class)).singleElement().satisfies(notify -> {
                assertThat(notify.channels()).containsExactly("pagerduty", "slack");
                assertThat(notify.severity()).isEqualTo(RolloutEffect.Severity.CRITICAL);
                assertThat(notify.kind()).isEqualTo(RolloutEffect.Kind.TRIGGER);
                assertThat(notify.dedupKey()).isEqualTo("shop/2.0.0/error-rate");
            });
        }

        @Test
        void evaluate_conditionClearsBeforeFor_doesNotRollBack() {
            Driver driver = started(Specs.threePhases());
            driver.evaluateAt(T0.plusSeconds(60), () -> driver.healthy(0.12, 0));
            driver.evaluateAt(T0.plusSeconds(240), () -> driver.healthy(0.01, 0));
            driver.evaluateAt(T0.plusSeconds(400), () -> driver.healthy(0.12, 0));
            driver.evaluateAt(T0.plusSeconds(400 + 299), () -> driver.healthy(0.12, 0));

            assertThat(driver.state()).isInstanceOf(RolloutState.Running.class);
            assertThat(driver.events(RolloutEvent.GuardCleared.class)).hasSize(1);
        }

        @Test
        void evaluate_pauseGuardBreached_pausesUntilAPersonResumes() {
            Rollout spec = Specs.rollout("""
                    flag: release
                    phases: [{ percent: 10, hold: 1h }, { percent: 100 }]
                    guards:
                      - { id: p95, query: "latency", when: "> 2s", for: 10m, action: pause, notify: [slack] }
                    """);
            Driver driver = started(spec);
            driver.evaluateAt(T0.plusSeconds(60), () -> driver.healthy(3.0, 0));
            driver.evaluateAt(T0.plusSeconds(60 + 600), () -> driver.healthy(3.0, 0));
            assertThat(driver.state()).isInstanceOf(RolloutState.Paused.class).extracting("cause")
                    .isEqualTo(RolloutEvent.PauseCause.GUARD);

            driver.evaluateAt(T0.plus(Duration.ofHours(3)), () -> driver.healthy(0.5, 0));
            assertThat(driver.state()).isInstanceOf(RolloutState.Paused.class);
            assertThat(driver.effects(RolloutEffect.Notify.class)).extracting(RolloutEffect.Notify::kind)
                    .containsExactly(RolloutEffect.Kind.TRIGGER, RolloutEffect.Kind.RESOLVE);

            driver.command(new RolloutCommand.Resume("alice"));
            driver.evaluateAt(T0.plus(Duration.ofHours(4)), () -> driver.healthy(0.5, 0));
            // the hold clock stopped for the pause (from 0:11 to 3:00), so 1h of hold ends at 3:49
            assertThat(driver.percentOf("release")).isEqualTo(100.0);
        }

        @Test
        void evaluate_notifyGuardBreached_holdsThePhaseUntilItRecovers() {
            Rollout spec = Specs.rollout("""
                    flag: release
                    phases: [{ percent: 10, hold: 1h }, { percent: 100 }]
                    guards:
                      - { id: email-delivery-rate, query: "delivered", when: "< 90%", for: 15m, action: notify, notify: [slack] }
                    """);
            Driver driver = started(spec);
            driver.evaluateAt(T0.plusSeconds(60), () -> driver.healthy(0.80, 0));
            driver.evaluateAt(T0.plus(Duration.ofHours(2)), () -> driver.healthy(0.80, 0));
            assertThat(driver.percentOf("release")).isEqualTo(10.0);
            assertThat(driver.state()).isInstanceOf(RolloutState.Running.class);

            driver.evaluateAt(T0.plus(Duration.ofHours(2)).plusSeconds(30), () -> driver.healthy(0.995, 0));
            driver.evaluateAt(T0.plus(Duration.ofHours(2)).plusSeconds(60), () -> driver.healthy(0.995, 0));

            assertThat(driver.percentOf("release")).isEqualTo(100.0);
            assertThat(driver.effects(RolloutEffect.Notify.class)).extracting(RolloutEffect.Notify::kind, RolloutEffect.Notify::severity)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(RolloutEffect.Kind.TRIGGER, RolloutEffect.Severity.WARNING),
                            org.assertj.core.groups.Tuple.tuple(RolloutEffect.Kind.RESOLVE, RolloutEffect.Severity.INFO));
        }

        @Test
        void evaluate_valueHoveringAtTheLineAfterABreach_notifiesOnceAndResolvesOnce() {
            Rollout spec = Specs.rollout("""
                    flag: release
                    phases: [{ percent: 10, hold: 1d }, { percent: 100 }]
                    guards:
                      - { id: error-rate, query: "errors", when: "> 5%", for: 5m, action: notify, notify: [slack] }
                    """);
            Driver driver = started(spec);
            driver.evaluateAt(T0.plusSeconds(30), () -> driver.healthy(0.08, 0));
            driver.evaluateAt(T0.plusSeconds(330), () -> driver.healthy(0.08, 0));
            for (int i = 0; i < 120; i++) {
                double hovering = i % 2 == 0 ? 0.049 : 0.052;
                driver.evaluateAt(T0.plusSeconds(360 + 30L * i), () -> driver.healthy(hovering, 0));
            }
            driver.evaluateAt(T0.plus(Duration.ofHours(2)), () -> driver.healthy(0.02, 0));

            assertThat(driver.effects(RolloutEffect.Notify.class)).extracting(RolloutEffect.Notify::kind)
                    .containsExactly(RolloutEffect.Kind.TRIGGER, RolloutEffect.Kind.RESOLVE);
            assertThat(driver.effects(RolloutEffect.Notify.class)).extracting(RolloutEffect.Notify::dedupKey)
                    .containsOnly("shop/2.0.0/error-rate");
        }

        @Test
        void evaluate_guardBreaching_nextEvaluationIsDueWhenItsForEnds() {
            Driver driver = started(Specs.rollout("""
                    flag: release
                    phases: [{ percent: 10, hold: 1d }, { percent: 100 }]
                    guards:
                      - { id: error-rate, query: "errors", when: "> 5%", for: 10s, action: rollback }
                    """));

            Decision decision = driver.evaluateAt(T0.plusSeconds(30), () -> driver.healthy(0.08, 0));

            assertThat(decision.nextEvaluationAt()).contains(T0.plusSeconds(40));
        }

        @Test
        void evaluate_manuallyPaused_rollbackGuardStillRollsBack() {
            Driver driver = started(Specs.threePhases());
            driver.command(new RolloutCommand.Pause("alice", ""));

            driver.evaluateAt(T0.plusSeconds(10), () -> driver.healthy(0.5, 0));
            driver.evaluateAt(T0.plusSeconds(310), () -> driver.healthy(0.5, 0));

            assertThat(driver.state()).isInstanceOf(RolloutState.RolledBack.class);
        }
    }

    @Nested
    class Inconclusive {
        @Test
        void evaluate_sourceFails_pausesSayingWhyAndNeverAdvances() {
            Driver driver = started(Specs.threePhases());
            driver.runUntil(T0.plus(Duration.ofDays(10)), Duration.ofHours(1),
                    now -> driver.with("error-rate", new GuardSample.Inconclusive(now, "prometheus: connection refused"), 9999));

            assertThat(driver.state()).isInstanceOf(RolloutState.Paused.class).extracting("reason")
                    .isEqualTo("guard error-rate is inconclusive: prometheus: connection refused");
            assertThat(driver.percentOf("release")).isEqualTo(10.0);
            assertThat(driver.events(RolloutEvent.Paused.class)).hasSize(1);
        }

        @Test
        void evaluate_noSampleAtAll_isInconclusiveNoData() {
            Driver driver = started(Specs.threePhases());

            driver.evaluateAt(T0.plus(Duration.ofDays(8)), () -> new Observations(Map.of(), 5000, false));

            assertThat(driver.state()).isInstanceOf(RolloutState.Paused.class).extracting("reason")
                    .isEqualTo("guard error-rate is inconclusive: no data");
            assertThat(driver.percentOf("release")).isEqualTo(10.0);
        }

        @Test
        void evaluate_dataReturns_resumesOnItsOwnWithTheHoldClockStoppedMeanwhile() {
            Driver driver = started(Specs.threePhases());
            driver.evaluateAt(T0.plus(DAY), () -> driver.with("error-rate", new GuardSample.Inconclusive(T0.plus(DAY), "no data"), 0));
            driver.evaluateAt(T0.plus(Duration.ofDays(3)), () -> driver.healthy(0.01, 5000));

            assertThat(driver.state()).isEqualTo(new RolloutState.Running(0, T0.plus(Duration.ofDays(2))));
            driver.evaluateAt(T0.plus(Duration.ofDays(9)).minus(MS), () -> driver.healthy(0.01, 5000));
            assertThat(driver.percentOf("release")).isEqualTo(10.0);
            driver.evaluateAt(T0.plus(Duration.ofDays(9)), () -> driver.healthy(0.01, 5000));
            assertThat(driver.percentOf("release")).isEqualTo(50.0);
        }

        @Test
        void evaluate_manualResumeWhileStillInconclusive_pausesAgain() {
            Driver driver = started(Specs.threePhases());
            driver.evaluateAt(T0.plusSeconds(30), () -> new Observations(Map.of(), 0, false));
            driver.command(new RolloutCommand.Resume("alice"));

            driver.evaluateAt(T0.plus(Duration.ofDays(8)), () -> new Observations(Map.of(), 5000, false));

            assertThat(driver.state()).isInstanceOf(RolloutState.Paused.class);
            assertThat(driver.percentOf("release")).isEqualTo(10.0);
        }

        @Test
        void evaluate_breachingThenNoDataThenStillHigh_keepsTheForClockFromTheFirstBreach() {
            Driver driver = started(Specs.threePhases());
            driver.evaluateAt(T0.plusSeconds(60), () -> driver.healthy(0.2, 0));
            driver.evaluateAt(T0.plusSeconds(120), () -> new Observations(Map.of(), 0, false));

            driver.evaluateAt(T0.plusSeconds(360), () -> driver.healthy(0.2, 0));

            assertThat(driver.state()).isInstanceOf(RolloutState.RolledBack.class);
        }
    }

    @Nested
    class Activation {
        private final Rollout spec = Specs.rollout("""
                flag: release
                phases: [{ percent: 10, hold: 1h }, { percent: 100, hold: 1h }]
                guards:
                  - { id: upload-failures, query: "uploads", when: "> 5%", for: 5m, action: notify, notify: [slack] }
                activation:
                  - { flag: file-storage, hold: 4h }
                  - { flag: templates, hold: 4h }
                  - { flag: email-delivery, hold: 4h }
                  - { flag: analytics }
                """);

        @Test
        void evaluate_afterTrafficPhases_switchesFeaturesOnInOrderEachAfterItsHold() {
            Driver driver = started(spec);
            driver.runUntil(T0.plus(DAY), Duration.ofMinutes(1), now -> driver.healthy(0.01, 0));

            assertThat(driver.effects(RolloutEffect.EnableFlag.class)).extracting(RolloutEffect.EnableFlag::flag)
                    .containsExactly("file-storage", "templates", "email-delivery", "analytics");
            List<RolloutEvent.ActivationEntered> entered = driver.events(RolloutEvent.ActivationEntered.class);
            assertThat(entered).extracting(RolloutEvent.ActivationEntered::at).containsExactly(
                    T0.plus(Duration.ofHours(2)), T0.plus(Duration.ofHours(6)), T0.plus(Duration.ofHours(10)),
                    T0.plus(Duration.ofHours(14)));
            assertThat(driver.state()).isEqualTo(new RolloutState.Completed(T0.plus(Duration.ofHours(14)).plusSeconds(60)));
        }

        @Test
        void evaluate_guardUnhealthyDuringActivation_nextFeatureWaits() {
            Driver driver = started(spec);
            driver.runUntil(T0.plus(Duration.ofHours(7)), Duration.ofMinutes(1), now -> driver.healthy(0.01, 0));
            driver.runUntil(T0.plus(Duration.ofHours(12)), Duration.ofMinutes(1), now -> driver.healthy(0.2, 0));

            assertThat(driver.enabled).containsOnlyKeys("file-storage", "templates");
            assertThat(driver.state()).isInstanceOf(RolloutState.Activating.class).extracting("index").isEqualTo(1);
        }

        @Test
        void abort_duringActivation_killsTheReleaseFlagAndEveryFeatureSwitchedOn() {
            Driver driver = started(spec);
            driver.runUntil(T0.plus(Duration.ofHours(7)), Duration.ofMinutes(1), now -> driver.healthy(0.01, 0));

            driver.command(new RolloutCommand.Abort("alice", "invoices wrong", false));

            assertThat(driver.effects(RolloutEffect.KillFlag.class)).extracting(RolloutEffect.KillFlag::flag)
                    .containsExactlyInAnyOrder("release", "file-storage", "templates");
            assertThat(driver.enabled).containsEntry("file-storage", false).containsEntry("templates", false);
        }

        @Test
        void promote_activating_switchesTheNextFeatureOnNow() {
            Driver driver = started(spec);
            driver.runUntil(T0.plus(Duration.ofHours(3)), Duration.ofMinutes(1), now -> driver.healthy(0.01, 0));

            driver.command(new RolloutCommand.Promote("alice"));

            assertThat(driver.enabled).containsOnlyKeys("file-storage", "templates");
        }
    }

    @Nested
    class PointOfNoReturn {
        @Test
        void evaluate_breachPastPointOfNoReturn_killsFlagPagesOwnerAndCallsNoWebhook() {
            Driver driver = started(Specs.threePhases());
            Observations bad = new Observations(Map.of("error-rate", new GuardSample.Value(T0, 0.3)), 0, true);

            driver.evaluateAt(T0, () -> bad);
            driver.evaluateAt(T0.plusSeconds(300), () -> new Observations(
                    Map.of("error-rate", new GuardSample.Value(T0.plusSeconds(300), 0.3)), 0, true));

            assertThat(driver.events(RolloutEvent.RolledBack.class)).singleElement()
                    .satisfies(e -> assertThat(e.deploymentRollbackAllowed()).isFalse());
            assertThat(driver.percentOf("release")).isZero();
            assertThat(driver.webhookCalls).isZero();
            assertThat(driver.effects(RolloutEffect.PageOwner.class)).singleElement()
                    .satisfies(page -> assertThat(page.guidance()).contains("roll forward").contains("NOT rolled back"));
        }

        @Test
        void abort_beforePointOfNoReturn_callsWebhooksAndPagesNoOne() {
            Driver driver = started(Specs.threePhases());

            driver.command(new RolloutCommand.Abort("alice", "", false));

            assertThat(driver.webhookCalls).isEqualTo(1);
            assertThat(driver.pages).isZero();
        }

        @Test
        void abort_pastPointOfNoReturn_pagesOwnerInsteadOfWebhooks() {
            Driver driver = started(Specs.threePhases());

            driver.command(new RolloutCommand.Abort("alice", "", true));

            assertThat(driver.webhookCalls).isZero();
            assertThat(driver.pages).isEqualTo(1);
            assertThat(driver.state()).isInstanceOf(RolloutState.RolledBack.class)
                    .extracting("deploymentRollbackAllowed").isEqualTo(false);
        }
    }

    @Nested
    class Effects {
        @Test
        void effectsOf_recomputedFromHistory_equalTheDecisionsEffects() {
            Driver driver = started(Specs.threePhases());
            driver.evaluateAt(T0.plusSeconds(30), () -> driver.healthy(0.3, 0));
            driver.evaluateAt(T0.plusSeconds(330), () -> driver.healthy(0.3, 0));

            List<RolloutEvent> history = driver.history();
            List<RolloutEffect> recomputed = new java.util.ArrayList<>();
            for (int i = 0; i < history.size(); i++) {
                recomputed.addAll(driver.engine.effectsOf(history, i));
            }

            assertThat(recomputed).isEqualTo(driver.performed);
            assertThat(recomputed).extracting(RolloutEffect::key).doesNotHaveDuplicates()
                    .allSatisfy(key -> assertThat(key).startsWith("r-1/"));
        }
    }
}
