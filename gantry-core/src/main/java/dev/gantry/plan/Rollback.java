package dev.gantry.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the release comes back when it must.
 *
 * @param triggers what makes the team roll back
 * @param steps the rollback procedure
 * @param database what happens to the database on rollback
 * @param webhooks HTTP calls the server makes on rollback (to hosts its configuration allows)
 * @param communications the communications sent on rollback (their ids)
 */
public record Rollback(List<Trigger> triggers, List<Step> steps, DatabasePosture database, List<Webhook> webhooks,
        List<String> communications) {
    public static final Rollback NONE = new Rollback(List.of(), List.of(), DatabasePosture.NONE, List.of(), List.of());

    public Rollback {
        triggers = List.copyOf(triggers);
        steps = List.copyOf(steps);
        webhooks = List.copyOf(webhooks);
        communications = List.copyOf(communications);
    }

    /**
     * A reason to roll back.
     *
     * @param description the condition in words ("Error rate > 5% for 5 minutes")
     * @param guard the rollout guard that detects it automatically, if any
     */
    public record Trigger(String description, Optional<String> guard) {}

    /** What the database does when the application rolls back. */
    public enum DatabasePosture implements PlanEnum {
        /** No database change in this release. */
        NONE,
        /** Run the undo migrations. */
        DOWN_MIGRATIONS,
        /** Restore the backup taken before the release. */
        RESTORE_BACKUP,
        /** The schema stays; fix forward. */
        ROLL_FORWARD
    }

    /**
     * An HTTP call made on rollback, e.g. to trigger the deployment platform's rollback.
     *
     * @param name what it does
     * @param url where it goes
     * @param method the HTTP method
     * @param headers headers sent, e.g. an authorization token from the environment
     */
    public record Webhook(String name, ConfigValue url, String method, Map<String, ConfigValue> headers) {
        public Webhook {
            headers = Map.copyOf(headers);
        }
    }
}
