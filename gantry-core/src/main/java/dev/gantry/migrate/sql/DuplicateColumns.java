package dev.gantry.migrate.sql;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds a column named or assigned twice in one statement, with PostgreSQL's case folding. */
final class DuplicateColumns {
    private static final Set<String> SELECT_LIST_END = Set.of(
            "FROM", "INTO", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "UNION", "INTERSECT", "EXCEPT", "WINDOW", "FETCH", "FOR");
    private static final Set<String> ASSIGNMENTS_END = Set.of("FROM", "WHERE", "RETURNING");
    private static final Set<String> NOT_A_NAME = Set.of("END", "NULL", "TRUE", "FALSE");

    private DuplicateColumns() {}

    /** A comma-separated list of names, such as INSERT's column list or a view's column list. */
    static void checkNameList(List<Token> names, FileAnalyzer out, String where) {
        Map<String, Token> seen = new HashMap<>();
        for (List<Token> item : Cursor.splitTopLevel(names, ",")) {
            if (!item.isEmpty() && item.get(0).isIdentifier()) {
                duplicate(seen, item.get(0), out, where);
            }
        }
    }

    /** SET a = 1, (b, c) = (...), up to FROM / WHERE / RETURNING. */
    static void checkAssignments(List<Token> tokens, FileAnalyzer out, String where) {
        int end = tokens.size();
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isPunct("(")) {
                depth++;
            } else if (t.isPunct(")")) {
                depth--;
            } else if (depth == 0 && t.kind() == TokenKind.WORD && ASSIGNMENTS_END.contains(t.value())) {
                end = i;
                break;
            }
        }
        Map<String, Token> seen = new HashMap<>();
        for (List<Token> item : Cursor.splitTopLevel(tokens.subList(0, end), ",")) {
            if (item.isEmpty()) {
                continue;
            }
            if (item.get(0).isPunct("(")) {
                Cursor c = new Cursor(item);
                for (List<Token> name : Cursor.splitTopLevel(c.group(), ",")) {
                    if (!name.isEmpty() && name.get(0).isIdentifier()) {
                        duplicate(seen, name.get(0), out, where);
                    }
                }
            } else if (item.get(0).isIdentifier()) {
                duplicate(seen, item.get(0), out, where);
            }
        }
    }

    /** The output column names of SELECT's list: explicit aliases and plain column references. */
    static void checkSelectList(List<Token> tokens, FileAnalyzer out, String where) {
        Cursor c = new Cursor(tokens);
        c.expect("SELECT");
        if (c.accept("DISTINCT")) {
            if (c.accept("ON")) {
                c.group();
            }
        } else {
            c.accept("ALL");
        }
        List<Token> rest = c.rest();
        int end = rest.size();
        int depth = 0;
        for (int i = 0; i < rest.size(); i++) {
            Token t = rest.get(i);
            if (t.isPunct("(")) {
                depth++;
            } else if (t.isPunct(")")) {
                depth--;
            } else if (depth == 0 && t.kind() == TokenKind.WORD && SELECT_LIST_END.contains(t.value())) {
                end = i;
                break;
            }
        }
        Map<String, Token> seen = new HashMap<>();
        for (List<Token> item : Cursor.splitTopLevel(rest.subList(0, end), ",")) {
            if (item.isEmpty()) {
                continue;
            }
            Token lastToken = item.get(item.size() - 1);
            if (!lastToken.isIdentifier() || (lastToken.kind() == TokenKind.WORD && NOT_A_NAME.contains(lastToken.value()))) {
                continue;
            }
            if (item.size() >= 2 && item.get(item.size() - 2).isPunct("::")) {
                continue;
            }
            duplicate(seen, lastToken, out, where);
        }
    }

    private static void duplicate(Map<String, Token> seen, Token name, FileAnalyzer out, String where) {
        Token earlier = seen.putIfAbsent(name.identifier(), name);
        if (earlier != null) {
            out.report(Rules.DUPLICATE_ASSIGNMENT, name, where + " names column " + name.identifier()
                    + " twice (first at " + earlier.line() + ":" + earlier.column() + "); PostgreSQL rejects the statement");
        }
    }
}
