package dev.gantry.cli.gate;

/** The forms of a gate report: words, JSON, Markdown for a pull request, JUnit XML for CI. */
public enum GateOutput {
    TEXT,
    JSON,
    MARKDOWN,
    JUNIT
}
