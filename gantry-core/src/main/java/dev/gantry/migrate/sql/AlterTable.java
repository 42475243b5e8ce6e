package dev.gantry.migrate.sql;

import java.util.List;
import java.util.Set;

/** Analyses one ALTER TABLE statement, action by action. Not thread-safe. */
final class AlterTable {
    private static final Set<String> SAFE_DEFAULT_FUNCTIONS = Set.of(
            "now", "current_timestamp", "current_date", "current_time", "localtimestamp", "localtime", "transaction_timestamp",
            "statement_timestamp", "lower", "upper", "coalesce", "nullif", "greatest", "least", "concat", "length", "abs",
            "round", "trim", "to_jsonb", "to_json", "jsonb_build_object", "json_build_object", "jsonb_build_array",
            "json_build_array", "array", "make_interval", "make_date", "to_timestamp", "to_date", "cast", "current_user",
            "session_user", "current_schema", "timezone", "date_trunc", "interval", "row", "format", "to_char", "to_number",
            "date_part", "extract", "age", "md5", "replace", "substring", "substr", "split_part", "lpad", "rpad", "btrim", "ltrim",
            "rtrim", "initcap", "char_length", "floor", "ceil", "ceiling", "power", "sqrt", "mod", "sign", "trunc", "array_length",
            "cardinality", "make_timestamp", "make_timestamptz", "jsonb_object", "json_object", "array_fill", "numrange",
            "tstzrange", "daterange", "int8range", "point", "inet", "cidr");
    private static final Set<String> CONSTRAINT_KINDS = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE");
    private static final Set<String> NEUTRAL_ACTIONS = Set.of(
            "OWNER", "SET", "RESET", "ENABLE", "DISABLE", "FORCE", "NO", "CLUSTER", "INHERIT", "OF", "NOT", "REPLICA", "ATTACH", "SPLIT", "MERGE");

    private final FileAnalyzer out;
    private final Cursor c;
    private String table;
    private String tableName;
    private boolean newTable;

    AlterTable(FileAnalyzer out, Cursor c) {
        this.out = out;
        this.c = c;
    }

    void analyze() {
        Token object = c.next(); // TABLE
        c.accept("IF", "EXISTS");
        c.accept("ONLY");
        List<Token> nameParts = c.qualifiedName();
        c.acceptPunct("*");
        table = FileAnalyzer.last(nameParts);
        tableName = Cursor.name(nameParts);
        newTable = out.isNewTable(table);
        if (!newTable) {
            out.markLocking(object);
        }
        if (c.atEnd()) {
            throw new UnparsableStatementException(object, "ALTER TABLE " + tableName + " has no action");
        }
        for (List<Token> action : Cursor.splitTopLevel(c.rest(), ",")) {
            if (action.isEmpty()) {
                throw new UnparsableStatementException(object, "ALTER TABLE " + tableName + " has an empty action");
            }
            action(new Cursor(action));
        }
    }

    private void action(Cursor a) {
        Token head = a.peek();
        switch (head.kind() == TokenKind.WORD ? head.value() : "") {
            case "RENAME" -> rename(a);
            case "ADD" -> add(a);
            case "DROP" -> drop(a);
            case "ALTER" -> alter(a);
            case "VALIDATE" -> validate(a);
            case "DETACH" -> detach(a);
            default -> {
                if (a.at("SET", "SCHEMA")) {
                    out.effect(Effect.irreversible(newTable ? ChangeClass.EXPAND : ChangeClass.CONTRACT,
                            "moves table " + tableName + " to another schema; the previous version's queries no longer find it",
                            head.line(), "Gantry cannot derive the inverse of ALTER TABLE ... SET SCHEMA"));
                    return;
                }
                if (head.kind() == TokenKind.WORD && NEUTRAL_ACTIONS.contains(head.value())) {
                    if (!head.isWord("ATTACH")) {
                        out.effect(Effect.irreversible(ChangeClass.EXPAND, "", head.line(), "Gantry cannot derive the inverse of ALTER TABLE ... " + head.value()));
                    }
                    return;
                }
                throw new UnparsableStatementException(head, "'" + head.text() + "' is not an ALTER TABLE action in PostgreSQL");
            }
        }
    }

