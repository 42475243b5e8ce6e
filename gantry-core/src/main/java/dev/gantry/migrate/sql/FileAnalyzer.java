package dev.gantry.migrate.sql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Analyses the statements of one file in order, keeping the transaction state, the timeouts
 * set so far and the objects the file created, and collects raw findings and effects. Never
 * throws for any input: a statement it cannot understand becomes an
 * {@code unparsable-statement} finding. Not thread-safe; one instance per file.
 */
final class FileAnalyzer {
    /** A finding before suppressions are applied. */
    record Raw(Rule rule, int line, int column, String message, int statement) {}

    private record Rename(String table, String from, String to, Token at, boolean isTable, int statement) {}

    private static final Set<String> KNOWN_COMMANDS = Set.of(
            "ABORT", "ALTER", "ANALYZE", "ANALYSE", "BEGIN", "CALL", "CHECKPOINT", "CLOSE", "CLUSTER", "COMMENT", "COMMIT",
            "COPY", "CREATE", "DEALLOCATE", "DECLARE", "DELETE", "DISCARD", "DO", "DROP", "END", "EXECUTE", "EXPLAIN",
            "FETCH", "GRANT", "IMPORT", "INSERT", "LISTEN", "LOAD", "LOCK", "MERGE", "MOVE", "NOTIFY", "PREPARE",
            "REASSIGN", "REFRESH", "REINDEX", "RELEASE", "RESET", "REVOKE", "ROLLBACK", "SAVEPOINT", "SECURITY",
            "SELECT", "SET", "SHOW", "START", "TABLE", "TRUNCATE", "UNLISTEN", "UPDATE", "VACUUM", "VALUES", "WITH");
    private static final Set<String> TABLE_CONSTRAINT_STARTS = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE", "LIKE");

    private final LintSettings settings;
    private final RunState run;
    private final List<Raw> findings = new ArrayList<>();
    private final List<Effect> effects = new ArrayList<>();
    private final Set<String> createdTables = new HashSet<>();
    private final Set<String> createdIndexes = new HashSet<>();
    private final Map<String, Integer> notValidConstraints = new HashMap<>();
    private final Set<String> droppedIfExists = new HashSet<>();
    private final List<Rename> renames = new ArrayList<>();
    private final Set<String> views = new HashSet<>();
    private final Map<String, List<Token>> addedColumns = new HashMap<>();

    private final boolean assumeTransaction;
    private boolean inTransaction;
    private boolean explicitOpen;
    private Token explicitBegin;
    private int transactionSerial;
    private boolean lockTimeout;
    private boolean statementTimeout;
    private boolean lockTimeoutReported;
    private boolean statementTimeoutReported;
    private int statementIndex;
    private int statementCount;
    private Statement statement;

    FileAnalyzer(LintSettings settings, RunState run, boolean assumeTransaction) {
        this.settings = settings;
        this.run = run;
        this.assumeTransaction = assumeTransaction;
        this.inTransaction = assumeTransaction;
    }

    List<Raw> findings() {
        return findings;
    }

    List<Effect> effects() {
        return effects;
    }

    void report(Rule rule, Token at, String message) {
        findings.add(new Raw(rule, at.line(), at.column(), message, statementIndex));
    }

