package dev.gantry.migrate.sql;

import java.util.Locale;

/**
 * One lexical token of a SQL file, with the 1-based line and column of its first character.
 *
 * @param kind what the token is
 * @param text the token exactly as written
 * @param value for words the upper-cased text (for keyword matching), for quoted identifiers
 *     and strings the unescaped content, otherwise the text
 * @param line 1-based line
 * @param column 1-based column
 */
record Token(TokenKind kind, String text, String value, int line, int column) {

    boolean isWord(String upper) {
        return kind == TokenKind.WORD && value.equals(upper);
    }

    boolean isPunct(String p) {
        return kind == TokenKind.PUNCT && text.equals(p);
    }

    boolean isIdentifier() {
        return kind == TokenKind.WORD || kind == TokenKind.QUOTED_IDENTIFIER;
    }

    /** The identifier as PostgreSQL resolves it: unquoted names fold to lower case. */
    String identifier() {
        return kind == TokenKind.QUOTED_IDENTIFIER ? value : text.toLowerCase(Locale.ROOT);
    }
}
