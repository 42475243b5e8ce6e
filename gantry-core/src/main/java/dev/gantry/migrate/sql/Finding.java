package dev.gantry.migrate.sql;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One problem found in one file, at the offending token.
 *
 * @param rule the rule that fired
 * @param file the file as given to the linter
 * @param line 1-based line
 * @param column 1-based column
 * @param message what is wrong here, naming the objects involved
 */
public record Finding(Rule rule, Path file, int line, int column, String message) {
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    public String ruleId() {
        return rule.id();
    }

    public Severity severity() {
        return rule.severity();
    }

    /** {@code file:line:col: severity rule-id: message}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + rule.severity().label() + " " + rule.id() + ": " + message;
    }

    public boolean blocking() {
        return rule.severity() == Severity.BLOCKING;
    }
}
