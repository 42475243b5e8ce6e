package dev.gantry.server.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the leader's periodic work (sending due communications, taking post-launch snapshots) on
 * one daemon thread, every interval, only while this replica is the leader. The work reads time
 * from its own injected clock, so tests call {@link #runNow} after moving a test clock instead of
 * waiting. A task that throws is logged and runs again next time. Thread-safe.
 */
public final class LeaderTicker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderTicker.class);

    private final List<Runnable> tasks;
    private final BooleanSupplier leader;
    private final ScheduledExecutorService executor;

    /**
     * Starts ticking.
     *
     * @param tasks run in order on each tick
     * @param leader whether this replica is the leader now
     * @param interval time between ticks
     */
    public LeaderTicker(List<Runnable> tasks, BooleanSupplier leader, Duration interval) {
        this.tasks = List.copyOf(tasks);
        this.leader = leader;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("gantry-leader-ticker").unstarted(r));
        executor.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void tick() {
        if (!leader.getAsBoolean()) {
            return;
        }
        for (Runnable task : tasks) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("Leader task failed, retried on the next tick: {}", e.getMessage());
            }
        }
    }

    /** Runs one tick now, on the caller's thread (when leader). */
    public void runNow() {
        tick();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
