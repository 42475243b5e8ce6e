package dev.gantry.flags.sdk;

/** Where a {@link GantryClient} stands with its source. */
public enum ClientStatus {
    /** no snapshot yet: evaluations return the caller's default with FLAG_NOT_FOUND */
    INITIALIZING,
    /** serving the latest snapshot from a healthy source */
    READY,
    /**
     * serving a snapshot that may be out of date: loaded from the cache file and not yet
     * confirmed, or the source is failing, or the source's latest snapshot was rejected
     */
    STALE,
    /** no snapshot at all and the source is failing */
    ERROR,
    /** closed; evaluations keep answering from the last snapshot */
    CLOSED
}
