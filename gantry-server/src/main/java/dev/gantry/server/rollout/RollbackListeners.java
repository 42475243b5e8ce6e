package dev.gantry.server.rollout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RolledBack.Listener}s the server's parts register (status page, communications);
 * the rollout controller tells each of them once per rollback. A listener that throws is logged
 * and the others are still told. Thread-safe.
 */
public final class RollbackListeners {
    private static final Logger LOG = LoggerFactory.getLogger(RollbackListeners.class);
    private final List<RolledBack.Listener> listeners = new CopyOnWriteArrayList<>();

    /** Adds {@code listener}; it is told of every rollback from now on. */
    public void register(RolledBack.Listener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    /** Tells every listener. */
    void fire(RolledBack event) {
        for (RolledBack.Listener listener : listeners) {
            try {
                listener.rolledBack(event);
            } catch (RuntimeException e) {
                LOG.warn("A rollback listener ({}) failed for {} {}: {}", listener.getClass().getSimpleName(),
                        event.product(), event.version(), e.getClass().getSimpleName());
            }
        }
    }
}
