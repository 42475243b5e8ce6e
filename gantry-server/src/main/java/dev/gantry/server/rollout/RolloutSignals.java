package dev.gantry.server.rollout;

/**
 * Wakes status watchers (the SSE stream) when this replica changed a rollout. Watchers also poll,
 * so changes made by another replica reach them too. Thread-safe.
 */
final class RolloutSignals {
    private long version;

    synchronized void changed() {
        version++;
        notifyAll();
    }

    synchronized long version() {
        return version;
    }

    /** Waits until the version moves past {@code seen} or {@code millis} pass. */
    synchronized void await(long seen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (version == seen) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }
}
