package dev.gantry.openfeature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.EventDetails;
import dev.openfeature.sdk.ProviderEvent;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records the provider events an OpenFeature client sees, in order. */
final class EventRecorder {

    record Received(ProviderEvent event, EventDetails details) {
    }

    private final BlockingQueue<Received> events = new LinkedBlockingQueue<>();

    /** Registers for every provider event on {@code client}; call before setting the provider. */
    static EventRecorder on(Client client) {
        EventRecorder recorder = new EventRecorder();
        for (ProviderEvent event : ProviderEvent.values()) {
            client.on(event, details -> recorder.events.add(new Received(event, details)));
        }
        return recorder;
    }

    /** Waits up to 10 s for the next event and checks its type. */
    EventDetails next(ProviderEvent expected) throws InterruptedException {
        Received received = events.poll(10, TimeUnit.SECONDS);
        assertThat(received).as("a %s event within 10 s", expected).isNotNull();
        assertThat(received.event()).as("next event (details: %s)", received.details()).isEqualTo(expected);
        return received.details();
    }

    /** Skips events until one of the expected type arrives, up to 10 s. */
    EventDetails await(ProviderEvent expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Received received = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (received != null && received.event() == expected) {
                return received.details();
            }
        }
        throw new AssertionError("No " + expected + " event within 10 s.");
    }

    /** Checks that no event arrives within {@code millis}. */
    void expectNone(long millis) throws InterruptedException {
        Received received = events.poll(millis, TimeUnit.MILLISECONDS);
        assertThat(received).as("no further event").isNull();
    }
}
