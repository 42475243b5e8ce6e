package dev.gantry.migrate.sql;

import java.util.List;

/**
 * The ids other linters use for the same problem, so findings and suppressions can be mapped.
 *
 * @param squawk squawk rule ids (the first is the id squawk reports), possibly empty
 * @param atlas Atlas analyzer codes (such as {@code DS103}), possibly empty
 */
public record Equivalents(List<String> squawk, List<String> atlas) {
    public Equivalents {
        squawk = List.copyOf(squawk);
        atlas = List.copyOf(atlas);
    }

    /** No equivalent in either tool. */
    public static Equivalents none() {
        return new Equivalents(List.of(), List.of());
    }
}
