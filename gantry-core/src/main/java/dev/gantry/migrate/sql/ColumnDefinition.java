package dev.gantry.migrate.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A column definition as written in CREATE TABLE or ADD COLUMN: name, type tokens and the
 * column constraints that matter for safety.
 */
record ColumnDefinition(
        Token name,
        List<Token> type,
        boolean notNull,
        List<Token> defaultExpression,
        boolean hasDefault,
        boolean generatedStored,
        List<Token> generatedExpression,
        boolean identity,
        boolean primaryKey,
        boolean unique,
        boolean references,
        boolean check) {

    private static final Set<String> CONSTRAINT_STARTS = Set.of(
            "CONSTRAINT", "NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE", "CHECK", "REFERENCES", "GENERATED",
            "COLLATE", "DEFERRABLE", "INITIALLY", "AS", "COMPRESSION", "STORAGE", "AUTO_INCREMENT", "ON", "COMMENT");

    /** Parses {@code name type [constraints]} from the given tokens. */
    static ColumnDefinition parse(List<Token> tokens) {
        Cursor c = new Cursor(tokens);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("empty column definition");
        }
        Token name = c.next();
        if (!name.isIdentifier()) {
            throw new UnparsableStatementException(name, "expected a column name but found '" + name.text() + "'");
        }
        List<Token> type = new ArrayList<>();
        int depth = 0;
        while (!c.atEnd()) {
            Token t = c.peek();
            if (depth == 0 && t.kind() == TokenKind.WORD && CONSTRAINT_STARTS.contains(t.value())
                    && !(t.isWord("NOT") && type.isEmpty())) {
                break;
            }
            if (t.isPunct("(")) {
                depth++;
            } else if (t.isPunct(")")) {
                depth--;
            }
            type.add(c.next());
        }
        boolean notNull = false;
        boolean hasDefault = false;
        List<Token> defaultExpression = List.of();
        boolean generatedStored = false;
        List<Token> generatedExpression = List.of();
        boolean identity = false;
        boolean primaryKey = false;
        boolean unique = false;
        boolean references = false;
        boolean check = false;
        while (!c.atEnd()) {
            if (c.accept("NOT", "NULL")) {
                notNull = true;
            } else if (c.accept("NULL")) {
                notNull = false;
            } else if (c.accept("DEFAULT")) {
                hasDefault = true;
                defaultExpression = expression(c);
            } else if (c.accept("GENERATED")) {
                if (c.accept("ALWAYS") || c.accept("BY", "DEFAULT")) {
                    // which of the two does not matter here
                }
                c.expect("AS");
                if (c.accept("IDENTITY")) {
                    identity = true;
                    if (!c.atEnd() && c.peek().isPunct("(")) {
                        c.group();
                    }
                } else {
                    generatedExpression = c.group();
                    generatedStored = true;
                    c.accept("STORED");
                    c.accept("VIRTUAL");
                }
            } else if (c.accept("AS")) {
                // MySQL-style generated column: name type AS (expr)
                generatedExpression = c.group();
                generatedStored = true;
                c.accept("STORED");
                c.accept("VIRTUAL");
            } else if (c.accept("PRIMARY", "KEY")) {
                primaryKey = true;
                notNull = true;
            } else if (c.accept("UNIQUE")) {
                unique = true;
                c.accept("NULLS", "NOT", "DISTINCT");
                c.accept("NULLS", "DISTINCT");
            } else if (c.accept("CHECK")) {
                check = true;
                c.group();
                c.accept("NO", "INHERIT");
            } else if (c.accept("REFERENCES")) {
                references = true;
                c.qualifiedName();
                if (!c.atEnd() && c.peek().isPunct("(")) {
                    c.group();
                }
            } else {
                c.next(); // CONSTRAINT name, COLLATE x, ON DELETE ..., DEFERRABLE, and the like
            }
        }
        return new ColumnDefinition(name, List.copyOf(type), notNull, List.copyOf(defaultExpression), hasDefault,
                generatedStored, List.copyOf(generatedExpression), identity, primaryKey, unique, references, check);
    }

    private static List<Token> expression(Cursor c) {
        List<Token> expr = new ArrayList<>();
        int depth = 0;
        while (!c.atEnd()) {
            Token t = c.peek();
            if (depth == 0 && t.kind() == TokenKind.WORD && CONSTRAINT_STARTS.contains(t.value())
                    && !t.isWord("NULL") && !t.isWord("AS") && !(t.isWord("NOT") && expr.isEmpty())) {
                break;
            }
            if (depth == 0 && t.isWord("NULL") && !expr.isEmpty()) {
                break;
            }
            if (t.isPunct("(")) {
                depth++;
            } else if (t.isPunct(")")) {
                depth--;
            }
            expr.add(c.next());
        }
        return expr;
    }

    /** The type's base name in lower case, with a schema prefix removed ({@code pg_catalog.int4} is {@code int4}). */
    String baseType() {
        int start = 0;
        for (int i = 0; i + 1 < type.size(); i++) {
            if (type.get(i + 1).isPunct(".")) {
                start = i + 2;
            }
        }
        return start < type.size() ? type.get(start).identifier() : "";
    }

    boolean typeHasWord(String word) {
        return Cursor.containsWord(type, word);
    }

    boolean typeHasLength() {
        for (Token t : type) {
            if (t.isPunct("(")) {
                return true;
            }
        }
        return false;
    }
}