    private void rename(Cursor a) {
        Token rename = a.next();
        if (out.robust()) {
            out.report(Rules.ROBUST, rename, "RENAME has no IF EXISTS form and fails when the migration is re-run; run the file in a transaction");
        }
        if (a.accept("TO")) {
            String to = a.next().identifier();
            out.tableRenamed(table, to, rename, newTable);
            out.effect(Effect.invertible(newTable ? ChangeClass.EXPAND : ChangeClass.CONTRACT,
                    "renames table " + tableName + " to " + to, rename.line(), "ALTER TABLE " + to + " RENAME TO " + table + ";"));
            return;
        }
        if (a.accept("CONSTRAINT")) {
            String from = a.next().identifier();
            a.expect("TO");
            String to = a.next().identifier();
            out.effect(Effect.invertible(ChangeClass.EXPAND, "", rename.line(), "ALTER TABLE " + tableName + " RENAME CONSTRAINT " + to + " TO " + from + ";"));
            return;
        }
        a.accept("COLUMN");
        Token fromToken = a.next();
        if (!fromToken.isIdentifier()) {
            throw new UnparsableStatementException(fromToken, "expected a column name after RENAME");
        }
        a.expect("TO");
        String from = fromToken.identifier();
        String to = a.next().identifier();
        if (!newTable) {
            out.columnRenamed(table, from, to, rename);
        }
        out.effect(Effect.invertible(newTable ? ChangeClass.EXPAND : ChangeClass.CONTRACT,
                "renames column " + tableName + "." + from + " to " + to + ", which the previous version still uses", rename.line(),
                "ALTER TABLE " + tableName + " RENAME COLUMN " + to + " TO " + from + ";"));
    }

    private void add(Cursor a) {
        Token add = a.next();
        if (a.accept("COLUMN")) {
            addColumn(a, add);
        } else if (!a.atEnd() && a.peek().kind() == TokenKind.WORD && CONSTRAINT_KINDS.contains(a.peek().value())) {
            addConstraint(a, add);
        } else {
            addColumn(a, add);
        }
    }

    private void addColumn(Cursor a, Token add) {
        boolean ifNotExists = a.accept("IF", "NOT", "EXISTS");
        if (a.atEnd()) {
            throw new UnparsableStatementException(add, "ADD COLUMN needs a column definition");
        }
        ColumnDefinition column = ColumnDefinition.parse(a.rest());
        String name = column.name().identifier();
        String qualified = tableName + "." + name;
        TypeHygiene.check(column.type(), qualified, out);
        out.columnAdded(table, name, column.generatedExpression());
        if (!ifNotExists && out.robust()) {
            out.report(Rules.ROBUST, add, "ADD COLUMN " + name + " without IF NOT EXISTS fails when the migration is re-run");
        }
        boolean required = column.notNull() && !column.hasDefault() && !column.identity() && !column.generatedStored();
        if (!newTable) {
            Token at = column.name();
            if (column.generatedStored()) {
                out.report(Rules.ADD_COLUMN_REWRITE, at, "generated column " + qualified + " is computed for every row: the table is rewritten under lock");
            } else if (column.identity()) {
                out.report(Rules.ADD_COLUMN_REWRITE, at, "identity column " + qualified + " is filled for every row: the table is rewritten under lock");
            } else if (column.hasDefault() && rewritesForDefault(column.defaultExpression())) {
                out.report(Rules.ADD_COLUMN_REWRITE, column.defaultExpression().isEmpty() ? at : column.defaultExpression().get(0),
                        out.settings().pgVersion() < 11
                                ? "before PostgreSQL 11 any default rewrites the table: column " + qualified + " DEFAULT " + Cursor.text(column.defaultExpression())
                                : "volatile default " + Cursor.text(column.defaultExpression()) + " on " + qualified + " rewrites the table under lock");
            }
            if (required) {
                out.report(Rules.ADD_REQUIRED_COLUMN, at, "column " + qualified + " is NOT NULL without a default: the statement fails on a table with rows and the previous version's inserts fail");
            }
            if (column.references()) {
                out.report(Rules.CONSTRAINT_WITHOUT_NOT_VALID, at, "inline REFERENCES on new column " + qualified
                        + " validates every row under a SHARE ROW EXCLUSIVE lock on both tables; add the column, then the foreign key NOT VALID");
            }
            if (column.primaryKey()) {
                out.report(Rules.ADD_PRIMARY_KEY, at, "PRIMARY KEY on new column " + qualified + " builds its index under an ACCESS EXCLUSIVE lock");
            } else if (column.unique()) {
                out.report(Rules.ADD_UNIQUE, at, "UNIQUE on new column " + qualified + " builds its index under an ACCESS EXCLUSIVE lock");
            }
        }
        out.effect(Effect.invertible(required && !newTable ? ChangeClass.CONTRACT : ChangeClass.EXPAND,
                required ? "adds required column " + qualified + "; the previous version's inserts omit it" : "",
                add.line(), "ALTER TABLE " + tableName + " DROP COLUMN IF EXISTS " + name + ";"));
    }

