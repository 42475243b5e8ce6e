package dev.gantry.flags;

import java.util.List;

/**
 * Individual targeting: contexts whose targeting key is listed get the variation.
 *
 * @param variation name of the variation served
 * @param keys targeting keys, copied
 */
public record Target(String variation, List<String> keys) {
    /** Copies the keys. */
    public Target {
        Names.requireName(variation, "target variation");
        keys = List.copyOf(keys);
    }
}
