package dev.gantry.plan;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A category of the go/no-go checklist (security, reliability, quality, documentation, ...).
 *
 * @param id the category's key in the plan
 * @param items its items, in plan order
 */
public record GateCategory(String id, List<Item> items) {
    public GateCategory {
        items = List.copyOf(items);
    }

    /**
     * One checklist item and how Gantry checks it.
     *
     * @param id unique across all categories
     * @param title the item as people read it
     * @param required whether a failure means NO-GO; optional items never block
     * @param check how the item is checked
     * @param timeout how long the check may take
     * @param owner who answers for it
     */
    public record Item(String id, String title, boolean required, CheckSpec check, Optional<Duration> timeout,
            Optional<String> owner) {}
}
