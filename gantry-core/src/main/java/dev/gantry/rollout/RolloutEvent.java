package dev.gantry.rollout;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.json.GantryJson;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One fact in a rollout's append-only history. A rollout's {@link RolloutState} and the memory
 * of its guards are a fold over these events ({@link RolloutState#replay}); nothing else is kept.
 * Each event serialises to JSON with a stable {@code type} name ({@link #toJson}, {@link #fromJson}),
 * so a store can keep them as rows. Records are immutable and thread-safe.
 *
 * <p>Phase and activation numbers are zero-based indexes into the plan's {@code phases} and
 * {@code activation} lists. Actors are user names; events the engine emits on its own carry no
 * actor.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RolloutEvent.Started.class, name = "started"),
    @JsonSubTypes.Type(value = RolloutEvent.PhaseEntered.class, name = "phase-entered"),
    @JsonSubTypes.Type(value = RolloutEvent.ApprovalRequested.class, name = "approval-requested"),
    @JsonSubTypes.Type(value = RolloutEvent.ApprovalGranted.class, name = "approval-granted"),
    @JsonSubTypes.Type(value = RolloutEvent.GuardBreaching.class, name = "guard-breaching"),
    @JsonSubTypes.Type(value = RolloutEvent.GuardCleared.class, name = "guard-cleared"),
    @JsonSubTypes.Type(value = RolloutEvent.GuardBreached.class, name = "guard-breached"),
    @JsonSubTypes.Type(value = RolloutEvent.GuardInconclusive.class, name = "guard-inconclusive"),
    @JsonSubTypes.Type(value = RolloutEvent.GuardRecovered.class, name = "guard-recovered"),
    @JsonSubTypes.Type(value = RolloutEvent.Paused.class, name = "paused"),
    @JsonSubTypes.Type(value = RolloutEvent.Resumed.class, name = "resumed"),
    @JsonSubTypes.Type(value = RolloutEvent.Promoted.class, name = "promoted"),
    @JsonSubTypes.Type(value = RolloutEvent.ActivationEntered.class, name = "activation-entered"),
    @JsonSubTypes.Type(value = RolloutEvent.Completed.class, name = "completed"),
    @JsonSubTypes.Type(value = RolloutEvent.RolledBack.class, name = "rolled-back")
})
public sealed interface RolloutEvent {

    /** When it happened. */
    Instant at();

    /** The stable {@code type} name this event is stored under. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    default String type() {
        return typeNameOf(this);
    }

    /** This event as JSON with its {@code type} property. */
    default String toJson() {
        try {
            return GantryJson.mapper().writerFor(RolloutEvent.class).without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a rollout event is always serialisable", e);
        }
    }

    /**
     * Reads an event written by {@link #toJson}.
     *
     * @throws IllegalArgumentException when {@code json} is not a rollout event
     */
    static RolloutEvent fromJson(String json) {
        try {
            return GantryJson.mapper().readValue(json, RolloutEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a rollout event: " + e.getOriginalMessage(), e);
        }
    }

    private static String typeNameOf(RolloutEvent event) {
        for (JsonSubTypes.Type type : RolloutEvent.class.getAnnotation(JsonSubTypes.class).value()) {
            if (type.value() == event.getClass()) {
                return type.name();
            }
        }
        throw new IllegalStateException("unregistered event " + event.getClass());
    }

    /** A person started the rollout. */
    record Started(Instant at, String actor) implements RolloutEvent {
        public Started {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(actor, "actor");
        }
    }

    /**
     * A traffic phase began: the rollout flag now serves the new variation to {@code percent}.
     *
     * @param phase the phase's index
     * @param percent the phase's percentage, copied so the history reads on its own
     */
    record PhaseEntered(Instant at, int phase, double percent) implements RolloutEvent {
        public PhaseEntered {
            Objects.requireNonNull(at, "at");
            requireIndex(phase);
        }
    }

    /** Entering {@code phase} waits for a person holding {@code role}. */
    record ApprovalRequested(Instant at, int phase, String role) implements RolloutEvent {
        public ApprovalRequested {
            Objects.requireNonNull(at, "at");
            requireIndex(phase);
            Objects.requireNonNull(role, "role");
        }
    }

    /** {@code actor}, holding {@code role}, approved entering {@code phase}. */
    record ApprovalGranted(Instant at, int phase, String role, String actor) implements RolloutEvent {
        public ApprovalGranted {
            Objects.requireNonNull(at, "at");
            requireIndex(phase);
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(actor, "actor");
        }
    }

    /**
     * A guard's condition became true; it is a breach only once it has held for the guard's
     * {@code for}, counted from {@code since}.
     *
     * @param since when the condition began: {@code at}, or earlier when the guard comes back from
     *     an inconclusive spell during which it was already breaching
     * @param detail the observation in words ("0.07 > 0.05")
     */
    record GuardBreaching(Instant at, String guard, Instant since, String detail) implements RolloutEvent {
        public GuardBreaching {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(guard, "guard");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** A breaching guard came back (past the hysteresis margin) before its {@code for} elapsed. */
    record GuardCleared(Instant at, String guard, String detail) implements RolloutEvent {
        public GuardCleared {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(guard, "guard");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * A guard's condition held continuously for its {@code for}: the guard's action applies.
     *
     * @param since when the condition began
     * @param detail the observation in words, e.g. "0.12 > 0.05 for 5m"
     */
    record GuardBreached(Instant at, String guard, Instant since, String detail) implements RolloutEvent {
        public GuardBreached {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(guard, "guard");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** A guard had no data or its source failed; the rollout cannot judge it. */
    record GuardInconclusive(Instant at, String guard, String reason) implements RolloutEvent {
        public GuardInconclusive {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(guard, "guard");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A breached or inconclusive guard is healthy again. */
    record GuardRecovered(Instant at, String guard, String detail) implements RolloutEvent {
        public GuardRecovered {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(guard, "guard");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * The rollout stopped advancing.
     *
     * @param reason why, in words
     * @param cause who or what paused it
     * @param actor the person, when {@code cause} is {@link PauseCause#MANUAL}
     * @param guard the guard, when a guard caused it
     */
    record Paused(Instant at, String reason, PauseCause cause, Optional<String> actor, Optional<String> guard)
            implements RolloutEvent {
        public Paused {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(cause, "cause");
            actor = actor == null ? Optional.empty() : actor;
            guard = guard == null ? Optional.empty() : guard;
        }
    }

    /** What paused a rollout. */
    enum PauseCause {
        /** A person. Only a person resumes it. */
        MANUAL,
        /** A guard with {@code action: pause} breached. Only a person resumes it. */
        GUARD,
        /** A guard had no data or its source failed. Resumes on its own when every guard has data again. */
        INCONCLUSIVE
    }

    /**
     * The rollout continues where it paused; the hold clock, stopped while paused, runs again.
     *
     * @param actor the person, or empty when the engine resumed after an inconclusive pause
     */
    record Resumed(Instant at, Optional<String> actor) implements RolloutEvent {
        public Resumed {
            Objects.requireNonNull(at, "at");
            actor = actor == null ? Optional.empty() : actor;
        }
    }

    /**
     * A person waived the rest of the hold and minimum sample of the current phase or activation.
     *
     * @param stage the phase index (while running) or activation index (while activating)
     */
    record Promoted(Instant at, int stage, String actor) implements RolloutEvent {
        public Promoted {
            Objects.requireNonNull(at, "at");
            requireIndex(stage);
            Objects.requireNonNull(actor, "actor");
        }
    }

    /** The activation's flag was switched on; {@code flag} copied so the history reads on its own. */
    record ActivationEntered(Instant at, int index, String flag) implements RolloutEvent {
        public ActivationEntered {
            Objects.requireNonNull(at, "at");
            requireIndex(index);
            Objects.requireNonNull(flag, "flag");
        }
    }

    /** Every phase and activation held healthy: the rollout is done. */
    record Completed(Instant at) implements RolloutEvent {
        public Completed {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The rollout was rolled back: its flags are off.
     *
     * @param cause why, in words ("guard error-rate: 0.12 > 0.05 for 5m", "aborted by alice: ...")
     * @param automatic true when a guard did it, false when a person aborted
     * @param actor the person, when not automatic
     * @param guard the guard, when automatic
     * @param deploymentRollbackAllowed false when the release had passed its point of no return:
     *     the flags are killed but the deployment rolls forward (no rollback webhooks)
     */
    record RolledBack(Instant at, String cause, boolean automatic, Optional<String> actor, Optional<String> guard,
            boolean deploymentRollbackAllowed) implements RolloutEvent {
        public RolledBack {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(cause, "cause");
            actor = actor == null ? Optional.empty() : actor;
            guard = guard == null ? Optional.empty() : guard;
        }
    }

    private static void requireIndex(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("an index is 0 or more, not " + index);
        }
    }
}
