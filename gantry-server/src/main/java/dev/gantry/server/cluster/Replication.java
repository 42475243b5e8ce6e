package dev.gantry.server.cluster;

import dev.gantry.server.db.Database;
import dev.gantry.server.flag.FlagService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several replicas on one PostgreSQL. <b>Leader election</b>: each replica tries a session-level
 * advisory lock on a connection of its own every second; the holder is the leader (background
 * work runs only there). When the leader dies its connection closes, PostgreSQL releases the
 * lock, and another replica takes it on its next try. <b>Fan-out</b>: flag and segment changes
 * and new environments send {@code NOTIFY gantry_flags, '<env>'} on commit; every replica LISTENs
 * and reloads that environment's snapshot (learning of a new environment on the way), which
 * reaches its SDK streams. After a lost LISTEN connection every
 * environment is reloaded, so no change is missed. On SQLite there is one process: it is the
 * leader and nothing is started. Thread-safe.
 */
public final class Replication implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Replication.class);
    private static final long LEADER_LOCK = 0x67616e7472794cL; // "gantryL"

    private final Database db;
    private final Duration interval;
    private final AtomicBoolean leader = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads;

    private Replication(Database db, FlagService flags, Duration interval) {
        this.db = db;
        this.interval = interval;
        if (db.dialect() == Database.Dialect.SQLITE) {
            leader.set(true);
            threads = List.of();
            return;
        }
        threads = List.of(
                Thread.ofPlatform().daemon().name("gantry-leader-election").start(this::elect),
                Thread.ofPlatform().daemon().name("gantry-flag-listener").start(() -> listen(flags::reload, flags::reloadAll)));
    }

    /**
     * Starts election and fan-out (PostgreSQL) or declares this process the leader (SQLite).
     *
     * @param interval how often a follower tries the lock and a listener polls
     */
    public static Replication start(Database db, FlagService flags, Duration interval) {
        return new Replication(db, flags, interval);
    }

    /** @return whether this replica holds the leader lock */
    public boolean leader() {
        return leader.get();
    }

    private void elect() {
        while (running.get()) {
            try (Connection c = db.dedicatedConnection(); Statement st = c.createStatement()) {
                while (running.get()) {
                    if (!leader.get()) {
                        try (ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(" + LEADER_LOCK + ")")) {
                            rs.next();
                            if (rs.getBoolean(1)) {
                                leader.set(true);
                                LOG.info("This replica is now the leader");
                            }
                        }
                    } else {
                        st.execute("SELECT 1");
                    }
                    sleep(interval);
                }
            } catch (SQLException e) {
                if (leader.getAndSet(false)) {
                    LOG.warn("Lost the leader lock's connection ({}); trying again", e.getSQLState());
                }
                sleep(interval);
            }
        }
        leader.set(false);
    }

    private void listen(Consumer<String> reload, Runnable reloadAll) {
        boolean first = true;
        while (running.get()) {
            try (Connection c = db.dedicatedConnection(); Statement st = c.createStatement()) {
                st.execute("LISTEN " + FlagService.CHANNEL);
                if (!first) {
                    reloadAll.run(); // changes (and environments) made while the listener was away
                }
                first = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running.get()) {
                    PGNotification[] notes = pg.getNotifications((int) interval.toMillis());
                    if (notes != null) {
                        for (PGNotification n : notes) {
                            try {
                                reload.accept(n.getParameter());
                            } catch (RuntimeException e) {
                                LOG.warn("Reloading flags of {} failed: {}", n.getParameter(), e.getClass().getSimpleName());
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                first = false;
                LOG.warn("Flag change listener lost its connection ({}); reconnecting", e.getSQLState());
                sleep(interval);
            }
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    @Override
    public void close() {
        running.set(false);
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
