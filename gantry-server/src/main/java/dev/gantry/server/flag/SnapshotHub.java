package dev.gantry.server.flag;

import dev.gantry.flags.Snapshot;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The snapshot in force per environment, held in memory, with the recent versions (so a
 * reconnecting SDK can get a patch) and the open SDK streams to wake when it changes. SDK
 * endpoints read only from here, so they keep serving the last snapshot while the database is
 * down. Thread-safe.
 */
public final class SnapshotHub implements AutoCloseable {
    private static final int HISTORY = 64;

    private final Map<String, Env> envs = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private static final class Env {
        volatile Snapshot current;
        final LinkedHashMap<String, Snapshot> history = new LinkedHashMap<>();
        final Set<Subscription> subscribers = ConcurrentHashMap.newKeySet();

        Env(Snapshot initial) {
            current = initial;
            history.put(initial.version(), initial);
        }
    }

    /** What a stream waits for. */
    public enum Signal { CHANGED, TIMEOUT, CLOSED }

    /** One open stream's wake-up queue. Close it when the stream ends. */
    public final class Subscription implements AutoCloseable {
        private final LinkedBlockingQueue<Signal> queue = new LinkedBlockingQueue<>();
        private final String env;

        private Subscription(String env) {
            this.env = env;
        }

        /** @return the next signal, or TIMEOUT after {@code timeout} */
        public Signal await(Duration timeout) throws InterruptedException {
            if (closed) {
                return Signal.CLOSED;
            }
            Signal s = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (s == null) {
                return Signal.TIMEOUT;
            }
            if (s == Signal.CHANGED) {
                queue.remove(Signal.CHANGED);
            }
            return s;
        }

        @Override
        public void close() {
            Env e = envs.get(env);
            if (e != null) {
                e.subscribers.remove(this);
            }
        }
    }

    /** Sets the snapshot of an environment at start, without waking anybody. */
    public void load(String env, Snapshot snapshot) {
        envs.put(env, new Env(snapshot));
    }

    /** @return the snapshot in force ({@link Snapshot#empty()} for an unknown environment) */
    public Snapshot current(String env) {
        Env e = envs.get(env);
        return e == null ? Snapshot.empty() : e.current;
    }

    /** @return an earlier snapshot of {@code env} still held, by version */
    public Optional<Snapshot> historical(String env, String version) {
        Env e = envs.get(env);
        if (e == null) {
            return Optional.empty();
        }
        synchronized (e.history) {
            return Optional.ofNullable(e.history.get(version));
        }
    }

    /**
     * Makes {@code snapshot} current and wakes the environment's streams. A snapshot whose
     * numeric version is not newer than the current one is ignored (replicas may hear of a
     * change twice).
     *
     * @return whether it became current
     */
    public boolean publish(String env, Snapshot snapshot) {
        Env e = envs.computeIfAbsent(env, k -> new Env(snapshot));
        synchronized (e.history) {
            if (e.current != snapshot && !newer(snapshot.version(), e.current.version())) {
                return false;
            }
            e.current = snapshot;
            e.history.put(snapshot.version(), snapshot);
            while (e.history.size() > HISTORY) {
                e.history.remove(e.history.keySet().iterator().next());
            }
        }
        e.subscribers.forEach(s -> s.queue.offer(Signal.CHANGED));
        return true;
    }

    private static boolean newer(String candidate, String current) {
        try {
            return Long.parseLong(candidate) > Long.parseLong(current);
        } catch (NumberFormatException ex) {
            return !candidate.equals(current);
        }
    }

    /** @return a subscription to changes of {@code env} */
    public Subscription subscribe(String env) {
        Subscription s = new Subscription(env);
        envs.computeIfAbsent(env, k -> new Env(Snapshot.empty())).subscribers.add(s);
        return s;
    }

    /** @return the number of open streams */
    public int streams() {
        return envs.values().stream().mapToInt(e -> e.subscribers.size()).sum();
    }

    /** Ends every open stream. */
    @Override
    public void close() {
        closed = true;
        envs.values().forEach(e -> e.subscribers.forEach(s -> s.queue.offer(Signal.CLOSED)));
    }
}
