package dev.gantry.plan;

import java.util.List;
import java.util.Optional;

/**
 * One change the release makes that someone must know about.
 *
 * @param id how the plan and findings refer to it
 * @param title one line
 * @param area where it lands: deployment, billing, connectivity, database, api, ...
 * @param type its Keep a Changelog section
 * @param breaking whether someone must act for things to keep working
 * @param audiences who is affected
 * @param description what changes, for release notes
 * @param migration what the affected must do
 * @param rollback how the change is undone, and whether it can be
 * @param compatibility temporary bridges that keep old clients working
 * @param risk how likely and how bad a failure is
 * @param deferred whether the change was moved out of this release (a follow-up)
 * @param evidence the release's files that show the change
 * @param integration a third-party API whose version moves
 */
public record Change(String id, String title, String area, Type type, boolean breaking, List<Audience> audiences,
        Optional<String> description, Optional<String> migration, Optional<String> rollback,
        Optional<String> compatibility, Risk risk, boolean deferred, Evidence evidence,
        Optional<Integration> integration) {
    public Change {
        audiences = List.copyOf(audiences);
    }

    /** The Keep a Changelog section a change belongs to. */
    public enum Type implements PlanEnum { ADDED, CHANGED, DEPRECATED, REMOVED, FIXED, SECURITY }

    /** Who a change affects. */
    public enum Audience implements PlanEnum { CUSTOMERS, OPERATORS, DOWNSTREAM, SUPPORT, INTERNAL }

    /** How risky a change is. */
    public enum Risk implements PlanEnum { LOW, MEDIUM, HIGH, CRITICAL }

    /**
     * Files that show the change.
     *
     * @param configDiff deployment configuration before and after
     * @param migrations migration files (names or paths) that belong to the change
     * @param env environment variables the change adds, renames or removes
     * @param links tickets, pull requests, documents
     */
    public record Evidence(Optional<ConfigDiff> configDiff, List<String> migrations, List<String> env,
            List<String> links) {
        public static final Evidence NONE = new Evidence(Optional.empty(), List.of(), List.of(), List.of());

        public Evidence {
            migrations = List.copyOf(migrations);
            env = List.copyOf(env);
            links = List.copyOf(links);
        }
    }

    /**
     * A deployment configuration file before and after, paths relative to the plan.
     *
     * @param before the configuration the previous version runs with
     * @param after the configuration this version runs with
     */
    public record ConfigDiff(String before, String after) {}

    /**
     * A third-party integration whose API version moves.
     *
     * @param name the integration (stripe, github, ...)
     * @param from the API version before
     * @param to the API version after
     * @param deadline when the old version stops working, if the provider says
     */
    public record Integration(String name, String from, String to, Optional<String> deadline) {}
}
