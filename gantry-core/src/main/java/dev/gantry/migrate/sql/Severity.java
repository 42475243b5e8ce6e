package dev.gantry.migrate.sql;

/** How much a finding matters: a blocking finding fails {@code gantry migrate lint}. */
public enum Severity {
    /** Lock safety, data loss or a broken migration: the release should not ship as is. */
    BLOCKING,
    /** Hygiene or a risk worth a look; does not fail the lint. */
    WARNING;

    /** Lower-case name used in text, JSON and SARIF output. */
    public String label() {
        return this == BLOCKING ? "blocking" : "warning";
    }
}
