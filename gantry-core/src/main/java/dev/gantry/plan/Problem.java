package dev.gantry.plan;

import java.util.Objects;

/**
 * One thing wrong with a release plan, where it is and how to fix it.
 *
 * <p>Rendered as {@code file:line:col: what is wrong; how to fix it}, the form editors and CI
 * logs turn into links. Lines and columns count from 1.
 *
 * @param source the file name as the user gave it
 * @param line the line, from 1
 * @param column the column, from 1
 * @param message what is wrong
 * @param fix how to fix it
 */
public record Problem(String source, int line, int column, String message, String fix) {
    public Problem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column count from 1, got " + line + ":" + column);
        }
    }

    /** The problem as {@code file:line:col: what is wrong; how to fix it}. */
    public String format() {
        return source + ":" + line + ":" + column + ": " + message + "; " + fix;
    }

    @Override
    public String toString() {
        return format();
    }
}
