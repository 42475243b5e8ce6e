package dev.gantry.rollout;

import java.util.List;
import java.util.Objects;

/**
 * Something the server must do because of an event, described, not done: the engine is pure.
 * Every effect carries a {@link #key()} unique per effect and stable across re-runs (rollout id,
 * the sequence number of the event that caused it, and what it is), so the server can record it
 * in an outbox and perform it at least once without doubling it. Immutable.
 */
public sealed interface RolloutEffect {

    /** The stable idempotency key. */
    String key();

    /** Serve the new variation of {@code flag} to {@code percent} of units. */
    record SetPercent(String key, String flag, double percent) implements RolloutEffect {
        public SetPercent {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(flag, "flag");
        }
    }

    /** Switch an activation flag on for everyone. */
    record EnableFlag(String key, String flag) implements RolloutEffect {
        public EnableFlag {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(flag, "flag");
        }
    }

    /** Kill {@code flag}: serve everyone the old variation (off). */
    record KillFlag(String key, String flag) implements RolloutEffect {
        public KillFlag {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(flag, "flag");
        }
    }

    /** Call the plan's rollback webhooks (deployment rollback); only when it is allowed. */
    record CallRollbackWebhooks(String key) implements RolloutEffect {
        public CallRollbackWebhooks {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * Page the release owner: the release passed its point of no return, the flags are killed and
     * the deployment must roll forward.
     *
     * @param title one line
     * @param guidance what to do, in words
     */
    record PageOwner(String key, String dedupKey, String title, String guidance) implements RolloutEffect {
        public PageOwner {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(dedupKey, "dedupKey");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(guidance, "guidance");
        }
    }

    /**
     * Tell a guard's channels.
     *
     * @param channels the plan's channel ids
     * @param severity how urgent
     * @param kind trigger opens an alert, resolve closes the one with the same dedup key
     * @param dedupKey per release and guard, e.g. {@code platform/1.2.0/error-rate}
     * @param guard the guard it concerns
     * @param title one line
     * @param text the body
     */
    record Notify(String key, List<String> channels, Severity severity, Kind kind, String dedupKey, String guard,
            String title, String text) implements RolloutEffect {
        public Notify {
            Objects.requireNonNull(key, "key");
            channels = List.copyOf(channels);
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(dedupKey, "dedupKey");
            Objects.requireNonNull(guard, "guard");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(text, "text");
        }
    }

    /** How urgent a notification is. */
    enum Severity { CRITICAL, ERROR, WARNING, INFO }

    /** Whether a notification opens or closes an alert. */
    enum Kind { TRIGGER, RESOLVE }
}
