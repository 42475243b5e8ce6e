package dev.gantry.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one evaluation or command decided. The caller appends {@link #events} in order (their
 * sequence numbers continue the history's), performs {@link #effects} (each carries a stable
 * key), and evaluates again at {@link #nextEvaluationAt}. Immutable.
 *
 * @param events the events to append; empty when nothing changed
 * @param effects the effects of those events
 * @param state the state after the events
 * @param nextEvaluationAt when to evaluate next; empty when the rollout is pending or finished
 */
public record Decision(List<RolloutEvent> events, List<RolloutEffect> effects, RolloutState state,
        Optional<Instant> nextEvaluationAt) {
    public Decision {
        events = List.copyOf(events);
        effects = List.copyOf(effects);
        Objects.requireNonNull(state, "state");
        nextEvaluationAt = nextEvaluationAt == null ? Optional.empty() : nextEvaluationAt;
    }
}
