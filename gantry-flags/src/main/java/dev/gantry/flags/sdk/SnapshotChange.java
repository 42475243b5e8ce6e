package dev.gantry.flags.sdk;

import dev.gantry.flags.Snapshot;
import java.util.Objects;
import java.util.Set;

/**
 * A new snapshot took effect.
 *
 * @param previous the snapshot that was in force before ({@link Snapshot#empty()} at first)
 * @param current the snapshot now in force
 * @param changedFlags keys of flags added, removed or changed in any way (segment changes count
 *     for every flag, since membership may have changed)
 */
public record SnapshotChange(Snapshot previous, Snapshot current, Set<String> changedFlags) {
    /** Copies the keys. */
    public SnapshotChange {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(current, "current");
        changedFlags = Set.copyOf(changedFlags);
    }
}
