package dev.gantry.server.notify;

/** Takes notifications for durable, retried delivery. Implementations are thread-safe. */
public interface Notifier {
    /**
     * Stores the notification for delivery; returns at once.
     *
     * @return true when it was new, false when one with the same idempotency key was enqueued before
     */
    boolean enqueue(Notification notification);
}
