package dev.gantry.migrate.sql;

import java.util.List;
import java.util.Set;

/** Analyses CREATE statements: tables, indexes, views, domains and the rest. Not thread-safe; one instance per file analysis. */
final class CreateStatement {
    private static final Set<String> TABLE_CONSTRAINT_STARTS = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE", "LIKE");

    private final FileAnalyzer out;

    CreateStatement(FileAnalyzer out) {
        this.out = out;
    }

    void analyze(Cursor c) {
        Token first = c.next();
        boolean orReplace = c.accept("OR", "REPLACE");
        boolean temporary = false;
        boolean unique = false;
        boolean materialized = false;
        while (!c.atEnd()) {
            if (c.accept("GLOBAL") || c.accept("LOCAL")) {
                continue;
            }
            if (c.accept("TEMP") || c.accept("TEMPORARY")) {
                temporary = true;
            } else if (c.accept("UNLOGGED") || c.accept("RECURSIVE") || c.accept("TRUSTED") || c.accept("PROCEDURAL")
                    || c.accept("CONSTRAINT") || c.accept("DEFAULT")) {
                // modifiers that change nothing for the rules
            } else if (c.accept("UNIQUE")) {
                unique = true;
            } else if (c.accept("MATERIALIZED")) {
                materialized = true;
            } else {
                break;
            }
        }
        if (c.atEnd()) {
            throw new UnparsableStatementException(first, "CREATE needs an object type");
        }
        Token object = c.peek();
        switch (object.value()) {
            case "TABLE" -> createTable(c, temporary);
            case "INDEX" -> createIndex(c, unique);
            case "VIEW" -> createView(c, orReplace, materialized);
            case "DOMAIN" -> createDomain(c);
            case "TRIGGER" -> {
                findWord(c.rest(), "ON").ifPresent(out::markLocking);
                genericCreate(c, orReplace);
            }
            default -> genericCreate(c, orReplace);
        }
    }

    private static java.util.Optional<Token> findWord(List<Token> tokens, String word) {
        return tokens.stream().filter(t -> t.isWord(word)).findFirst();
    }

    private void genericCreate(Cursor c, boolean orReplace) {
        Token object = c.next();
        String kind = object.value();
        if (kind.equals("DATABASE") || kind.equals("ROLE") || kind.equals("USER") || kind.equals("PUBLICATION")
                || kind.equals("SUBSCRIPTION") || kind.equals("TABLESPACE") || kind.equals("SERVER")) {
            return;
        }
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        if (c.atEnd() || !c.peek().isIdentifier()) {
            out.effect(Effect.irreversible(ChangeClass.EXPAND, "", object.line(), "CREATE " + kind + " without a name Gantry can read"));
            return;
        }
        List<Token> name = c.qualifiedName();
        String signature = "";
        if ((kind.equals("FUNCTION") || kind.equals("PROCEDURE") || kind.equals("AGGREGATE")) && !c.atEnd() && c.peek().isPunct("(")) {
            signature = "(" + Cursor.text(c.group()) + ")";
        }
        if (!ifNotExists && out.robust() && Set.of("SCHEMA", "SEQUENCE", "EXTENSION").contains(kind)) {
            out.report(Rules.ROBUST, object, "CREATE " + kind + " " + Cursor.name(name) + " without IF NOT EXISTS fails when the migration is re-run");
        } else if (!orReplace && out.robust() && Set.of("TYPE", "FUNCTION", "PROCEDURE", "TRIGGER").contains(kind)) {
            out.report(Rules.ROBUST, object, "CREATE " + kind + " " + Cursor.name(name) + " fails when the migration is re-run"
                    + (kind.equals("TYPE") ? "; run the file in a transaction" : "; use CREATE OR REPLACE"));
        }
        if (orReplace) {
            out.effect(Effect.irreversible(ChangeClass.EXPAND, "", object.line(),
                    "CREATE OR REPLACE " + kind + " " + Cursor.name(name) + " replaces a definition the migration does not contain"));
        } else if (kind.equals("TRIGGER") || kind.equals("POLICY") || kind.equals("RULE")) {
            java.util.Optional<Token> on = findWord(c.rest(), "ON");
            String table = "";
            if (on.isPresent()) {
                int at = c.rest().indexOf(on.get());
                Cursor t = new Cursor(c.rest().subList(at + 1, c.rest().size()));
                table = " ON " + Cursor.name(t.qualifiedName());
            }
            out.effect(Effect.invertible(ChangeClass.EXPAND, "", object.line(), "DROP " + kind + " IF EXISTS " + Cursor.name(name) + table + ";"));
        } else {
            out.effect(Effect.invertible(ChangeClass.EXPAND, "", object.line(), "DROP " + kind + " IF EXISTS " + Cursor.name(name) + signature + ";"));
        }
    }