    void analyze(List<Statement> statements) {
        statementCount = statements.size();
        for (int i = 0; i < statements.size(); i++) {
            statementIndex = i;
            statement = statements.get(i);
            try {
                dispatch(new Cursor(statement.tokens()));
            } catch (UnparsableStatementException e) {
                report(Rules.UNPARSABLE, e.at(), "Gantry could not understand the statement at line " + statement.line() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                report(Rules.UNPARSABLE, statement.first(), "Gantry could not understand the statement at line " + statement.line()
                        + " (" + e.getClass().getSimpleName() + ")");
            }
            checkIdentifierLength(statement);
        }
        statementIndex = Math.max(0, statements.size() - 1);
        if (explicitOpen && !assumeTransaction) {
            report(Rules.UNCOMMITTED, explicitBegin, "the transaction opened at line " + explicitBegin.line() + " is never committed");
        }
        for (Rename rename : renames) {
            boolean compatible = rename.isTable()
                    ? views.contains(rename.from())
                    : addedColumns.containsKey(rename.table() + "." + rename.from())
                            && Cursor.containsIdentifier(addedColumns.get(rename.table() + "." + rename.from()), rename.to());
            if (!compatible) {
                findings.add(new Raw(rename.isTable() ? Rules.RENAME_TABLE : Rules.RENAME_COLUMN, rename.at().line(), rename.at().column(),
                        rename.isTable()
                                ? "table " + rename.from() + " is renamed to " + rename.to() + "; the previous version still queries " + rename.from()
                                : "column " + rename.table() + "." + rename.from() + " is renamed to " + rename.to() + "; the previous version still uses " + rename.from(),
                        rename.statement()));
            }
        }
    }

    private void checkIdentifierLength(Statement s) {
        for (Token t : s.tokens()) {
            // a UTF-8 character takes at most 4 bytes, so names of 15 characters or fewer are always fine
            if (t.isIdentifier() && t.text().length() > 15 && t.identifier().getBytes(StandardCharsets.UTF_8).length > 63) {
                int bytes = t.identifier().getBytes(StandardCharsets.UTF_8).length;
                report(Rules.IDENTIFIER_TOO_LONG, t, "identifier " + t.identifier() + " is " + bytes + " bytes; PostgreSQL truncates it to 63");
            }
        }
    }

    private void dispatch(Cursor c) {
        Token first = c.peek();
        if (first.isPunct("(")) {
            select(c);
            return;
        }
        if (first.kind() != TokenKind.WORD || !KNOWN_COMMANDS.contains(first.value())) {
            throw new UnparsableStatementException(first, "'" + first.text() + "' does not start a PostgreSQL statement");
        }
        switch (first.value()) {
            case "BEGIN", "START" -> begin(c);
            case "COMMIT", "END", "ABORT" -> end(first);
            case "ROLLBACK" -> {
                if (!c.at("ROLLBACK", "TO") && !c.at("ROLLBACK", "PREPARED")) {
                    end(first);
                }
            }
            case "PREPARE" -> {
                if (c.at("PREPARE", "TRANSACTION")) {
                    end(first);
                }
            }
            case "SET" -> set(c);
            case "RESET" -> reset(c);
            case "SELECT", "WITH", "VALUES", "TABLE" -> select(c);
            case "INSERT" -> insert(c);
            case "UPDATE" -> update(c);
            case "DELETE" -> effects.add(Effect.irreversible(ChangeClass.DESTRUCTIVE, "DELETE removes rows", first.line(), "DELETE removes rows, which no statement can bring back"));
            case "MERGE" -> effects.add(Effect.irreversible(ChangeClass.EXPAND, "MERGE changes rows", first.line(), "MERGE changes data; Gantry cannot derive its inverse"));
            case "CREATE" -> create(c);
            case "ALTER" -> alter(c);
            case "DROP" -> drop(c);
            case "TRUNCATE" -> truncate(c);
            case "VACUUM" -> vacuum(c);
            case "CLUSTER" -> {
                locking(first);
                report(Rules.REWRITE_TABLE, first, "CLUSTER rewrites the table under an ACCESS EXCLUSIVE lock");
            }
            case "REINDEX" -> reindex(c);
            case "COMMENT", "LOCK" -> locking(first);
            case "REFRESH" -> locking(first);
            case "DO" -> effects.add(Effect.irreversible(ChangeClass.EXPAND, "", first.line(), "a DO block can do anything; Gantry cannot derive its inverse"));
            default -> {
                // ANALYZE, GRANT, COPY and the rest: no lock or compatibility concern checked here
            }
        }
    }

    // ---------------------------------------------------------------- transactions and settings

    private void begin(Cursor c) {
        Token first = c.next();
        if (first.isWord("START") && !c.accept("TRANSACTION")) {
            throw new UnparsableStatementException(first, "expected START TRANSACTION");
        }
        if (inTransaction) {
            report(Rules.TRANSACTION_NESTING, first, explicitOpen
                    ? "BEGIN inside the transaction opened at line " + explicitBegin.line() + "; its COMMIT ends both"
                    : "BEGIN inside the transaction the migration runner already opened (assume-in-transaction); its COMMIT ends the runner's transaction early");
            return;
        }
        inTransaction = true;
        explicitOpen = true;
        explicitBegin = first;
        transactionSerial++;
    }

    private void end(Token first) {
        if (!inTransaction) {
            report(Rules.TRANSACTION_NESTING, first, first.text().toUpperCase(java.util.Locale.ROOT) + " outside a transaction: there is no transaction to end here");
            return;
        }
        inTransaction = false;
        explicitOpen = false;
        transactionSerial++;
    }

    private void set(Cursor c) {
        c.expect("SET");
        if (!c.accept("SESSION", "CHARACTERISTICS")) {
            c.accept("SESSION");
            c.accept("LOCAL");
        }
        if (c.atEnd()) {
            throw new UnparsableStatementException(c.here(), "SET needs a setting name");
        }
        Token name = c.next();
        if (!c.atEnd() && c.peek().isPunct(".")) {
            return; // a custom setting such as foo.lock_timeout does not set the real one
        }
        if (!c.accept("TO") && !c.acceptPunct("=")) {
            return;
        }
        boolean disabled = isZero(c.rest());
        settingChanged(name.identifier(), !disabled);
    }

    private void reset(Cursor c) {
        c.expect("RESET");
        if (!c.atEnd()) {
            Token name = c.next();
            settingChanged(name.identifier(), false);
            if (name.isWord("ALL")) {
                lockTimeout = false;
                statementTimeout = false;
            }
        }
    }

    private void settingChanged(String name, boolean enabled) {
        if (name.equals("lock_timeout")) {
            lockTimeout = enabled;
        } else if (name.equals("statement_timeout")) {
            statementTimeout = enabled;
        }
    }

    private static boolean isZero(List<Token> value) {
        if (value.size() != 1) {
            return false;
        }
        Token v = value.get(0);
        String text = v.kind() == TokenKind.STRING ? v.value().trim() : v.text();
        return text.equals("0") || v.isWord("DEFAULT") || text.matches("0+\\s*(ms|s|min)?");
    }

    /** A statement that takes a lock on an existing object: timeouts must be set first. */
    private void locking(Token at) {
        Token first = statement.first();
        String what = statement.tokens().size() > 1 && statement.tokens().get(1).kind() == TokenKind.WORD
                ? first.value() + " " + statement.tokens().get(1).value() : first.value();
        if (!lockTimeout && !lockTimeoutReported) {
            lockTimeoutReported = true;
            report(Rules.LOCK_TIMEOUT, first, "no SET lock_timeout before this locking statement (" + what + ")");
        }
        if (!statementTimeout && !statementTimeoutReported) {
            statementTimeoutReported = true;
            report(Rules.STATEMENT_TIMEOUT, first, "no SET statement_timeout before this locking statement (" + what + ")");
        }
    }

    private boolean robustApplies() {
        return !inTransaction && statementCount > 1;
    }

    // ---------------------------------------------------------------- data statements

    private void select(Cursor c) {
        List<Token> tokens = c.rest();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isWord("SET_CONFIG") && i + 2 < tokens.size() && tokens.get(i + 1).isPunct("(") && tokens.get(i + 2).kind() == TokenKind.STRING) {
                List<List<Token>> args = Cursor.splitTopLevel(argumentsAt(tokens, i + 1), ",");
                if (args.size() >= 2) {
                    settingChanged(tokens.get(i + 2).value().trim().toLowerCase(java.util.Locale.ROOT), !isZero(args.get(1)));
                }
            }
        }
        if (Cursor.containsTopLevelWord(tokens, "INTO") && tokens.get(0).isWord("SELECT")) {
            DuplicateColumns.checkSelectList(tokens, this, "SELECT INTO");
            effects.add(Effect.irreversible(ChangeClass.EXPAND, "SELECT INTO creates a table", tokens.get(0).line(), "SELECT INTO; Gantry cannot derive its inverse"));
        }
    }

    private static List<Token> argumentsAt(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).isPunct("(")) {
                depth++;
            } else if (tokens.get(i).isPunct(")")) {
                depth--;
                if (depth == 0) {
                    return tokens.subList(open + 1, i);
                }
            }
        }
        return tokens.subList(Math.min(open + 1, tokens.size()), tokens.size());
    }

    private void insert(Cursor c) {
        Token first = c.next();
        c.expect("INTO");
        List<Token> table = c.qualifiedName();
        if (c.accept("AS")) {
            c.next();
        }
        if (!c.atEnd() && c.peek().isPunct("(")) {
            List<Token> columns = c.group();
            DuplicateColumns.checkNameList(columns, this, "INSERT INTO " + Cursor.name(table));
        }
        List<Token> rest = c.rest();
        for (int i = 0; i + 2 < rest.size(); i++) {
            if (rest.get(i).isWord("DO") && rest.get(i + 1).isWord("UPDATE") && rest.get(i + 2).isWord("SET")) {
                DuplicateColumns.checkAssignments(rest.subList(i + 3, rest.size()), this, "ON CONFLICT DO UPDATE");
                break;
            }
        }
        effects.add(Effect.irreversible(ChangeClass.EXPAND, "", first.line(), "INSERT changes data; Gantry cannot derive its inverse"));
    }

    private void update(Cursor c) {
        Token first = c.next();
        c.accept("ONLY");
        c.qualifiedName();
        c.acceptPunct("*");
        if (c.accept("AS") || (!c.atEnd() && c.peek().kind() == TokenKind.WORD && !c.at("SET"))) {
            c.next();
        }
        c.expect("SET");
        DuplicateColumns.checkAssignments(c.rest(), this, "UPDATE");
        effects.add(Effect.irreversible(ChangeClass.EXPAND, "", first.line(), "UPDATE overwrites values; Gantry cannot derive its inverse"));
    }

    private void truncate(Cursor c) {
        Token first = c.next();
        locking(first);
        c.accept("TABLE");
        List<String> names = new ArrayList<>();
        for (List<Token> part : Cursor.splitTopLevel(c.rest(), ",")) {
            Cursor p = new Cursor(part);
            if (!part.isEmpty()) {
                p.accept("ONLY");
                if (!p.atEnd() && p.peek().isIdentifier()) {
                    names.add(Cursor.name(p.qualifiedName()));
                }
            }
        }
        for (Token t : c.rest()) {
            if (t.isWord("CASCADE")) {
                report(Rules.TRUNCATE_CASCADE, t, "TRUNCATE ... CASCADE also empties every table that references " + String.join(", ", names));
            }
        }
        effects.add(Effect.irreversible(ChangeClass.DESTRUCTIVE, "TRUNCATE empties " + String.join(", ", names), first.line(),
                "TRUNCATE removes every row of " + String.join(", ", names)));
    }

    private void vacuum(Cursor c) {
        Token first = c.next();
        locking(first);
        if (!c.atEnd() && c.peek().isPunct("(")) {
            List<List<Token>> options = Cursor.splitTopLevel(c.group(), ",");
            for (List<Token> option : options) {
                if (!option.isEmpty() && option.get(0).isWord("FULL")) {
                    boolean off = option.size() > 1 && (option.get(1).isWord("FALSE") || option.get(1).isWord("OFF") || option.get(1).text().equals("0"));
                    if (!off) {
                        report(Rules.REWRITE_TABLE, option.get(0), "VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock");
                    }
                }
            }
        } else if (c.at("FULL")) {
            report(Rules.REWRITE_TABLE, c.peek(), "VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock");
        }
    }

    private void reindex(Cursor c) {
        Token first = c.next();
        locking(first);
        Token concurrently = null;
        if (!c.atEnd() && c.peek().isPunct("(")) {
            for (Token t : c.group()) {
                if (t.isWord("CONCURRENTLY")) {
                    concurrently = t;
                }
            }
        }
        if (c.atEnd()) {
            throw new UnparsableStatementException(first, "REINDEX needs INDEX, TABLE, SCHEMA, DATABASE or SYSTEM");
        }
        Token kind = c.next();
        if (kind.isWord("SYSTEM")) {
            return; // system catalogs cannot be reindexed concurrently
        }
        if (!(kind.isWord("INDEX") || kind.isWord("TABLE") || kind.isWord("SCHEMA") || kind.isWord("DATABASE"))) {
            throw new UnparsableStatementException(kind, "REINDEX needs INDEX, TABLE, SCHEMA, DATABASE or SYSTEM, not '" + kind.text() + "'");
        }
        if (c.at("CONCURRENTLY")) {
            concurrently = c.next();
        }
        if (concurrently == null) {
            report(Rules.REINDEX, first, "REINDEX " + kind.value() + " without CONCURRENTLY blocks writes until it finishes");
        } else if (inTransaction) {
            report(Rules.CONCURRENTLY_IN_TRANSACTION, concurrently, "REINDEX CONCURRENTLY cannot run inside a transaction block");
        }
    }

    // ---------------------------------------------------------------- CREATE

    private void create(Cursor c) {
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
                Token on = findWord(c.rest(), "ON");
                if (on != null) {
                    locking(on);
                }
                genericCreate(c, orReplace);
            }
            default -> genericCreate(c, orReplace);
        }
    }

    private static Token findWord(List<Token> tokens, String word) {
        for (Token t : tokens) {
            if (t.isWord(word)) {
                return t;
            }
        }
        return null;
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
            effects.add(Effect.irreversible(ChangeClass.EXPAND, "", object.line(), "CREATE " + kind + " without a name Gantry can read"));
            return;
        }
        List<Token> name = c.qualifiedName();
        String signature = "";
        if ((kind.equals("FUNCTION") || kind.equals("PROCEDURE") || kind.equals("AGGREGATE")) && !c.atEnd() && c.peek().isPunct("(")) {
            signature = "(" + Cursor.text(c.group()) + ")";
        }
        if (!ifNotExists && robustApplies() && Set.of("SCHEMA", "SEQUENCE", "EXTENSION").contains(kind)) {
            report(Rules.ROBUST, object, "CREATE " + kind + " " + Cursor.name(name) + " without IF NOT EXISTS fails when the migration is re-run");
        } else if (!orReplace && robustApplies() && Set.of("TYPE", "FUNCTION", "PROCEDURE", "TRIGGER").contains(kind)) {
            report(Rules.ROBUST, object, "CREATE " + kind + " " + Cursor.name(name) + " fails when the migration is re-run"
                    + (kind.equals("TYPE") ? "; run the file in a transaction" : "; use CREATE OR REPLACE"));
        }
        if (orReplace) {
            effects.add(Effect.irreversible(ChangeClass.EXPAND, "", object.line(),
                    "CREATE OR REPLACE " + kind + " " + Cursor.name(name) + " replaces a definition the migration does not contain"));
        } else if (kind.equals("TRIGGER") || kind.equals("POLICY") || kind.equals("RULE")) {
            Token on = findWord(c.rest(), "ON");
            String table = "";
            if (on != null) {
                int at = c.rest().indexOf(on);
                Cursor t = new Cursor(c.rest().subList(at + 1, c.rest().size()));
                table = " ON " + Cursor.name(t.qualifiedName());
            }
            effects.add(Effect.invertible(ChangeClass.EXPAND, "", object.line(), "DROP " + kind + " IF EXISTS " + Cursor.name(name) + table + ";"));
        } else {
            effects.add(Effect.invertible(ChangeClass.EXPAND, "", object.line(), "DROP " + kind + " IF EXISTS " + Cursor.name(name) + signature + ";"));
        }
    }

    private void createTable(Cursor c, boolean temporary) {
        Token object = c.next();
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        List<Token> nameParts = c.qualifiedName();
        String table = last(nameParts);
        String name = Cursor.name(nameParts);
        createdTables.add(table);
        if (!ifNotExists && !temporary && robustApplies()) {
            report(Rules.ROBUST, object, "CREATE TABLE " + name + " without IF NOT EXISTS fails when the migration is re-run");
        }
        if (c.accept("PARTITION", "OF") || c.accept("OF")) {
            effects.add(Effect.invertible(ChangeClass.EXPAND, "", object.line(), "DROP TABLE IF EXISTS " + name + ";"));
            return;
        }
        boolean hasColumns = !c.atEnd() && c.peek().isPunct("(");
        if (hasColumns) {
            List<Token> elements = c.group();
            if (c.at("AS")) {
                DuplicateColumns.checkNameList(elements, this, "CREATE TABLE " + name + " AS");
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
                        TypeHygiene.check(column.type(), table + "." + column.name().identifier(), this);
                    }
                }
            }
        }
        while (!c.atEnd() && !c.at("AS")) {
            c.next(); // WITH (...), INHERITS (...), PARTITION BY ..., TABLESPACE ...
        }
        if (c.accept("AS")) {
            if (!temporary) {
                report(Rules.CREATE_TABLE_AS, object, "CREATE TABLE " + name + " AS infers the table's columns from a query: no declared types, keys or constraints");
            }
            if (!c.atEnd() && c.peek().isWord("SELECT")) {
                DuplicateColumns.checkSelectList(c.rest(), this, "CREATE TABLE " + name + " AS");
            }
        } else if (!hasColumns) {
            throw new UnparsableStatementException(c.here(), "CREATE TABLE " + name + " needs a column list, AS, OF or PARTITION OF");
        }
        effects.add(Effect.invertible(ChangeClass.EXPAND, "", object.line(), "DROP TABLE IF EXISTS " + name + ";"));
    }

    private void tableConstraint(List<Token> element) {
        Cursor c = new Cursor(element);
        String name = "";
        if (c.accept("CONSTRAINT")) {
            name = c.next().identifier();
        }
        if (c.at("FOREIGN") && !name.isEmpty()) {
            run.foreignKeys.add(name);
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
        String table = last(tableParts);
        boolean newTable = createdTables.contains(table);
        if (!index.isEmpty()) {
            createdIndexes.add(lastPart(index));
        }
        if (!newTable) {
            locking(object);
            if (concurrently == null) {
                report(Rules.CREATE_INDEX, object, "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + (index.isEmpty() ? "" : index + " ")
                        + "on existing table " + Cursor.name(tableParts) + " without CONCURRENTLY blocks writes while it builds");
            }
        }
        if (concurrently != null && inTransaction) {
            report(Rules.CONCURRENTLY_IN_TRANSACTION, concurrently, "CREATE INDEX CONCURRENTLY cannot run inside a transaction block");
        }
        if (!index.isEmpty() && !ifNotExists && robustApplies()) {
            report(Rules.ROBUST, object, "CREATE INDEX " + index + " without IF NOT EXISTS fails when the migration is re-run");
        }
        if (index.isEmpty()) {
            effects.add(Effect.irreversible(ChangeClass.EXPAND, "", object.line(), "the index on " + Cursor.name(tableParts) + " has no name, so no DROP INDEX can be derived"));
        } else {
            effects.add(Effect.invertible(ChangeClass.EXPAND, "", object.line(),
                    "DROP INDEX " + (concurrently != null ? "CONCURRENTLY " : "") + "IF EXISTS " + index + ";"));
        }
    }

    private void createView(Cursor c, boolean orReplace, boolean materialized) {
        Token object = c.next();
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        List<Token> nameParts = c.qualifiedName();
        String name = Cursor.name(nameParts);
        views.add(last(nameParts));
        if (!c.atEnd() && c.peek().isPunct("(")) {
            DuplicateColumns.checkNameList(c.group(), this, "CREATE VIEW " + name);
        }
        while (!c.atEnd() && !c.at("AS")) {
            c.next();
        }
        c.expect("AS");
        if (!c.atEnd() && c.peek().isWord("SELECT")) {
            DuplicateColumns.checkSelectList(c.rest(), this, "CREATE VIEW " + name);
        }
        String kind = materialized ? "MATERIALIZED VIEW" : "VIEW";
        if (!orReplace && !ifNotExists && robustApplies()) {
            report(Rules.ROBUST, object, "CREATE " + kind + " " + name + " fails when the migration is re-run; use CREATE OR REPLACE" + (materialized ? " or IF NOT EXISTS" : ""));
        }
        if (orReplace) {
            effects.add(Effect.irreversible(ChangeClass.EXPAND, "", object.line(), "CREATE OR REPLACE VIEW " + name + " replaces a definition the migration does not contain"));
        } else {
            effects.add(Effect.invertible(ChangeClass.EXPAND, "", object.line(), "DROP " + kind + " IF EXISTS " + name + ";"));
        }
    }

    private void createDomain(Cursor c) {
        Token object = c.next();
        c.accept("IF", "NOT", "EXISTS");
        String name = Cursor.name(c.qualifiedName());
        List<Token> rest = c.rest();
        for (Token t : rest) {
            if (t.isWord("CHECK") || t.isWord("CONSTRAINT") || t.isWord("NOT")) {
                report(Rules.DOMAIN_CONSTRAINT, t, "domain " + name + " carries a constraint; changing it later re-checks every column of the domain under lock");
                break;
            }
        }
        effects.add(Effect.invertible(ChangeClass.EXPAND, "", object.line(), "DROP DOMAIN IF EXISTS " + name + ";"));
    }

    // ---------------------------------------------------------------- ALTER

    private void alter(Cursor c) {
        Token first = c.next();
        if (c.at("TABLE")) {
            new AlterTable(this, c).analyze();
            return;
        }
        Token object = c.atEnd() ? first : c.next();
        switch (object.value()) {
            case "TYPE" -> alterType(c, object);
            case "DOMAIN" -> alterDomain(c, object);
            case "INDEX", "SEQUENCE", "VIEW", "MATERIALIZED", "FOREIGN" -> {
                locking(object);
                boolean rename = Cursor.containsTopLevelWord(c.rest(), "RENAME");
                effects.add(Effect.irreversible(rename ? ChangeClass.CONTRACT : ChangeClass.EXPAND,
                        rename ? "renames " + object.value().toLowerCase(java.util.Locale.ROOT) + " " + Cursor.text(c.rest().subList(0, Math.min(1, c.rest().size()))) : "",
                        object.line(), "Gantry cannot derive the inverse of ALTER " + object.value()));
            }
            default -> {
                // ALTER ROLE, ALTER DEFAULT PRIVILEGES, ALTER FUNCTION ...: no lock or compatibility rule
            }
        }
    }

    private void alterType(Cursor c, Token object) {
        locking(object);
        String name = Cursor.name(c.qualifiedName());
        if (c.at("ADD", "VALUE")) {
            Token add = c.next();
            c.next();
            if (!c.accept("IF", "NOT", "EXISTS") && robustApplies()) {
                report(Rules.ROBUST, add, "ADD VALUE without IF NOT EXISTS fails when the migration is re-run");
            }
            Token value = c.next();
            if (!c.at("BEFORE") && !c.at("AFTER")) {
                report(Rules.ENUM_POSITION, value, "enum value " + value.text() + " is appended to " + name + " without BEFORE or AFTER");
            }
            effects.add(Effect.irreversible(ChangeClass.EXPAND, "", object.line(), "enum value " + value.text() + " cannot be removed from " + name));
        } else if (c.at("RENAME")) {
            effects.add(Effect.irreversible(ChangeClass.CONTRACT, "renames type " + name + " or one of its values", object.line(),
                    "Gantry cannot derive the inverse of ALTER TYPE ... RENAME"));
        } else {
            effects.add(Effect.irreversible(ChangeClass.CONTRACT, "changes type " + name, object.line(), "Gantry cannot derive the inverse of ALTER TYPE"));
        }
    }

    private void alterDomain(Cursor c, Token object) {
        locking(object);
        String name = Cursor.name(c.qualifiedName());
        if (c.at("ADD")) {
            Token add = c.next();
            boolean notValid = false;
            List<Token> rest = c.rest();
            for (int i = 0; i + 1 < rest.size(); i++) {
                if (rest.get(i).isWord("NOT") && rest.get(i + 1).isWord("VALID")) {
                    notValid = true;
                }
            }
            if (!notValid) {
                report(Rules.ALTER_DOMAIN, add, "ALTER DOMAIN " + name + " ADD CONSTRAINT checks every column of the domain under lock");
            }
            effects.add(Effect.irreversible(ChangeClass.EXPAND, "", object.line(), "Gantry cannot derive the inverse of ALTER DOMAIN"));
        } else {
            effects.add(Effect.irreversible(ChangeClass.EXPAND, "", object.line(), "Gantry cannot derive the inverse of ALTER DOMAIN"));
        }
    }

    // ---------------------------------------------------------------- DROP

    private void drop(Cursor c) {
        Token first = c.next();
        if (c.atEnd()) {
            throw new UnparsableStatementException(first, "DROP needs an object type");
        }
        Token object = c.next();
        String kind = object.value();
        if (kind.equals("MATERIALIZED") || kind.equals("FOREIGN")) {
            kind = kind + " " + c.next().value();
        }
        Token concurrently = kind.equals("INDEX") && c.at("CONCURRENTLY") ? c.next() : null;
        boolean ifExists = c.accept("IF", "EXISTS");
        List<String> names = new ArrayList<>();
        List<String> lastNames = new ArrayList<>();
        for (List<Token> part : Cursor.splitTopLevel(c.rest(), ",")) {
            if (!part.isEmpty() && part.get(0).isIdentifier()) {
                Cursor p = new Cursor(part);
                List<Token> name = p.qualifiedName();
                String signature = !p.atEnd() && p.peek().isPunct("(") ? "(" + Cursor.text(p.group()) + ")" : "";
                names.add(Cursor.name(name) + signature);
                lastNames.add(last(name));
            }
        }
        if (names.isEmpty()) {
            throw new UnparsableStatementException(object, "DROP " + kind + " needs the name of what to drop");
        }
        String list = String.join(", ", names);
        if (!ifExists && robustApplies() && !kind.equals("DATABASE")) {
            report(Rules.ROBUST, object, "DROP " + kind + " " + list + " without IF EXISTS fails when the migration is re-run");
        }
        switch (kind) {
            case "TABLE" -> {
                boolean allNew = createdTables.containsAll(lastNames);
                if (!allNew) {
                    locking(object);
                    report(Rules.DROP_TABLE, object, "DROP TABLE " + list + " deletes the table and all its rows");
                    effects.add(Effect.irreversible(ChangeClass.DESTRUCTIVE, "drops table " + list + " and its data", first.line(), "dropped table " + list + " cannot be restored from the migration"));
                } else {
                    effects.add(Effect.neutral(first.line()));
                }
            }
            case "INDEX" -> {
                boolean allNew = createdIndexes.containsAll(lastNames);
                if (!allNew) {
                    locking(object);
                    if (concurrently == null) {
                        report(Rules.DROP_INDEX, object, "DROP INDEX " + list + " without CONCURRENTLY locks the table while it waits and drops");
                    }
                }
                if (concurrently != null && inTransaction) {
                    report(Rules.CONCURRENTLY_IN_TRANSACTION, concurrently, "DROP INDEX CONCURRENTLY cannot run inside a transaction block");
                }
                effects.add(Effect.irreversible(ChangeClass.EXPAND, "", first.line(), "the definition of dropped index " + list + " is not in the migration"));
            }
            case "SCHEMA" -> {
                locking(object);
                report(Rules.DROP_SCHEMA, object, "DROP SCHEMA " + list + " deletes every object in it and their data");
                effects.add(Effect.irreversible(ChangeClass.DESTRUCTIVE, "drops schema " + list, first.line(), "dropped schema " + list + " cannot be restored from the migration"));
            }
            case "DATABASE" -> {
                report(Rules.DROP_DATABASE, object, "DROP DATABASE " + list + " deletes the whole database");
                effects.add(Effect.irreversible(ChangeClass.DESTRUCTIVE, "drops database " + list, first.line(), "dropped database " + list + " cannot be restored from the migration"));
            }
            case "SEQUENCE" -> {
                locking(object);
                effects.add(Effect.irreversible(ChangeClass.DESTRUCTIVE, "drops sequence " + list + " and its position", first.line(), "dropped sequence " + list + " loses its position"));
            }
            default -> {
                if (Set.of("VIEW", "MATERIALIZED VIEW", "TRIGGER", "TYPE", "DOMAIN", "RULE", "POLICY").contains(kind)) {
                    locking(object);
                }
                if (kind.equals("ROLE") || kind.equals("USER") || kind.equals("OWNED")) {
                    effects.add(Effect.neutral(first.line()));
                } else {
                    effects.add(Effect.irreversible(ChangeClass.CONTRACT, "drops " + kind.toLowerCase(java.util.Locale.ROOT) + " " + list + ", which the previous version may use",
                            first.line(), "the definition of dropped " + kind.toLowerCase(java.util.Locale.ROOT) + " " + list + " is not in the migration"));
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers for AlterTable

    static String last(List<Token> nameParts) {
        return nameParts.get(nameParts.size() - 1).identifier();
    }

    private static String lastPart(String dotted) {
        int dot = dotted.lastIndexOf('.');
        return dot < 0 ? dotted : dotted.substring(dot + 1);
    }

    LintSettings settings() {
        return settings;
    }

    RunState run() {
        return run;
    }

    boolean isNewTable(String table) {
        return createdTables.contains(table);
    }

    void tableRenamed(String from, String to, Token at, boolean newTable) {
        if (newTable) {
            createdTables.add(to);
        } else {
            renames.add(new Rename(from, from, to, at, true, statementIndex));
        }
    }

    void columnRenamed(String table, String from, String to, Token at) {
        renames.add(new Rename(table, from, to, at, false, statementIndex));
    }

    void columnAdded(String table, String column, List<Token> expression) {
        addedColumns.put(table + "." + column, expression);
    }

    void markLocking(Token at) {
        locking(at);
    }

    boolean robust() {
        return robustApplies();
    }

    boolean inTransaction() {
        return inTransaction;
    }

    void constraintAddedNotValid(String name) {
        notValidConstraints.put(name, transactionSerial);
    }

    boolean addedNotValidInThisTransaction(String name) {
        Integer serial = notValidConstraints.get(name);
        return serial != null && serial == transactionSerial && inTransaction;
    }

    boolean consumeDroppedIfExists(String name) {
        return droppedIfExists.remove(name);
    }

    void droppedIfExists(String name) {
        droppedIfExists.add(name);
    }

    void effect(Effect effect) {
        effects.add(effect);
    }

    Statement statement() {
        return statement;
    }
}
