package dev.gantry.rollout;

import java.util.Objects;
import java.util.Optional;

/**
 * A person's operation on a rollout, applied by {@link RolloutEngine#apply}. The caller has
 * already checked that the person may do it (scopes, and for approvals the role); the engine
 * checks that the rollout's state allows it. Applying a command whose effect is already in place
 * (pausing a paused rollout) records nothing. Immutable.
 */
public sealed interface RolloutCommand {

    /** Who asked. */
    String actor();

    /** Starts a pending rollout: the first phase, or its approval request. */
    record Start(String actor) implements RolloutCommand {
        public Start {
            Objects.requireNonNull(actor, "actor");
        }
    }

    /** Pauses a running, awaiting or activating rollout until a person resumes it. */
    record Pause(String actor, String reason) implements RolloutCommand {
        public Pause {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Resumes a paused rollout where it paused; the hold clock runs again. */
    record Resume(String actor) implements RolloutCommand {
        public Resume {
            Objects.requireNonNull(actor, "actor");
        }
    }

    /**
     * Advances now: waives the rest of the current phase's (or activation's) hold and minimum
     * sample, or, while awaiting approval, grants it (the caller has checked the role).
     *
     * @param stage the {@linkplain RolloutState#stage() stage} the person saw and promotes; when
     *     given and the rollout has already left it, nothing is recorded, so a repeated or retried
     *     promote never skips a second stage. Empty promotes whatever stage is current.
     */
    record Promote(String actor, Optional<String> stage) implements RolloutCommand {
        public Promote {
            Objects.requireNonNull(actor, "actor");
            stage = stage == null ? Optional.empty() : stage;
        }

        /** Promotes whatever stage is current. */
        public Promote(String actor) {
            this(actor, Optional.empty());
        }
    }

    /** Grants the approval a phase waits for; {@code role} must be the role it waits for. */
    record Approve(String actor, String role) implements RolloutCommand {
        public Approve {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(role, "role");
        }
    }

    /**
     * Rolls back by hand.
     *
     * @param pointOfNoReturnPassed whether the release has passed its point of no return (then
     *     the flags are killed but the deployment is not rolled back)
     */
    record Abort(String actor, String reason, boolean pointOfNoReturnPassed) implements RolloutCommand {
        public Abort {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
