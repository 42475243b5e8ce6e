package dev.gantry.migrate.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Analyses DROP statements. Not thread-safe; one instance per file analysis. */
final class DropStatement {
    private final FileAnalyzer out;

    DropStatement(FileAnalyzer out) {
        this.out = out;
    }

    void analyze(Cursor c) {
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
                lastNames.add(FileAnalyzer.last(name));
            }
        }
        if (names.isEmpty()) {
            throw new UnparsableStatementException(object, "DROP " + kind + " needs the name of what to drop");
        }
        String list = String.join(", ", names);
        if (!ifExists && out.robust() && !kind.equals("DATABASE")) {
            out.report(Rules.ROBUST, object, "DROP " + kind + " " + list + " without IF EXISTS fails when the migration is re-run");
        }
        switch (kind) {
            case "TABLE" -> {
                boolean allNew = out.allNewTables(lastNames);
                if (!allNew) {
                    out.markLocking(object);
                    out.report(Rules.DROP_TABLE, object, "DROP TABLE " + list + " deletes the table and all its rows");
                    out.effect(Effect.irreversible(ChangeClass.DESTRUCTIVE, "drops table " + list + " and its data", first.line(), "dropped table " + list + " cannot be restored from the migration"));
                } else {
                    out.effect(Effect.neutral(first.line()));
                }
            }
            case "INDEX" -> {
                boolean allNew = out.allNewIndexes(lastNames);
                if (!allNew) {
                    out.markLocking(object);
                    if (concurrently == null) {
                        out.report(Rules.DROP_INDEX, object, "DROP INDEX " + list + " without CONCURRENTLY locks the table while it waits and drops");
                    }
                }
                if (concurrently != null && out.inTransaction()) {
                    out.report(Rules.CONCURRENTLY_IN_TRANSACTION, concurrently, "DROP INDEX CONCURRENTLY cannot run inside a transaction block");
                }
                out.effect(Effect.irreversible(ChangeClass.EXPAND, "", first.line(), "the definition of dropped index " + list + " is not in the migration"));
            }
            case "SCHEMA" -> {
                out.markLocking(object);
                out.report(Rules.DROP_SCHEMA, object, "DROP SCHEMA " + list + " deletes every object in it and their data");
                out.effect(Effect.irreversible(ChangeClass.DESTRUCTIVE, "drops schema " + list, first.line(), "dropped schema " + list + " cannot be restored from the migration"));
            }
            case "DATABASE" -> {
                out.report(Rules.DROP_DATABASE, object, "DROP DATABASE " + list + " deletes the whole database");
                out.effect(Effect.irreversible(ChangeClass.DESTRUCTIVE, "drops database " + list, first.line(), "dropped database " + list + " cannot be restored from the migration"));
            }
            case "SEQUENCE" -> {
                out.markLocking(object);
                out.effect(Effect.irreversible(ChangeClass.DESTRUCTIVE, "drops sequence " + list + " and its position", first.line(), "dropped sequence " + list + " loses its position"));
            }
            default -> {
                if (Set.of("VIEW", "MATERIALIZED VIEW", "TRIGGER", "TYPE", "DOMAIN", "RULE", "POLICY").contains(kind)) {
                    out.markLocking(object);
                }
                if (kind.equals("ROLE") || kind.equals("USER") || kind.equals("OWNED")) {
                    out.effect(Effect.neutral(first.line()));
                } else {
                    out.effect(Effect.irreversible(ChangeClass.CONTRACT, "drops " + kind.toLowerCase(java.util.Locale.ROOT) + " " + list + ", which the previous version may use",
                            first.line(), "the definition of dropped " + kind.toLowerCase(java.util.Locale.ROOT) + " " + list + " is not in the migration"));
                }
            }
        }
    }
}
