package dev.gantry.server;

import dev.gantry.server.notify.Notification;
import dev.gantry.server.notify.Notifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Notifier that keeps what it is given, once per idempotency key, like the outbox's contract. */
final class RecordingNotifier implements Notifier {
    private final Map<String, Notification> byKey = new LinkedHashMap<>();

    @Override
    public synchronized boolean enqueue(Notification notification) {
        return byKey.putIfAbsent(notification.idempotencyKey(), notification) == null;
    }

    synchronized List<Notification> all() {
        return new ArrayList<>(byKey.values());
    }
}