    private boolean rewritesForDefault(List<Token> expression) {
        if (expression.isEmpty() || (expression.size() == 1 && expression.get(0).isWord("NULL"))) {
            return false;
        }
        if (out.settings().pgVersion() < 11) {
            return true;
        }
        for (int i = 0; i < expression.size(); i++) {
            Token t = expression.get(i);
            boolean call = t.isIdentifier() && i + 1 < expression.size() && expression.get(i + 1).isPunct("(")
                    && !(i > 0 && expression.get(i - 1).isPunct("::"));
            if (call && !SAFE_DEFAULT_FUNCTIONS.contains(t.identifier())) {
                return true;
            }
        }
        return false;
    }

    private void addConstraint(Cursor a, Token add) {
        String name = "";
        Token nameToken = add;
        if (a.accept("CONSTRAINT")) {
            nameToken = a.next();
            name = nameToken.identifier();
        }
        if (a.atEnd()) {
            throw new UnparsableStatementException(add, "ADD CONSTRAINT needs a constraint definition");
        }
        Token kind = a.next();
        List<Token> rest = a.rest();
        boolean notValid = false;
        boolean usingIndex = false;
        for (int i = 0; i + 1 < rest.size(); i++) {
            if (rest.get(i).isWord("NOT") && rest.get(i + 1).isWord("VALID")) {
                notValid = true;
            }
            if (rest.get(i).isWord("USING") && rest.get(i + 1).isWord("INDEX")) {
                usingIndex = true;
            }
        }
        String label = name.isEmpty() ? kind.value() + " constraint" : "constraint " + name;
        if (!name.isEmpty() && out.robust() && !out.consumeDroppedIfExists(name)) {
            out.report(Rules.ROBUST, add, "ADD CONSTRAINT " + name + " fails when re-run; precede it with DROP CONSTRAINT IF EXISTS " + name);
        }
        switch (kind.value()) {
            case "FOREIGN", "CHECK" -> {
                if (kind.isWord("FOREIGN") && !name.isEmpty()) {
                    out.run().foreignKeys.add(name);
                }
                if (kind.isWord("CHECK")) {
                    String column = notNullCheckColumn(rest);
                    if (!column.isEmpty() && !name.isEmpty()) {
                        out.run().notNullChecks.put(name, table + "." + column);
                        if (!notValid || newTable) {
                            out.run().validatedNotNull.add(table + "." + column);
                        }
                    }
                }
                if (notValid) {
                    if (!name.isEmpty()) {
                        out.constraintAddedNotValid(name);
                    }
                } else if (!newTable) {
                    out.report(Rules.CONSTRAINT_WITHOUT_NOT_VALID, kind, (kind.isWord("FOREIGN") ? "foreign key " : "CHECK ") + label
                            + " on existing table " + tableName + " is validated under a lock that blocks writes; add it NOT VALID and VALIDATE later");
                }
            }
            case "UNIQUE", "PRIMARY" -> {
                if (!usingIndex && !newTable) {
                    if (kind.isWord("PRIMARY")) {
                        out.report(Rules.ADD_PRIMARY_KEY, kind, "PRIMARY KEY " + label + " on existing table " + tableName + " builds its index under an ACCESS EXCLUSIVE lock");
                    } else {
                        out.report(Rules.ADD_UNIQUE, kind, "UNIQUE " + label + " on existing table " + tableName + " builds its index under an ACCESS EXCLUSIVE lock");
                    }
                }
            }
            case "EXCLUDE" -> {
                if (!newTable) {
                    out.report(Rules.ADD_UNIQUE, kind, "EXCLUDE " + label + " on existing table " + tableName
                            + " builds its index under an ACCESS EXCLUSIVE lock and has no NOT VALID or USING INDEX form");
                }
            }
            default -> throw new UnparsableStatementException(kind, "'" + kind.text() + "' is not a constraint type");
        }
        if (name.isEmpty()) {
            out.effect(Effect.irreversible(ChangeClass.EXPAND, "", add.line(), "the " + kind.value() + " constraint on " + tableName + " has no name, so no DROP CONSTRAINT can be derived"));
        } else {
            out.effect(Effect.invertible(ChangeClass.EXPAND, "", add.line(), "ALTER TABLE " + tableName + " DROP CONSTRAINT IF EXISTS " + name + ";"));
        }
    }

