package dev.gantry.gate;

import java.time.Instant;
import java.util.Objects;

/**
 * A person's record that a manual checklist item is done: who, when, and the evidence (text or
 * a link).
 *
 * @param item the checklist item's id
 * @param by who did it
 * @param at when it was recorded
 * @param evidence what shows it is done
 */
public record Mark(String item, String by, Instant at, String evidence) {
    public Mark {
        item = nonBlank(item, "item");
        by = nonBlank(by, "by");
        Objects.requireNonNull(at, "at");
        evidence = nonBlank(evidence, "evidence");
    }

    static String nonBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value.strip();
    }
}
