package dev.gantry.server.ofrep;

import dev.gantry.server.auth.Authenticator;
import dev.gantry.server.flag.SnapshotHub;
import io.javalin.config.RoutesConfig;

/** OpenFeature Remote Evaluation Protocol endpoints (not yet implemented). */
public final class OfrepRoutes {
    /**
     * @param auth authenticator
     * @param hub current snapshots
     */
    public OfrepRoutes(Authenticator auth, SnapshotHub hub) {
    }

    /** Registers nothing yet. */
    public void register(RoutesConfig r) {
    }
}
