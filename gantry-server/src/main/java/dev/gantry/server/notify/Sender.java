package dev.gantry.server.notify;

import java.util.Optional;
import java.util.function.Function;

/** Delivers one notification to one kind of channel. Implementations are thread-safe and never throw. */
interface Sender {
    /**
     * @param notification the message, with its channel as the plan wrote it
     * @param environment resolves the channel's {@code ${VAR}} references
     * @return how the attempt ended
     */
    SendResult send(Notification notification, Function<String, Optional<String>> environment);
}
