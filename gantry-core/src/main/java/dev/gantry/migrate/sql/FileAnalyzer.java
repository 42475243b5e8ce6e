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
            case "CREATE" -> new CreateStatement(this).analyze(c);
            case "ALTER" -> alter(c);
            case "DROP" -> new DropStatement(this).analyze(c);
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
                // renaming an index changes nothing for clients; renaming what they query does
                boolean rename = !object.isWord("INDEX") && (Cursor.containsTopLevelWord(c.rest(), "RENAME")
                        || Cursor.containsTopLevelWord(c.rest(), "SCHEMA"));
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
        } else if (c.at("RENAME") || c.at("SET", "SCHEMA") || c.at("DROP") || Cursor.containsTopLevelWord(c.rest(), "ATTRIBUTE")) {
            effects.add(Effect.irreversible(ChangeClass.CONTRACT, "renames or changes type " + name + ", which the previous version may use", object.line(),
                    "Gantry cannot derive the inverse of ALTER TYPE " + c.peek().value()));
        } else {
            effects.add(Effect.irreversible(ChangeClass.EXPAND, "", object.line(), "Gantry cannot derive the inverse of ALTER TYPE " + c.peek().value()));
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

    // ---------------------------------------------------------------- helpers for AlterTable

    static String last(List<Token> nameParts) {
        return nameParts.get(nameParts.size() - 1).identifier();
    }

    static String lastPart(String dotted) {
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

    boolean allNewTables(List<String> tables) {
        return createdTables.containsAll(tables);
    }

    boolean allNewIndexes(List<String> indexes) {
        return createdIndexes.containsAll(indexes);
    }

    void tableCreated(String table) {
        createdTables.add(table);
    }

    void indexCreated(String index) {
        createdIndexes.add(index);
    }

    void viewCreated(String view) {
        views.add(view);
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
