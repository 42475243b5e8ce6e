package dev.gantry.server.notify;

import dev.gantry.plan.ConfigValue;
import java.util.Optional;
import java.util.function.Function;

/** Resolves a channel's {@code ${VAR}} values, naming the missing variable (never a value) when one is not set. */
final class ChannelValues {
    private ChannelValues() {}

    /**
     * A resolved value, or why not.
     *
     * @param value the value, when resolved
     * @param problem why it could not be, when not
     */
    record Resolved(Optional<String> value, Optional<String> problem) {}

    static Resolved resolve(Optional<ConfigValue> configured, String field, String channelId,
            Function<String, Optional<String>> environment) {
        if (configured.isEmpty()) {
            return new Resolved(Optional.empty(), Optional.of("channel " + channelId + " has no " + field
                    + "; add it under notifications in the plan"));
        }
        Optional<String> v = configured.get().resolve(environment);
        if (v.isPresent()) {
            return new Resolved(v, Optional.empty());
        }
        String missing = configured.get().variables().stream().filter(name -> environment.apply(name).isEmpty())
                .findFirst().orElse("?");
        return new Resolved(Optional.empty(), Optional.of("variable " + missing + " (the " + field + " of channel "
                + channelId + ") is not set in the server's environment; set it and retry the notification"));
    }
}
