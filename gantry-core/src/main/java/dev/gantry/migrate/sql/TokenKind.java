package dev.gantry.migrate.sql;

/** Kinds of SQL tokens the lexer produces. */
enum TokenKind {
    /** A keyword or unquoted identifier. */
    WORD,
    /** A double-quoted (or, leniently, backquoted) identifier. */
    QUOTED_IDENTIFIER,
    /** A single-quoted, E'', B'', X'' or U&'' string. */
    STRING,
    /** A dollar-quoted string ($$...$$ or $tag$...$tag$). */
    DOLLAR_STRING,
    /** A numeric literal. */
    NUMBER,
    /** A positional parameter such as $1. */
    PARAMETER,
    /** Punctuation or an operator. */
    PUNCT
}
