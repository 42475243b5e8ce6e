package dev.gantry.migrate.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a token stream into statements at top-level semicolons. Semicolons inside strings,
 * dollar-quoted bodies (DO blocks, functions) and comments never reach the token stream, and
 * the semicolons of a SQL-standard {@code BEGIN ATOMIC ... END} function body are kept inside
 * their statement.
 */
final class StatementSplitter {
    private StatementSplitter() {}

    static List<Statement> split(List<Token> tokens, List<Comment> comments) {
        List<Statement> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int commentIndex = 0;
        int statementStartIndex = 0;
        int atomicDepth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.isPunct(";") && atomicDepth == 0) {
                if (!current.isEmpty()) {
                    List<Comment> leading = new ArrayList<>();
                    while (commentIndex < comments.size() && comments.get(commentIndex).tokenIndex() <= statementStartIndex) {
                        leading.add(comments.get(commentIndex++));
                    }
                    statements.add(new Statement(current, leading, current.get(0).line(), current.get(0).column()));
                    current = new ArrayList<>();
                }
                statementStartIndex = i + 1;
                while (commentIndex < comments.size() && comments.get(commentIndex).tokenIndex() <= i) {
                    commentIndex++; // comments inside the statement just closed
                }
                continue;
            }
            if (current.isEmpty()) {
                statementStartIndex = i;
            }
            current.add(token);
            if (token.isWord("ATOMIC") && current.size() >= 2 && current.get(current.size() - 2).isWord("BEGIN")
                    && startsRoutine(current)) {
                atomicDepth++;
            } else if (atomicDepth > 0 && token.isWord("CASE")) {
                atomicDepth++;
            } else if (atomicDepth > 0 && token.isWord("END")) {
                atomicDepth--;
            }
        }
        if (!current.isEmpty()) {
            List<Comment> leading = new ArrayList<>();
            while (commentIndex < comments.size() && comments.get(commentIndex).tokenIndex() <= statementStartIndex) {
                leading.add(comments.get(commentIndex++));
            }
            statements.add(new Statement(current, leading, current.get(0).line(), current.get(0).column()));
        }
        return statements;
    }

    private static boolean startsRoutine(List<Token> tokens) {
        for (int i = 0; i < Math.min(tokens.size(), 4); i++) {
            if (tokens.get(i).isWord("FUNCTION") || tokens.get(i).isWord("PROCEDURE")) {
                return tokens.get(0).isWord("CREATE");
            }
        }
        return false;
    }
}
