package dev.gantry.server;

import dev.gantry.server.notify.Notifier;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a server takes from its surroundings beside its configuration: the process environment
 * (read for {@code ${VAR}} references and {@code GANTRY_PROMETHEUS_URL}) and, for tests and
 * embedders, a notifier to use instead of the server's own. Immutable.
 *
 * @param environment looks an environment variable up
 * @param notifier replaces the server's notifier when present
 */
public record ServerWiring(Function<String, Optional<String>> environment, Optional<Notifier> notifier) {
    public ServerWiring {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(notifier, "notifier");
    }

    /** @return the process environment, the server's own notifier */
    public static ServerWiring defaults() {
        return new ServerWiring(name -> Optional.ofNullable(System.getenv(name)), Optional.empty());
    }

    /** @return a copy reading the environment from {@code env} */
    public ServerWiring withEnvironment(java.util.Map<String, String> env) {
        java.util.Map<String, String> copy = java.util.Map.copyOf(env);
        return new ServerWiring(name -> Optional.ofNullable(copy.get(name)), notifier);
    }

    /** @return a copy using {@code replacement} for notifications */
    public ServerWiring withNotifier(Notifier replacement) {
        return new ServerWiring(environment, Optional.of(replacement));
    }
}
