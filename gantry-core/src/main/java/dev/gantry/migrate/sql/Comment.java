package dev.gantry.migrate.sql;

/**
 * A comment in a SQL file.
 *
 * @param text the comment body without its delimiters, trimmed
 * @param line 1-based line of the comment start
 * @param column 1-based column of the comment start
 * @param tokenIndex index of the first token after the comment
 */
record Comment(String text, int line, int column, int tokenIndex) {}
