package dev.gantry.rollout;

import static dev.gantry.rollout.FakeClock.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class RolloutEventTest {

    static Stream<Arguments> everyEvent() {
        return Stream.of(
                Arguments.of(new RolloutEvent.Started(T0, "alice"), "started"),
                Arguments.of(new RolloutEvent.PhaseEntered(T0, 1, 50), "phase-entered"),
                Arguments.of(new RolloutEvent.ApprovalRequested(T0, 1, "engineering-lead"), "approval-requested"),
                Arguments.of(new RolloutEvent.ApprovalGranted(T0, 1, "engineering-lead", "omar"), "approval-granted"),
                Arguments.of(new RolloutEvent.GuardBreaching(T0, "error-rate", T0.minusSeconds(60), "0.07 > 0.05"), "guard-breaching"),
                Arguments.of(new RolloutEvent.GuardCleared(T0, "error-rate", "0.01 (threshold > 5%)"), "guard-cleared"),
                Arguments.of(new RolloutEvent.GuardBreached(T0, "error-rate", T0.minusSeconds(300), "0.07 > 0.05 for 5m"), "guard-breached"),
                Arguments.of(new RolloutEvent.GuardInconclusive(T0, "error-rate", "no data"), "guard-inconclusive"),
                Arguments.of(new RolloutEvent.GuardRecovered(T0, "error-rate", "0.01"), "guard-recovered"),
                Arguments.of(new RolloutEvent.Paused(T0, "paused by alice", RolloutEvent.PauseCause.MANUAL, Optional.of("alice"),
                        Optional.empty()), "paused"),
                Arguments.of(new RolloutEvent.Paused(T0, "guard p95 breached", RolloutEvent.PauseCause.GUARD, Optional.empty(),
                        Optional.of("p95")), "paused"),
                Arguments.of(new RolloutEvent.Resumed(T0, Optional.of("alice")), "resumed"),
                Arguments.of(new RolloutEvent.Resumed(T0, Optional.empty()), "resumed"),
                Arguments.of(new RolloutEvent.Promoted(T0, 0, "alice"), "promoted"),
                Arguments.of(new RolloutEvent.ActivationEntered(T0, 2, "email-delivery"), "activation-entered"),
                Arguments.of(new RolloutEvent.Completed(T0), "completed"),
                Arguments.of(new RolloutEvent.RolledBack(T0, "guard error-rate: 0.12 > 0.05 for 5m", true, Optional.empty(),
                        Optional.of("error-rate"), false), "rolled-back"));
    }

    @ParameterizedTest
    @MethodSource("everyEvent")
    void toJson_everyEvent_readsBackEqualUnderItsStableTypeName(RolloutEvent event, String type) {
        String json = event.toJson();

        assertThat(json).startsWith("{\"type\":\"" + type + "\"").doesNotContain("\n");
        assertThat(event.type()).isEqualTo(type);
        assertThat(RolloutEvent.fromJson(json)).isEqualTo(event);
    }

    @Test
    void everyEvent_coversEveryPermittedSubtype() {
        List<Object> covered = everyEvent().map(arguments -> (Object) arguments.get()[0].getClass()).distinct().toList();

        assertThat(covered).containsExactlyInAnyOrder((Object[]) RolloutEvent.class.getPermittedSubclasses());
    }

    @Test
    void toJson_instantsAndOptionals_areReadableText() {
        String json = new RolloutEvent.RolledBack(T0, "aborted by alice", false, Optional.of("alice"), Optional.empty(), true)
                .toJson();

        assertThat(json).isEqualTo("{\"type\":\"rolled-back\",\"at\":\"2026-03-02T09:00:00Z\",\"cause\":\"aborted by alice\","
                + "\"automatic\":false,\"actor\":\"alice\",\"deploymentRollbackAllowed\":true}");
    }

    @Test
    void fromJson_unknownType_isRefusedSayingItIsNotARolloutEvent() {
        assertThatThrownBy(() -> RolloutEvent.fromJson("{\"type\":\"exploded\",\"at\":\"2026-03-02T09:00:00Z\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a rollout event");
    }
}
