package dev.gantry.rollout;

import dev.gantry.plan.Rollout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rollout engine: a pure decision function over a rollout's history. {@link #evaluate} feeds
 * the guards their latest samples and advances the rollout when the hold, the minimum sample and
 * every guard allow; {@link #apply} carries out a person's command. Both return the events to
 * append and the effects to perform, and neither changes anything itself. Given the same history,
 * inputs and clock, they decide the same; run again after their events were appended, they decide
 * nothing new. The history is the only memory: after a restart the engine continues exactly where
 * the events left it (see docs/rollout.md). Thread-safe: it holds no mutable state.
 */
public final class RolloutEngine {
    private final Rollout spec;
    private final RolloutIdentity identity;
    private final Clock clock;
    private final RolloutEffects effects;

    /**
     * An engine for one rollout.
     *
     * @throws IllegalArgumentException when the rollout has no phase
     */
    public RolloutEngine(Rollout spec, RolloutIdentity identity, Clock clock) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (spec.phases().isEmpty()) {
            throw new IllegalArgumentException("a rollout has at least one phase");
        }
        this.effects = new RolloutEffects(spec, identity);
    }

    /** The state after {@code history}. */
    public RolloutState state(List<RolloutEvent> history) {
        return RolloutState.replay(spec, history);
    }

    /**
     * One evaluation: feeds every guard its sample (a missing one is inconclusive), applies the
     * action of a guard that breached, pauses on inconclusive data and resumes when it returns,
     * and advances the rollout by at most one step.
     */
    public Decision evaluate(List<RolloutEvent> history, Observations observations) {
        Objects.requireNonNull(observations, "observations");
        Instant now = clock.instant();
        Run run = new Run(history);
        if (run.state instanceof RolloutState.Pending || run.state.finished()) {
            return run.decision(Optional.empty());
        }
        Map<String, GuardStatus> statuses = new LinkedHashMap<>();
        List<Rollout.Guard> pausing = new ArrayList<>();
        for (Rollout.Guard guard : spec.guards()) {
            GuardStatus before = GuardStatus.replay(guard.id(), run.all);
            GuardSample sample = observations.sample(guard.id()).orElse(new GuardSample.Inconclusive(now, "no data"));
            GuardTracker.Step step = new GuardTracker(guard).observe(before, sample);
            step.event().ifPresent(run::append);
            statuses.put(guard.id(), step.status());
            if (step.event().orElse(null) instanceof RolloutEvent.GuardBreached breached) {
                if (guard.action() == Rollout.Guard.Action.ROLLBACK) {
                    run.append(new RolloutEvent.RolledBack(now, "guard " + guard.id() + ": " + breached.detail(), true,
                            Optional.empty(), Optional.of(guard.id()), !observations.pointOfNoReturnPassed()));
                    return run.decision(Optional.empty());
                }
                if (guard.action() == Rollout.Guard.Action.PAUSE) {
                    pausing.add(guard);
                }
            }
        }
        pauseOrResume(run, statuses, pausing, now);
        if (statuses.values().stream().allMatch(GuardStatus::satisfied)) {
            switch (run.state) {
                case RolloutState.Running running when stageOver(running.enteredAt(), spec.phases().get(running.phase()).hold(), now)
                        && observations.samplesInPhase() >= spec.phases().get(running.phase()).minSample() ->
                    advanceFromPhase(run, running.phase(), now);
                case RolloutState.Activating activating when stageOver(activating.enteredAt(),
                        spec.activation().get(activating.index()).hold(), now) ->
                    advanceFromActivation(run, activating.index(), now);
                default -> { }
            }
        }
        return run.decision(nextEvaluation(run.state, statuses, now));
    }

    private void pauseOrResume(Run run, Map<String, GuardStatus> statuses, List<Rollout.Guard> pausing, Instant now) {
        if (!pausing.isEmpty()) {
            Rollout.Guard guard = pausing.getFirst();
            boolean manual = run.state instanceof RolloutState.Paused paused && paused.cause() != RolloutEvent.PauseCause.INCONCLUSIVE;
            if (!manual) {
                String detail = ((GuardStatus.Breached) statuses.get(guard.id())).detail();
                run.append(new RolloutEvent.Paused(now, "guard " + guard.id() + " breached: " + detail,
                        RolloutEvent.PauseCause.GUARD, Optional.empty(), Optional.of(guard.id())));
            }
            return;
        }
        Optional<Map.Entry<String, GuardStatus>> inconclusive = statuses.entrySet().stream()
                .filter(entry -> entry.getValue() instanceof GuardStatus.Inconclusive).findFirst();
        if (inconclusive.isPresent() && !(run.state instanceof RolloutState.Paused)) {
            GuardStatus.Inconclusive status = (GuardStatus.Inconclusive) inconclusive.get().getValue();
            String guard = inconclusive.get().getKey();
            run.append(new RolloutEvent.Paused(now, "guard " + guard + " is inconclusive: " + status.reason(),
                    RolloutEvent.PauseCause.INCONCLUSIVE, Optional.empty(), Optional.of(guard)));
        } else if (inconclusive.isEmpty() && run.state instanceof RolloutState.Paused paused
                && paused.cause() == RolloutEvent.PauseCause.INCONCLUSIVE) {
            run.append(new RolloutEvent.Resumed(now, Optional.empty()));
        }
    }

    /**
     * Carries out a person's command.
     *
     * @throws RolloutException when the rollout's state does not allow it
     */
    public Decision apply(List<RolloutEvent> history, RolloutCommand command) {
        Objects.requireNonNull(command, "command");
        Instant now = clock.instant();
        Run run = new Run(history);
        RolloutState state = run.state;
        switch (command) {
            case RolloutCommand.Start start -> {
                if (state.finished()) {
                    throw new RolloutException("cannot start: the rollout is already " + describe(state) + "; start a new rollout");
                }
                if (state instanceof RolloutState.Pending) {
                    run.append(new RolloutEvent.Started(now, start.actor()));
                    enterPhase(run, 0, now);
                }
            }
            case RolloutCommand.Pause pause -> {
                requireActive(state, "pause");
                boolean pausedByPerson = state instanceof RolloutState.Paused paused
                        && paused.cause() == RolloutEvent.PauseCause.MANUAL;
                if (!pausedByPerson) {
                    String reason = "paused by " + pause.actor() + (pause.reason().isBlank() ? "" : ": " + pause.reason());
                    run.append(new RolloutEvent.Paused(now, reason, RolloutEvent.PauseCause.MANUAL, Optional.of(pause.actor()),
                            Optional.empty()));
                }
            }
            case RolloutCommand.Resume resume -> {
                requireActive(state, "resume");
                if (state instanceof RolloutState.Paused) {
                    run.append(new RolloutEvent.Resumed(now, Optional.of(resume.actor())));
                }
            }
            case RolloutCommand.Promote promote -> {
                requireActive(state, "promote");
                if (promote.stage().isPresent() && !promote.stage().equals(state.stage())) {
                    break;
                }
                switch (state) {
                    case RolloutState.Running running -> {
                        run.append(new RolloutEvent.Promoted(now, running.phase(), promote.actor()));
                        advanceFromPhase(run, running.phase(), now);
                    }
                    case RolloutState.Activating activating -> {
                        run.append(new RolloutEvent.Promoted(now, activating.index(), promote.actor()));
                        advanceFromActivation(run, activating.index(), now);
                    }
                    case RolloutState.AwaitingApproval awaiting -> approve(run, awaiting, promote.actor(), now);
                    default -> throw new RolloutException("cannot promote: the rollout is " + describe(state)
                            + "; resume it first");
                }
            }
            case RolloutCommand.Approve approve -> {
                requireActive(state, "approve");
                if (state instanceof RolloutState.AwaitingApproval awaiting) {
                    if (!awaiting.role().equals(approve.role())) {
                        throw new RolloutException("cannot approve: " + phaseName(awaiting.phase()) + " waits for approval by "
                                + awaiting.role() + ", not " + approve.role());
                    }
                    approve(run, awaiting, approve.actor(), now);
                } else if (!alreadyApproved(run.all, state, approve.role())) {
                    throw new RolloutException("cannot approve: the rollout is " + describe(state)
                            + (state instanceof RolloutState.Paused ? "; resume it first" : ", not waiting for an approval"));
                }
            }
            case RolloutCommand.Abort abort -> {
                if (state instanceof RolloutState.Pending) {
                    throw new RolloutException("cannot abort: the rollout has not started");
                }
                if (state instanceof RolloutState.Completed) {
                    throw new RolloutException("cannot abort: the rollout has completed; roll the release back with gantry rollback");
                }
                if (!(state instanceof RolloutState.RolledBack)) {
                    String cause = "aborted by " + abort.actor() + (abort.reason().isBlank() ? "" : ": " + abort.reason());
                    run.append(new RolloutEvent.RolledBack(now, cause, false, Optional.of(abort.actor()), Optional.empty(),
                            !abort.pointOfNoReturnPassed()));
                }
            }
        }
        return run.decision(nextEvaluation(run.state, Map.of(), now));
    }

    /**
     * The effects of the event at {@code sequence} (its index in {@code history}): what the
     * server must do because it happened. {@link #evaluate} and {@link #apply} return these for
     * their new events; a server that crashed between appending events and performing their
     * effects can compute them again from the history.
     */
    public List<RolloutEffect> effectsOf(List<RolloutEvent> history, int sequence) {
        return effects.of(history, sequence);
    }

    private void approve(Run run, RolloutState.AwaitingApproval awaiting, String actor, Instant now) {
        run.append(new RolloutEvent.ApprovalGranted(now, awaiting.phase(), awaiting.role(), actor));
        run.append(new RolloutEvent.PhaseEntered(now, awaiting.phase(), spec.phases().get(awaiting.phase()).percent()));
    }

    private static boolean alreadyApproved(List<RolloutEvent> history, RolloutState state, String role) {
        int phase = state instanceof RolloutState.Running running ? running.phase() : -1;
        return history.stream().anyMatch(event -> event instanceof RolloutEvent.ApprovalGranted granted
                && granted.phase() == phase && granted.role().equals(role));
    }

    private void enterPhase(Run run, int phase, Instant now) {
        Rollout.Phase next = spec.phases().get(phase);
        if (next.approval().isPresent()) {
            run.append(new RolloutEvent.ApprovalRequested(now, phase, next.approval().orElseThrow()));
        } else {
            run.append(new RolloutEvent.PhaseEntered(now, phase, next.percent()));
        }
    }

    private void advanceFromPhase(Run run, int phase, Instant now) {
        if (phase + 1 < spec.phases().size()) {
            enterPhase(run, phase + 1, now);
        } else if (!spec.activation().isEmpty()) {
            run.append(new RolloutEvent.ActivationEntered(now, 0, spec.activation().getFirst().flag()));
        } else {
            run.append(new RolloutEvent.Completed(now));
        }
    }

    private void advanceFromActivation(Run run, int index, Instant now) {
        if (index + 1 < spec.activation().size()) {
            run.append(new RolloutEvent.ActivationEntered(now, index + 1, spec.activation().get(index + 1).flag()));
        } else {
            run.append(new RolloutEvent.Completed(now));
        }
    }

    /** A stage is over when its hold has passed, and never in the instant it began (one step per instant). */
    private static boolean stageOver(Instant enteredAt, Optional<Duration> hold, Instant now) {
        return now.isAfter(enteredAt) && !now.isBefore(enteredAt.plus(hold.orElse(Duration.ZERO)));
    }

    private Optional<Instant> nextEvaluation(RolloutState state, Map<String, GuardStatus> statuses, Instant now) {
        if (state instanceof RolloutState.Pending || state.finished()) {
            return Optional.empty();
        }
        Instant next = now.plus(spec.evaluationInterval());
        Optional<Instant> holdEnd = switch (state) {
            case RolloutState.Running running -> Optional.of(running.enteredAt().plus(
                    spec.phases().get(running.phase()).hold().orElse(Duration.ZERO)));
            case RolloutState.Activating activating -> Optional.of(activating.enteredAt().plus(
                    spec.activation().get(activating.index()).hold().orElse(Duration.ZERO)));
            default -> Optional.empty();
        };
        if (holdEnd.isPresent() && holdEnd.get().isAfter(now) && holdEnd.get().isBefore(next)) {
            next = holdEnd.get();
        }
        for (Rollout.Guard guard : spec.guards()) {
            if (statuses.get(guard.id()) instanceof GuardStatus.Breaching breaching) {
                Instant due = breaching.since().plus(guard.forDuration() == null ? Duration.ZERO : guard.forDuration());
                if (due.isAfter(now) && due.isBefore(next)) {
                    next = due;
                }
            }
        }
        return Optional.of(next);
    }

    private static void requireActive(RolloutState state, String verb) {
        if (state instanceof RolloutState.Pending || state.finished()) {
            throw new RolloutException("cannot " + verb + ": the rollout is " + describe(state));
        }
    }

    private String phaseName(int phase) {
        Rollout.Phase p = spec.phases().get(phase);
        return p.name() == null || p.name().isBlank() ? "phase " + (phase + 1) : "phase " + p.name();
    }

    static String describe(RolloutState state) {
        return switch (state) {
            case RolloutState.Pending p -> "not started";
            case RolloutState.Running r -> "running";
            case RolloutState.AwaitingApproval a -> "waiting for approval by " + a.role();
            case RolloutState.Paused p -> "paused (" + p.reason() + ")";
            case RolloutState.Activating a -> "activating features";
            case RolloutState.Completed c -> "completed";
            case RolloutState.RolledBack r -> "rolled back";
        };
    }

    /** The history so far plus this decision's new events, and the state after them. */
    private final class Run {
        private final List<RolloutEvent> all;
        private final int start;
        private RolloutState state;

        Run(List<RolloutEvent> history) {
            this.all = new ArrayList<>(history);
            this.start = history.size();
            this.state = RolloutState.replay(spec, history);
        }

        void append(RolloutEvent event) {
            all.add(event);
            state = RolloutState.next(state, event);
        }

        Decision decision(Optional<Instant> next) {
            List<RolloutEffect> produced = new ArrayList<>();
            for (int sequence = start; sequence < all.size(); sequence++) {
                produced.addAll(effects.of(all, sequence));
            }
            return new Decision(all.subList(start, all.size()), produced, state, state.finished() ? Optional.empty() : next);
        }
    }
}
