package dev.gantry.flags;

import java.util.List;
import java.util.Objects;

/**
 * A feature flag as described in docs/flags-format.md. Cross-references (variation names,
 * prerequisites, segments) are checked when a {@link Snapshot} is built, not here.
 *
 * @param key unique flag key
 * @param type the type of every variation value
 * @param on whether targeting is on; when off the flag serves {@code offVariation}
 * @param salt the bucketing salt (see docs/flags-bucketing.md)
 * @param variations the named values, at least one, copied
 * @param offVariation name of the variation served when off or when a prerequisite fails
 * @param prerequisites flags that must serve given variations first, copied
 * @param targets individual targets, copied
 * @param rules ordered rules, copied
 * @param fallthrough what is served when no target or rule matches
 */
public record Flag(
        String key,
        FlagType type,
        boolean on,
        String salt,
        List<Variation> variations,
        String offVariation,
        List<Prerequisite> prerequisites,
        List<Target> targets,
        List<Rule> rules,
        Serve fallthrough) {

    /** Copies the lists and rejects missing parts. */
    public Flag {
        Names.requireName(key, "flag key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(salt, "salt");
        variations = List.copyOf(variations);
        Names.requireName(offVariation, "off variation");
        prerequisites = List.copyOf(prerequisites);
        targets = List.copyOf(targets);
        rules = List.copyOf(rules);
        Objects.requireNonNull(fallthrough, "fallthrough");
    }
}
