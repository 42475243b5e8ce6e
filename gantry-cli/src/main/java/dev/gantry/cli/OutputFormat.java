package dev.gantry.cli;

/** The output forms every command offers: words for people, JSON for tools. */
public enum OutputFormat {
    TEXT,
    JSON
}
