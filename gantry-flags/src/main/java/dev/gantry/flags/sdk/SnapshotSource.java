package dev.gantry.flags.sdk;

/** Delivers snapshots to a {@link SourceSink}. */
interface SnapshotSource extends AutoCloseable {
    /** Starts delivering; may deliver the first snapshot before returning. */
    void start();

    /** Stops delivering and releases threads and connections. */
    @Override
    void close();
}
