package dev.gantry.migrate.sql;

/** What a migration does to the previous application version, from mildest to worst. */
public enum ChangeClass {
    /** Old code keeps working: new tables, nullable columns, indexes. */
    EXPAND,
    /** Breaks the previous version: renames, new required columns, type changes, dropped views. */
    CONTRACT,
    /** Loses data: dropped tables or columns, truncation, deletes. */
    DESTRUCTIVE;

    ChangeClass max(ChangeClass other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
