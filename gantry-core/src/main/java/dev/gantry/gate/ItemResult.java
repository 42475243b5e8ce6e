package dev.gantry.gate;

import dev.gantry.plan.GateCategory;
import java.time.Duration;
import java.util.Objects;

/**
 * One checklist item's result: the item, its category, what the check found and how long it
 * took.
 *
 * @param category the category's id
 * @param item the item as the plan declares it
 * @param result what the check found
 * @param duration how long the check took
 */
public record ItemResult(String category, GateCategory.Item item, CheckResult result, Duration duration) {
    public ItemResult {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(duration, "duration");
    }

    /** The item's status. */
    public CheckStatus status() {
        return result.status();
    }

    /** Whether this result alone keeps the release from going: required and not ready. */
    public boolean blocking() {
        return item.required() && result.status().blocks();
    }
}