    /** For CHECK (col IS NOT NULL), the column; otherwise empty. */
    private static String notNullCheckColumn(List<Token> rest) {
        if (rest.size() >= 6 && rest.get(0).isPunct("(") && rest.get(1).isIdentifier() && rest.get(2).isWord("IS")
                && rest.get(3).isWord("NOT") && rest.get(4).isWord("NULL") && rest.get(5).isPunct(")")) {
            return rest.get(1).identifier();
        }
        return "";
    }

    private void drop(Cursor a) {
        Token drop = a.next();
        if (a.accept("CONSTRAINT")) {
            boolean ifExists = a.accept("IF", "EXISTS");
            String name = a.next().identifier();
            if (ifExists) {
                out.droppedIfExists(name);
            } else if (out.robust()) {
                out.report(Rules.ROBUST, drop, "DROP CONSTRAINT " + name + " without IF EXISTS fails when the migration is re-run");
            }
            if (!newTable && out.run().foreignKeys.contains(name)) {
                out.report(Rules.DROP_FOREIGN_KEY, drop, "foreign key " + name + " on " + tableName + " is dropped; the relationship is no longer enforced");
            }
            out.effect(Effect.irreversible(ChangeClass.EXPAND, "", drop.line(), "the definition of dropped constraint " + name + " is not in the migration"));
            return;
        }
        if (a.at("DEFAULT") || a.at("EXPRESSION") || a.at("IDENTITY")) {
            throw new UnparsableStatementException(a.peek(), "DROP " + a.peek().text() + " belongs to ALTER COLUMN");
        }
        a.accept("COLUMN");
        boolean ifExists = a.accept("IF", "EXISTS");
        Token column = a.next();
        if (!column.isIdentifier()) {
            throw new UnparsableStatementException(column, "expected a column name after DROP COLUMN");
        }
        String name = column.identifier();
        if (!ifExists && out.robust()) {
            out.report(Rules.ROBUST, drop, "DROP COLUMN " + name + " without IF EXISTS fails when the migration is re-run");
        }
        if (!newTable) {
            out.report(Rules.DROP_COLUMN, drop, "column " + tableName + "." + name + " is dropped with its data; the previous version still uses it");
            out.effect(Effect.irreversible(ChangeClass.DESTRUCTIVE, "drops column " + tableName + "." + name + " and its data", drop.line(),
                    "dropped column " + tableName + "." + name + " and its data cannot be restored from the migration"));
        } else {
            out.effect(Effect.neutral(drop.line()));
        }
    }

