package dev.gantry.flags.sdk;

import java.util.function.Consumer;

/**
 * Turns lines of a {@code text/event-stream} into events, following the WHATWG server-sent events
 * parsing rules for the fields this protocol uses: {@code event}, {@code data} (several lines are
 * joined with newlines), {@code id} and {@code retry}; lines starting with a colon are comments
 * (heartbeats). A blank line dispatches the event. Not thread-safe.
 */
final class SseParser {
    /** A dispatched event. {@code id} is null when the event carried none. */
    record Event(String type, String data, String id) {
    }

    private final Consumer<Event> events;
    private final Consumer<Long> retry;
    private String type = "";
    private StringBuilder data;
    private String id;

    SseParser(Consumer<Event> events, Consumer<Long> retry) {
        this.events = events;
        this.retry = retry;
    }

    void line(String line) {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.charAt(0) == ':') {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> type = value;
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    id = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(Character::isDigit) && value.length() < 12) {
                    retry.accept(Long.parseLong(value));
                }
            }
            default -> {
                // unknown fields are ignored, as the SSE specification requires
            }
        }
    }

    private void dispatch() {
        if (data != null) {
            events.accept(new Event(type.isEmpty() ? "message" : type, data.toString(), id));
        }
        type = "";
        data = null;
        id = null;
    }
}
