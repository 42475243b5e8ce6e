package dev.gantry.migrate.sql;

import java.util.List;

/**
 * One SQL statement of a file: its tokens (without the closing semicolon), the comments that
 * precede it, and where it starts.
 */
record Statement(List<Token> tokens, List<Comment> leadingComments, int line, int column) {
    Statement {
        tokens = List.copyOf(tokens);
        leadingComments = List.copyOf(leadingComments);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("a statement has at least one token");
        }
    }

    Token first() {
        return tokens.get(0);
    }
}
