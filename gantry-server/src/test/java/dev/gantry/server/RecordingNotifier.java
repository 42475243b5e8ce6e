package dev.gantry.server;

import dev.gantry.server.notify.Notification;
import dev.gantry.server.notify.Notifier;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A notifier that keeps what it is given, once per idempotency key, as the outbox contract says. */
final class RecordingNotifier implements Notifier {
    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private final List<Notification> received = new CopyOnWriteArrayList<>();

    @Override
    public boolean enqueue(Notification notification) {
        if (!keys.add(notification.idempotencyKey())) {
            return false;
        }
        received.add(notification);
        return true;
    }

    List<Notification> received() {
        return List.copyOf(received);
    }

    List<Notification> to(String channel) {
        return received.stream().filter(n -> n.channel().id().equals(channel)).toList();
    }
}
