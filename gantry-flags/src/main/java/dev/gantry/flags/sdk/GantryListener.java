package dev.gantry.flags.sdk;

/**
 * Receives client events. Called on one dedicated notification thread, in order; a listener that
 * throws is logged and does not stop others. Both methods default to doing nothing.
 */
public interface GantryListener {
    /** @param change the snapshot that took effect and which flags changed */
    default void onSnapshotChanged(SnapshotChange change) {
    }

    /** @param change the status transition or problem report */
    default void onStatusChanged(StatusChange change) {
    }
}
