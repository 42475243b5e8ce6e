package dev.gantry.migrate.sql;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** What earlier files of the same run established: foreign keys and validated NOT NULL checks. */
final class RunState {
    final Set<String> foreignKeys = new HashSet<>();
    /** CHECK (col IS NOT NULL) constraints by name, as "table.column". */
    final Map<String, String> notNullChecks = new HashMap<>();
    /** "table.column" pairs with a validated CHECK (col IS NOT NULL). */
    final Set<String> validatedNotNull = new HashSet<>();
}
