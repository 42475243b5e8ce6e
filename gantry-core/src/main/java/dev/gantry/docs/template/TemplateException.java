package dev.gantry.docs.template;

/**
 * A template that cannot be compiled or rendered: an unknown name, an unclosed or stray block,
 * a value of the wrong kind. The message names {@code template:line:col}, what is wrong and what
 * to do about it.
 */
public final class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String template;
    private final int line;
    private final int column;

    TemplateException(String template, int line, int column, String message) {
        super(template + ":" + line + ":" + column + ": " + message);
        this.template = template;
        this.line = line;
        this.column = column;
    }

    /** The template's name, as given to {@link Template#compile}. */
    public String template() {
        return template;
    }

    /** The line of the tag at fault, from 1. */
    public int line() {
        return line;
    }

    /** The column of the tag at fault, from 1. */
    public int column() {
        return column;
    }
}
