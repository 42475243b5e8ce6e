package dev.gantry.gate;

/**
 * Told of each item's result as soon as its check finishes, for live output. Calls come one at
 * a time (the engine serialises them) but from the engine's threads.
 */
@FunctionalInterface
public interface GateListener {
    /** An item's check finished. */
    void finished(ItemResult result);

    /** A listener that ignores everything. */
    GateListener NONE = result -> {};
}