    private void alter(Cursor a) {
        Token alter = a.next();
        if (a.accept("CONSTRAINT")) {
            out.effect(Effect.irreversible(ChangeClass.EXPAND, "", alter.line(), "Gantry cannot derive the inverse of ALTER CONSTRAINT"));
            return;
        }
        a.accept("COLUMN");
        Token columnToken = a.next();
        if (!columnToken.isIdentifier()) {
            throw new UnparsableStatementException(columnToken, "expected a column name after ALTER COLUMN");
        }
        String column = columnToken.identifier();
        String qualified = tableName + "." + column;
        if (a.accept("SET", "DATA", "TYPE") || a.accept("TYPE")) {
            List<Token> rest = a.rest();
            int end = rest.size();
            for (int i = 0; i < rest.size(); i++) {
                if (rest.get(i).isWord("USING") || rest.get(i).isWord("COLLATE")) {
                    end = i;
                    break;
                }
            }
            List<Token> type = rest.subList(0, end);
            TypeHygiene.check(type, qualified, out);
            if (!newTable) {
                out.report(Rules.ALTER_COLUMN_TYPE, alter, "changing the type of " + qualified + " to " + Cursor.text(type)
                        + " can rewrite the table under an ACCESS EXCLUSIVE lock and breaks the previous version's expectations");
            }
            out.effect(Effect.irreversible(newTable ? ChangeClass.EXPAND : ChangeClass.CONTRACT, "changes the type of " + qualified,
                    alter.line(), "the previous type of " + qualified + " is not in the migration"));
        } else if (a.accept("SET", "NOT", "NULL")) {
            boolean proven = out.settings().pgVersion() >= 12 && out.run().validatedNotNull.contains(table + "." + column);
            if (!newTable && !proven) {
                out.report(Rules.SET_NOT_NULL, alter, "SET NOT NULL on " + qualified + " scans the whole table under an ACCESS EXCLUSIVE lock"
                        + (out.settings().pgVersion() >= 12 ? "; validate a CHECK (" + column + " IS NOT NULL) constraint first" : ""));
            }
            out.effect(Effect.invertible(newTable ? ChangeClass.EXPAND : ChangeClass.CONTRACT,
                    "makes " + qualified + " NOT NULL; the previous version may insert NULL", alter.line(),
                    "ALTER TABLE " + tableName + " ALTER COLUMN " + column + " DROP NOT NULL;"));
        } else if (a.accept("DROP", "NOT", "NULL")) {
            if (!newTable) {
                out.report(Rules.DROP_NOT_NULL, alter, "dropping NOT NULL on " + qualified + " lets NULLs in that the previous version does not expect");
            }
            out.effect(Effect.invertible(newTable ? ChangeClass.EXPAND : ChangeClass.CONTRACT,
                    "drops NOT NULL on " + qualified + "; the previous version does not expect NULL", alter.line(),
                    "ALTER TABLE " + tableName + " ALTER COLUMN " + column + " SET NOT NULL;"));
        } else if (a.at("SET", "DEFAULT") || a.at("DROP", "DEFAULT")) {
            out.effect(Effect.irreversible(ChangeClass.EXPAND, "", alter.line(), "the previous default of " + qualified + " is not in the migration"));
        } else if (a.at("SET") || a.at("RESET") || a.at("ADD") || a.at("DROP") || a.at("RESTART")) {
            out.effect(Effect.irreversible(ChangeClass.EXPAND, "", alter.line(), "Gantry cannot derive the inverse of ALTER COLUMN " + qualified + " " + a.peek().value()));
        } else {
            throw new UnparsableStatementException(a.here(), "'" + (a.atEnd() ? "end of statement" : a.peek().text()) + "' is not an ALTER COLUMN action");
        }
    }

    private void validate(Cursor a) {
        Token validate = a.next();
        a.expect("CONSTRAINT");
        String name = a.next().identifier();
        if (out.addedNotValidInThisTransaction(name)) {
            out.report(Rules.VALIDATE_SAME_TRANSACTION, validate, "constraint " + name + " is validated in the transaction that added it NOT VALID, so the scan runs under the ADD's lock");
        }
        String notNull = out.run().notNullChecks.get(name);
        if (notNull != null) {
            out.run().validatedNotNull.add(notNull);
        }
        out.effect(Effect.neutral(validate.line()));
    }

    private void detach(Cursor a) {
        Token detach = a.next();
        a.expect("PARTITION");
        String partition = Cursor.name(a.qualifiedName());
        Token concurrently = a.at("CONCURRENTLY") ? a.next() : null;
        boolean finalize = a.accept("FINALIZE");
        if (concurrently == null && !finalize && !newTable) {
            out.report(Rules.DETACH_PARTITION, detach, "DETACH PARTITION " + partition + " without CONCURRENTLY locks " + tableName + " with ACCESS EXCLUSIVE"
                    + (out.settings().pgVersion() < 14 ? " (CONCURRENTLY needs PostgreSQL 14)" : ""));
        }
        if (concurrently != null && out.inTransaction()) {
            out.report(Rules.CONCURRENTLY_IN_TRANSACTION, concurrently, "DETACH PARTITION CONCURRENTLY cannot run inside a transaction block");
        }
        out.effect(Effect.irreversible(ChangeClass.CONTRACT, "detaches partition " + partition + " from " + tableName + "; its rows leave the table",
                detach.line(), "the partition bounds of " + partition + " are not in the migration"));
    }
}