    private void createTable(Cursor c, boolean temporary) {
        Token object = c.next();
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        List<Token> nameParts = c.qualifiedName();
        String table = FileAnalyzer.last(nameParts);
        String name = Cursor.name(nameParts);
        out.tableCreated(table);
        if (!ifNotExists && !temporary && out.robust()) {
            out.report(Rules.ROBUST, object, "CREATE TABLE " + name + " without IF NOT EXISTS fails when the migration is re-run");
        }
        if (c.accept("PARTITION", "OF") || c.accept("OF")) {
            out.effect(Effect.invertible(ChangeClass.EXPAND, "", object.line(), "DROP TABLE IF EXISTS " + name + ";"));
            return;
        }
        boolean hasColumns = !c.atEnd() && c.peek().isPunct("(");
        if (hasColumns) {
            List<Token> elements = c.group();
            if (c.at("AS")) {
                DuplicateColumns.checkNameList(elements, out, "CREATE TABLE " + name + " AS");
            } else {
                for (List<Token> element : Cursor.splitTopLevel(elements, ",")) {
                    if (element.isEmpty()) {
                        continue;
                    }
                    Token head = element.get(0);
                    if (head.kind() == TokenKind.WORD && TABLE_CONSTRAINT_STARTS.contains(head.value())) {
                        tableConstraint(element);
                    } else {
                        ColumnDefinition column = ColumnDefinition.parse(element);
                        TypeHygiene.check(column.type(), table + "." + column.name().identifier(), out);
                    }
                }
            }
        }
        while (!c.atEnd() && !c.at("AS")) {
            c.next(); // WITH (...), INHERITS (...), PARTITION BY ..., TABLESPACE ...
        }
        if (c.accept("AS")) {
            if (!temporary) {
                out.report(Rules.CREATE_TABLE_AS, object, "CREATE TABLE " + name + " AS infers the table's columns from a query: no declared types, keys or constraints");
            }
            if (!c.atEnd() && c.peek().isWord("SELECT")) {
                DuplicateColumns.checkSelectList(c.rest(), out, "CREATE TABLE " + name + " AS");
            }
        } else if (!hasColumns) {
            throw new UnparsableStatementException(c.here(), "CREATE TABLE " + name + " needs a column list, AS, OF or PARTITION OF");
        }
        out.effect(Effect.invertible(ChangeClass.EXPAND, "", object.line(), "DROP TABLE IF EXISTS " + name + ";"));
    }

    private void tableConstraint(List<Token> element) {
        Cursor c = new Cursor(element);
        String name = "";
        if (c.accept("CONSTRAINT")) {
            name = c.next().identifier();
        }
        if (c.at("FOREIGN") && !name.isEmpty()) {
            out.run().foreignKeys.add(name);
        }
    }

    private void createIndex(Cursor c, boolean unique) {
        Token object = c.next();
        Token concurrently = c.at("CONCURRENTLY") ? c.next() : null;
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        String index = "";
        if (!c.at("ON")) {
            index = Cursor.name(c.qualifiedName());
        }
        c.expect("ON");
        c.accept("ONLY");
        List<Token> tableParts = c.qualifiedName();
        String table = FileAnalyzer.last(tableParts);
        boolean newTable = out.isNewTable(table);
        if (!index.isEmpty()) {
            out.indexCreated(FileAnalyzer.lastPart(index));
        }
        if (!newTable) {
            out.markLocking(object);
            if (concurrently == null) {
                out.report(Rules.CREATE_INDEX, object, "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + (index.isEmpty() ? "" : index + " ")
                        + "on existing table " + Cursor.name(tableParts) + " without CONCURRENTLY blocks writes while it builds");
            }
        }
        if (concurrently != null && out.inTransaction()) {
            out.report(Rules.CONCURRENTLY_IN_TRANSACTION, concurrently, "CREATE INDEX CONCURRENTLY cannot run inside a transaction block");
        }
        if (!index.isEmpty() && !ifNotExists && out.robust()) {
            out.report(Rules.ROBUST, object, "CREATE INDEX " + index + " without IF NOT EXISTS fails when the migration is re-run");
        }
        if (index.isEmpty()) {
            out.effect(Effect.irreversible(ChangeClass.EXPAND, "", object.line(), "the index on " + Cursor.name(tableParts) + " has no name, so no DROP INDEX can be derived"));
        } else {
            out.effect(Effect.invertible(ChangeClass.EXPAND, "", object.line(),
                    "DROP INDEX " + (concurrently != null ? "CONCURRENTLY " : "") + "IF EXISTS " + index + ";"));
        }
    }

    private void createView(Cursor c, boolean orReplace, boolean materialized) {
        Token object = c.next();
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        List<Token> nameParts = c.qualifiedName();
        String name = Cursor.name(nameParts);
        out.viewCreated(FileAnalyzer.last(nameParts));
        if (!c.atEnd() && c.peek().isPunct("(")) {
            DuplicateColumns.checkNameList(c.group(), out, "CREATE VIEW " + name);
        }
        while (!c.atEnd() && !c.at("AS")) {
            c.next();
        }
        c.expect("AS");
        if (!c.atEnd() && c.peek().isWord("SELECT")) {
            DuplicateColumns.checkSelectList(c.rest(), out, "CREATE VIEW " + name);
        }
        String kind = materialized ? "MATERIALIZED VIEW" : "VIEW";
        if (!orReplace && !ifNotExists && out.robust()) {
            out.report(Rules.ROBUST, object, "CREATE " + kind + " " + name + " fails when the migration is re-run; use CREATE OR REPLACE" + (materialized ? " or IF NOT EXISTS" : ""));
        }
        if (orReplace) {
            out.effect(Effect.irreversible(ChangeClass.EXPAND, "", object.line(), "CREATE OR REPLACE VIEW " + name + " replaces a definition the migration does not contain"));
        } else {
            out.effect(Effect.invertible(ChangeClass.EXPAND, "", object.line(), "DROP " + kind + " IF EXISTS " + name + ";"));
        }
    }

    private void createDomain(Cursor c) {
        Token object = c.next();
        c.accept("IF", "NOT", "EXISTS");
        String name = Cursor.name(c.qualifiedName());
        List<Token> rest = c.rest();
        for (Token t : rest) {
            if (t.isWord("CHECK") || t.isWord("CONSTRAINT") || t.isWord("NOT")) {
                out.report(Rules.DOMAIN_CONSTRAINT, t, "domain " + name + " carries a constraint; changing it later re-checks every column of the domain under lock");
                break;
            }
        }
        out.effect(Effect.invertible(ChangeClass.EXPAND, "", object.line(), "DROP DOMAIN IF EXISTS " + name + ";"));
    }
}
