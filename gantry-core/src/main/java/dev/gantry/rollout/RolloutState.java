package dev.gantry.rollout;

import dev.gantry.plan.Rollout;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a rollout stands, derived from its events by {@link #replay}; never stored. Immutable.
 */
public sealed interface RolloutState {

    /** Not started. */
    record Pending() implements RolloutState {}

    /**
     * A traffic phase is running.
     *
     * @param phase the phase's index
     * @param enteredAt when the phase's hold began, moved later by the time spent paused (the hold
     *     clock stops while paused), so the hold ends at {@code enteredAt + hold}
     */
    record Running(int phase, Instant enteredAt) implements RolloutState {
        public Running {
            Objects.requireNonNull(enteredAt, "enteredAt");
        }
    }

    /**
     * Entering {@code phase} waits for a person holding {@code role}; the previous phase's traffic
     * stays as it is.
     */
    record AwaitingApproval(int phase, String role, Instant since) implements RolloutState {
        public AwaitingApproval {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(since, "since");
        }
    }

    /**
     * Paused: nothing advances, guards keep watching (a rollback guard still rolls back).
     *
     * @param reason why, in words
     * @param cause who or what paused it
     * @param since when
     * @param resumeTo the state a resume returns to (running, awaiting approval or activating)
     */
    record Paused(String reason, RolloutEvent.PauseCause cause, Instant since, RolloutState resumeTo) implements RolloutState {
        public Paused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(resumeTo, "resumeTo");
        }
    }

    /**
     * Traffic is at the last phase and features are being switched on: activation {@code index}
     * is on and holding; {@code enteredAt} moves like {@link Running#enteredAt}.
     */
    record Activating(int index, Instant enteredAt) implements RolloutState {
        public Activating {
            Objects.requireNonNull(enteredAt, "enteredAt");
        }
    }

    /** Every phase and activation held healthy. */
    record Completed(Instant at) implements RolloutState {
        public Completed {
            Objects.requireNonNull(at, "at");
        }
    }

    /** Rolled back: the flags are off. */
    record RolledBack(String cause, Instant at, boolean automatic, boolean deploymentRollbackAllowed) implements RolloutState {
        public RolledBack {
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The stage the rollout is in, as a stable name: {@code phase-N} (running phase N),
     * {@code approval-N} (waiting to enter phase N), {@code activation-N}; a paused rollout is in
     * the stage it resumes to. Empty before the start and once finished.
     */
    default Optional<String> stage() {
        return switch (this) {
            case Running running -> Optional.of("phase-" + running.phase());
            case AwaitingApproval awaiting -> Optional.of("approval-" + awaiting.phase());
            case Activating activating -> Optional.of("activation-" + activating.index());
            case Paused paused -> paused.resumeTo().stage();
            default -> Optional.empty();
        };
    }

    /** Whether the rollout is over: completed or rolled back. */
    default boolean finished() {
        return this instanceof Completed || this instanceof RolledBack;
    }

    /**
     * The state after {@code events}, a fold from {@link Pending}. Events that do not apply to
     * the state they meet (a second start, a resume while running) change nothing, so a
     * transition recorded twice is harmless.
     */
    static RolloutState replay(Rollout spec, List<RolloutEvent> events) {
        Objects.requireNonNull(spec, "spec");
        RolloutState state = new Pending();
        for (RolloutEvent event : events) {
            state = next(state, event);
        }
        return state;
    }

    /** The state after one event. */
    static RolloutState next(RolloutState state, RolloutEvent event) {
        if (state.finished()) {
            return state;
        }
        return switch (event) {
            case RolloutEvent.PhaseEntered e -> new Running(e.phase(), e.at());
            case RolloutEvent.ApprovalRequested e -> new AwaitingApproval(e.phase(), e.role(), e.at());
            case RolloutEvent.ActivationEntered e -> new Activating(e.index(), e.at());
            case RolloutEvent.Completed e -> new Completed(e.at());
            case RolloutEvent.RolledBack e -> new RolledBack(e.cause(), e.at(), e.automatic(), e.deploymentRollbackAllowed());
            case RolloutEvent.Paused e -> switch (state) {
                case Paused paused -> new Paused(e.reason(), e.cause(), paused.since(), paused.resumeTo());
                case Running r -> new Paused(e.reason(), e.cause(), e.at(), r);
                case AwaitingApproval a -> new Paused(e.reason(), e.cause(), e.at(), a);
                case Activating a -> new Paused(e.reason(), e.cause(), e.at(), a);
                default -> state;
            };
            case RolloutEvent.Resumed e -> state instanceof Paused paused ? resume(paused, e.at()) : state;
            default -> state;
        };
    }

    private static RolloutState resume(Paused paused, Instant at) {
        Duration stopped = Duration.between(paused.since(), at);
        if (stopped.isNegative()) {
            stopped = Duration.ZERO;
        }
        return switch (paused.resumeTo()) {
            case Running r -> new Running(r.phase(), r.enteredAt().plus(stopped));
            case Activating a -> new Activating(a.index(), a.enteredAt().plus(stopped));
            default -> paused.resumeTo();
        };
    }
}
