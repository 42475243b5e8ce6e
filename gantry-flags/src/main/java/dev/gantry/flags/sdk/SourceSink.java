package dev.gantry.flags.sdk;

import dev.gantry.flags.Snapshot;

/** What a source reports to the client. Implementations are thread-safe. */
interface SourceSink {
    /** @return the snapshot in force, {@link Snapshot#empty()} when none */
    Snapshot current();

    /** @return true once a real snapshot (source or cache) is in force */
    boolean hasSnapshot();

    /** @param snapshot a new, valid snapshot from the source */
    void accept(Snapshot snapshot);

    /** The source confirmed the current snapshot is up to date. */
    void confirmed();

    /** @param message why the source cannot deliver (unreachable, HTTP error, key rejected) */
    void failed(String message);

    /** @param message why the snapshot the source delivered was rejected; the previous stays */
    void rejected(String message);
}
