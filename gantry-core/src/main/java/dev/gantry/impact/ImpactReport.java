package dev.gantry.impact;

import dev.gantry.plan.Change;
import java.util.List;
import java.util.Optional;

/**
 * What a release breaks, for whom, what each must do, and whether a rollback is still safe.
 *
 * @param product the product
 * @param version the version released
 * @param previous the version it replaces
 * @param audiences one entry per audience affected, in a fixed order
 * @param migrations the release's SQL migrations, in Flyway order
 * @param pointOfNoReturn the first migration past which rolling the application back is unsafe
 * @param undeclared what the release's files change that the plan does not declare
 * @param followUps changes moved out of the release
 * @param notes files that could not be read or analysed, in words
 */
public record ImpactReport(String product, String version, Optional<String> previous, List<AudienceImpact> audiences,
        List<MigrationImpact> migrations, Optional<PointOfNoReturn> pointOfNoReturn, List<Undeclared> undeclared,
        List<FollowUp> followUps, List<String> notes) {
    public ImpactReport {
        audiences = List.copyOf(audiences);
        migrations = List.copyOf(migrations);
        undeclared = List.copyOf(undeclared);
        followUps = List.copyOf(followUps);
        notes = List.copyOf(notes);
    }

    /** How safe rolling a change back is. */
    public enum RollbackSafety {
        /** The previous version runs again as it did. */
        SAFE,
        /** Safe if operators keep the old setup (a renamed variable, the previous revision) meanwhile. */
        CONDITIONAL,
        /** Unsafe once the named migration has run: restore the backup or fix forward. */
        UNSAFE,
        /** The plan says nothing about rolling this change back. */
        UNKNOWN
    }

    /**
     * What one audience must know and do.
     *
     * @param audience who
     * @param items the changes that affect them, riskiest first
     */
    public record AudienceImpact(Change.Audience audience, List<Item> items) {
        public AudienceImpact {
            items = List.copyOf(items);
        }
    }

    /**
     * One change as it affects an audience.
     *
     * @param change the change's id
     * @param title what changes
     * @param breaking whether the audience must act
     * @param risk the change's risk
     * @param actions what the audience must do, in order
     * @param rollback how safe rolling the change back is
     * @param rollbackDetail how to roll it back, or why it cannot be
     */
    public record Item(String change, String title, boolean breaking, Change.Risk risk, List<String> actions,
            RollbackSafety rollback, String rollbackDetail) {
        public Item {
            actions = List.copyOf(actions);
        }
    }

    /**
     * A migration of the release.
     *
     * @param label {@code V3}
     * @param file the file name
     * @param classification expand, contract or destructive
     * @param reason why it is classified so
     * @param reversibility undo-file, derivable or irreversible
     * @param blockingFindings how many blocking lint findings it has
     * @param changes the changes that cite it
     */
    public record MigrationImpact(String label, String file, String classification, String reason, String reversibility,
            int blockingFindings, List<String> changes) {
        public MigrationImpact {
            changes = List.copyOf(changes);
        }
    }

    /**
     * The release's point of no return.
     *
     * @param migration the migration's label
     * @param message why rolling the application back is unsafe past it
     * @param changes the changes that cite the migration
     * @param guidance what to do instead of rolling back (from those changes' rollback text)
     */
    public record PointOfNoReturn(String migration, String message, List<String> changes, List<String> guidance) {
        public PointOfNoReturn {
            changes = List.copyOf(changes);
            guidance = List.copyOf(guidance);
        }
    }

    /**
     * Something the release's files change that the plan does not declare.
     *
     * @param kind migration, environment, configuration or integration
     * @param subject what (a file, a variable, a key)
     * @param message what to declare
     */
    public record Undeclared(String kind, String subject, String message) {}

    /**
     * A change moved out of the release.
     *
     * @param change its id
     * @param title what it is
     * @param reason why it moved, from its description
     */
    public record FollowUp(String change, String title, String reason) {}

    /** Shipped changes that break something for someone. */
    public long breakingChanges() {
        return audiences.stream().flatMap(audience -> audience.items().stream()).filter(Item::breaking)
                .map(Item::change).distinct().count();
    }
}
