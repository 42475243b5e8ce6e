package dev.gantry.migrate.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The catalog of every lint rule, in documentation order. Rules are looked up by Gantry id,
 * or through {@link #resolve(String)} also by squawk rule id or Atlas code. Immutable and
 * thread-safe.
 */
public final class Rules {
    private static final Severity B = Severity.BLOCKING;
    private static final Severity W = Severity.WARNING;
    private static final Map<String, Rule> BY_ID = new LinkedHashMap<>();

    static final Rule ADD_COLUMN_REWRITE = add("add-column-rewrites-table",
            "Adding a column whose default or generated value rewrites the table",
            "A volatile default (random(), gen_random_uuid(), clock_timestamp(), an unknown function), a stored generated column or an identity column must be computed for every existing row, so PostgreSQL rewrites the whole table under an ACCESS EXCLUSIVE lock; before PostgreSQL 11 any non-null default does this.",
            "Add the column without a default (or with a constant default on PostgreSQL 11+), set the default for new rows, then backfill existing rows in batches.",
            "ALTER TABLE orders ADD COLUMN token uuid;\nALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid();\n-- backfill in batches: UPDATE orders SET token = gen_random_uuid() WHERE id BETWEEN 1 AND 10000 AND token IS NULL;",
            B, List.of("adding-field-with-default"), List.of("PG302"));
    static final Rule ADD_REQUIRED_COLUMN = add("add-required-column",
            "Adding a NOT NULL column without a default",
            "On a table with rows the statement fails, and the previous application version, which does not know the column, can no longer insert rows.",
            "Add the column nullable or with a default, backfill, then add the NOT NULL through a validated CHECK constraint.",
            "ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';",
            B, List.of("adding-required-field"), List.of("MF103", "MY101"));
    static final Rule SET_NOT_NULL = add("set-not-null-scans-table",
            "SET NOT NULL on an existing column",
            "PostgreSQL scans the whole table to check for NULLs while holding an ACCESS EXCLUSIVE lock, blocking reads and writes; the statement also fails if a NULL exists.",
            "Add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it in a separate transaction, then SET NOT NULL (PostgreSQL 12+ uses the validated constraint and skips the scan) and drop the CHECK.",
            "ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\n-- next migration:\nALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\nALTER TABLE users DROP CONSTRAINT users_email_not_null;",
            B, List.of("adding-not-nullable-field"), List.of("MF104", "PG303"));
    static final Rule CONSTRAINT_WITHOUT_NOT_VALID = add("constraint-without-not-valid",
            "Adding a foreign key or CHECK constraint without NOT VALID",
            "PostgreSQL checks every existing row while holding a lock that blocks writes (and for a foreign key, writes to the referenced table too) for the whole scan.",
            "Add the constraint NOT VALID (instant), then VALIDATE CONSTRAINT in a later transaction, which only takes a SHARE UPDATE EXCLUSIVE lock.",
            "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n-- next migration or transaction:\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;",
            B, List.of("constraint-missing-not-valid", "adding-foreign-key-constraint"), List.of("PG305"));
    static final Rule VALIDATE_SAME_TRANSACTION = add("validate-in-same-transaction",
            "Validating a constraint in the transaction that added it NOT VALID",
            "The lock taken by ADD CONSTRAINT is held until the transaction ends, so validating in the same transaction scans the table under that lock and NOT VALID gains nothing.",
            "Commit after adding the constraint NOT VALID and validate it in a separate transaction or migration.",
            "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\nCOMMIT;\nBEGIN;\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;\nCOMMIT;",
            B, List.of("constraint-missing-not-valid"), List.of());
    static final Rule ADD_UNIQUE = add("add-unique-constraint-locks",
            "Adding a UNIQUE (or EXCLUDE) constraint that builds its index under lock",
            "ADD CONSTRAINT ... UNIQUE (cols) builds the index while holding an ACCESS EXCLUSIVE lock, blocking reads and writes for the whole build; it also fails if duplicates exist. EXCLUDE constraints do the same and have no cheaper form.",
            "Build a unique index CONCURRENTLY, then attach it with ADD CONSTRAINT ... UNIQUE USING INDEX (for EXCLUDE, add it in a maintenance window or enforce the rule in a trigger).",
            "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;",
            B, List.of("disallowed-unique-constraint"), List.of("PG105", "MF101"));
    static final Rule ADD_PRIMARY_KEY = add("add-primary-key-locks",
            "Adding a PRIMARY KEY that builds its index under lock",
            "ADD PRIMARY KEY (cols) builds the index, and sets NOT NULL with a full scan, under an ACCESS EXCLUSIVE lock.",
            "Build a unique index CONCURRENTLY on NOT NULL columns, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX.",
            "CREATE UNIQUE INDEX CONCURRENTLY items_pk ON items (id);\nALTER TABLE items ADD CONSTRAINT items_pk PRIMARY KEY USING INDEX items_pk;",
            B, List.of("adding-serial-primary-key-field"), List.of("PG104", "PG304"));
    static final Rule CREATE_INDEX = add("create-index-non-concurrently",
            "CREATE INDEX without CONCURRENTLY on an existing table",
            "A plain CREATE INDEX holds a SHARE lock that blocks every INSERT, UPDATE and DELETE on the table until the index is built, minutes to hours on a large table.",
            "Use CREATE INDEX CONCURRENTLY outside a transaction (a table created in the same migration is exempt).",
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_id_idx ON orders (user_id);",
            B, List.of("require-concurrent-index-creation"), List.of("PG101"));
    static final Rule DROP_INDEX = add("drop-index-non-concurrently",
            "DROP INDEX without CONCURRENTLY",
            "A plain DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table, queueing every query behind it while it waits for running transactions.",
            "Use DROP INDEX CONCURRENTLY outside a transaction.",
            "DROP INDEX CONCURRENTLY IF EXISTS orders_user_id_idx;",
            B, List.of("require-concurrent-index-deletion"), List.of("PG102"));
    static final Rule REINDEX = add("reindex-non-concurrently",
            "REINDEX without CONCURRENTLY",
            "REINDEX locks out writes to the table (and reads that would use the index) until every index is rebuilt.",
            "Use REINDEX ... CONCURRENTLY (PostgreSQL 12+) outside a transaction.",
            "REINDEX INDEX CONCURRENTLY orders_user_id_idx;",
            B, List.of("require-concurrent-reindex"), List.of());
    static final Rule CONCURRENTLY_IN_TRANSACTION = add("concurrently-in-transaction",
            "A CONCURRENTLY operation inside a transaction",
            "CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and DETACH PARTITION CONCURRENTLY cannot run inside a transaction block: the migration fails at deploy time.",
            "Put the statement in its own migration that runs outside a transaction (Flyway: a V<ver>__x.sql.conf with executeInTransaction=false).",
            "-- V7__orders_user_idx.sql with V7__orders_user_idx.sql.conf containing executeInTransaction=false\nCREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_id_idx ON orders (user_id);",
            B, List.of("ban-concurrent-index-creation-in-transaction"), List.of("PG103"));
    static final Rule DETACH_PARTITION = add("detach-partition-non-concurrently",
            "DETACH PARTITION without CONCURRENTLY",
            "A plain DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the parent table, blocking every query on every partition.",
            "On PostgreSQL 14+ use DETACH PARTITION ... CONCURRENTLY outside a transaction.",
            "ALTER TABLE measurements DETACH PARTITION measurements_2023 CONCURRENTLY;",
            B, List.of("require-concurrent-partition-detach"), List.of());
    static final Rule ALTER_COLUMN_TYPE = add("alter-column-type",
            "Changing a column's type",
            "Most type changes rewrite the table and its indexes under an ACCESS EXCLUSIVE lock, and the previous application version may not read or write the new type.",
            "Add a new column of the new type, dual-write and backfill it, switch reads, then drop the old column in a later release.",
            "ALTER TABLE recipes ADD COLUMN edits_v2 text;\n-- backfill in batches, switch the application, then in a later release:\nALTER TABLE recipes DROP COLUMN edits;",
            B, List.of("changing-column-type"), List.of("PG301"));
    static final Rule RENAME_COLUMN = add("rename-column",
            "Renaming a column",
            "The previous application version still uses the old name: every query of it fails between the migration and the deploy, and again after a rollback.",
            "Add the new column, dual-write, backfill and switch reads; drop the old column in a later release. Or keep the old name reachable (a generated column or a view).",
            "ALTER TABLE users ADD COLUMN full_name text;\nUPDATE users SET full_name = name WHERE full_name IS NULL; -- in batches\n-- later release: ALTER TABLE users DROP COLUMN name;",
            B, List.of("renaming-column"), List.of("BC102"));
    static final Rule RENAME_TABLE = add("rename-table",
            "Renaming a table",
            "The previous application version still uses the old name and fails until it is replaced, and again after a rollback.",
            "Create the new table and migrate data in steps, or rename and create a view with the old name in the same migration.",
            "ALTER TABLE customers RENAME TO accounts;\nCREATE VIEW customers AS SELECT * FROM accounts;",
            B, List.of("renaming-table"), List.of("BC101"));
    static final Rule DROP_COLUMN = add("drop-column",
            "Dropping a column",
            "The data in the column is gone, and the previous application version, which still reads or writes it, fails.",
            "Stop using the column in a release first; drop it in a later release, after a backup, in a migration marked as the point of no return.",
            "-- release N: the application stops reading and writing users.legacy_flag\n-- release N+1:\nALTER TABLE users DROP COLUMN IF EXISTS legacy_flag;",
            B, List.of("ban-drop-column"), List.of("DS103"));
    static final Rule DROP_TABLE = add("drop-table",
            "Dropping a table",
            "Every row of the table is lost, and the previous application version, which may still use it, fails.",
            "Stop using the table in one release, keep a backup or rename it aside, and drop it in a later release.",
            "-- release N: the application stops using legacy_events\n-- release N+1, after a backup:\nDROP TABLE IF EXISTS legacy_events;",
            B, List.of("ban-drop-table"), List.of("DS102"));
    static final Rule DROP_SCHEMA = add("drop-schema",
            "Dropping a schema",
            "Every object in the schema and all its data are lost.",
            "Drop the objects one by one in a reviewed migration after a backup, or leave the schema in place.",
            "-- after a backup, once nothing uses it:\nDROP SCHEMA IF EXISTS reporting_old RESTRICT;",
            B, List.of(), List.of("DS101"));
    static final Rule DROP_DATABASE = add("drop-database",
            "Dropping a database",
            "The whole database and all its data are lost; a migration is never the place for it.",
            "Drop databases by hand, deliberately, outside the migration history.",
            "-- not in a migration; an operator runs, after a backup:\n-- DROP DATABASE old_reporting;",
            B, List.of("ban-drop-database"), List.of());
    static final Rule DROP_NOT_NULL = add("drop-not-null",
            "Dropping NOT NULL from a column",
            "The previous application version assumes the column is never NULL; once NULLs are written, it can crash reading them, so a rollback breaks.",
            "Make the application NULL-tolerant in one release, then drop NOT NULL in the next.",
            "-- release N: the application handles NULL in users.nickname\n-- release N+1:\nALTER TABLE users ALTER COLUMN nickname DROP NOT NULL;",
            B, List.of("ban-drop-not-null"), List.of());
    static final Rule DROP_FOREIGN_KEY = add("drop-foreign-key",
            "Dropping a foreign-key constraint",
            "Referential integrity is no longer enforced: rows can point at rows that do not exist, and re-adding the constraint later may fail.",
            "Make sure the application enforces the relationship, or drop the constraint deliberately with a suppression that says why.",
            "-- gantry:allow drop-foreign-key because orders now reference accounts through account_id\nALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_user_fk;",
            W, List.of(), List.of("CD101"));
    static final Rule LOCK_TIMEOUT = add("missing-lock-timeout",
            "Locking DDL without a lock_timeout",
            "DDL waiting for a lock queues every later query on the table behind it; without lock_timeout one long transaction turns the migration into an outage.",
            "Start the migration with SET lock_timeout (a few seconds) and retry the migration if it times out.",
            "SET lock_timeout = '2s';\nSET statement_timeout = '5min';\nALTER TABLE users ADD COLUMN email text;",
            B, List.of("require-lock-timeout", "require-timeout-settings"), List.of());
    static final Rule STATEMENT_TIMEOUT = add("missing-statement-timeout",
            "Locking DDL without a statement_timeout",
            "A statement that runs longer than expected keeps its locks for as long as it runs; statement_timeout bounds that.",
            "Start the migration with SET statement_timeout.",
            "SET lock_timeout = '2s';\nSET statement_timeout = '5min';\nCOMMENT ON COLUMN users.email IS 'primary contact';",
            W, List.of("require-statement-timeout", "require-timeout-settings"), List.of());
    static final Rule ROBUST = add("prefer-robust-ddl",
            "Non-idempotent DDL outside a transaction",
            "Outside a transaction a failure half-way leaves earlier statements applied, and re-running the migration then fails on them (\"already exists\", \"does not exist\").",
            "Use IF NOT EXISTS / IF EXISTS (and DROP CONSTRAINT IF EXISTS before ADD CONSTRAINT), or run the file in a transaction.",
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);\nALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_key;\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;",
            W, List.of("prefer-robust-stmts"), List.of());
    static final Rule TRANSACTION_NESTING = add("transaction-nesting",
            "BEGIN inside a transaction, or COMMIT/ROLLBACK outside one",
            "A nested BEGIN is ignored and its COMMIT ends the runner's transaction early, so the rest of the file runs outside it and a failure leaves the database half-migrated.",
            "Remove the BEGIN/COMMIT pair when the runner already wraps the file in a transaction; balance them otherwise.",
            "-- Flyway wraps the file; no BEGIN/COMMIT needed:\nALTER TABLE users ADD COLUMN email text;",
            B, List.of("transaction-nesting"), List.of());
    static final Rule UNCOMMITTED = add("uncommitted-transaction",
            "A transaction that is never committed",
            "A BEGIN without COMMIT leaves the changes uncommitted at the end of the file: they are rolled back or committed by whatever runs next, not by the migration.",
            "End every BEGIN with COMMIT in the same file.",
            "BEGIN;\nCREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);\nCOMMIT;",
            B, List.of("ban-uncommitted-transaction"), List.of());
    static final Rule TRUNCATE_CASCADE = add("truncate-cascade",
            "TRUNCATE ... CASCADE",
            "CASCADE also empties every table that references the truncated ones, recursively, including tables nobody meant to touch.",
            "Truncate the intended tables explicitly, without CASCADE.",
            "TRUNCATE import_staging, import_errors;",
            B, List.of("ban-truncate-cascade"), List.of());
    static final Rule DOMAIN_CONSTRAINT = add("domain-with-constraint",
            "CREATE DOMAIN with a constraint",
            "Changing a domain constraint later re-checks every column of that domain in every table under lock, and there is no NOT VALID path for tightening it cheaply.",
            "Put the CHECK constraint on the table columns, where it can be added NOT VALID and validated.",
            "CREATE DOMAIN positive_amount AS numeric;\nALTER TABLE invoices ADD CONSTRAINT invoices_amount_positive CHECK (amount > 0) NOT VALID;",
            W, List.of("ban-create-domain-with-constraint"), List.of());
    static final Rule ALTER_DOMAIN = add("alter-domain-add-constraint",
            "ALTER DOMAIN ... ADD CONSTRAINT",
            "PostgreSQL checks every column that uses the domain, in every table, while holding locks on them.",
            "Add the constraint NOT VALID and VALIDATE it separately, or constrain the table columns instead.",
            "ALTER DOMAIN positive_amount ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID;\n-- later:\nALTER DOMAIN positive_amount VALIDATE CONSTRAINT positive;",
            B, List.of("ban-alter-domain-with-add-constraint"), List.of());
    static final Rule ENUM_POSITION = add("enum-value-without-position",
            "ALTER TYPE ... ADD VALUE without BEFORE or AFTER",
            "The value is appended last, which changes the enum's sort order relative to what was intended and cannot be undone: enum values cannot be dropped.",
            "Say where the value goes with BEFORE or AFTER.",
            "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded' AFTER 'paid';",
            W, List.of("require-enum-value-ordering"), List.of());
    static final Rule REWRITE_TABLE = add("vacuum-full-or-cluster",
            "VACUUM FULL or CLUSTER",
            "Both rewrite the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes for the duration.",
            "Use pg_repack (or REPACK ... CONCURRENTLY on PostgreSQL 19+) outside the migration.",
            "-- outside the migration: pg_repack --table=orders --jobs=2 mydb",
            B, List.of("prefer-repack"), List.of());
    static final Rule IDENTIFIER_TOO_LONG = add("identifier-too-long",
            "Identifier longer than 63 bytes",
            "PostgreSQL silently truncates it to 63 bytes, so later migrations that use the full name fail and two long names can collide.",
            "Use a name of at most 63 bytes.",
            "CREATE INDEX CONCURRENTLY orders_customer_created_idx ON orders (customer_id, created_at);",
            W, List.of("identifier-too-long"), List.of());
    static final Rule CREATE_TABLE_AS = add("create-table-as",
            "CREATE TABLE ... AS without a declared schema",
            "Column types, nullability and keys are inferred from the query, so the table has no primary key or constraints and its types drift with the query.",
            "Create the table with explicit columns and constraints, then INSERT ... SELECT into it (temporary tables are exempt).",
            "CREATE TABLE order_totals (order_id bigint PRIMARY KEY, total numeric NOT NULL);\nINSERT INTO order_totals SELECT id, sum(amount) FROM order_lines GROUP BY id;",
            W, List.of("require-table-schema"), List.of());
    static final Rule DUPLICATE_ASSIGNMENT = add("duplicate-column-assignment",
            "The same column assigned or named twice",
            "INSERT (a, a), UPDATE SET a = 1, a = 2, ON CONFLICT DO UPDATE SET a ..., a ..., or a view or SELECT INTO with two output columns of one name fail at deploy time.",
            "Assign or name each column once.",
            "UPDATE k SET a = 4, b = 2, c = 5;",
            B, List.of("ban-duplicate-column-assignments"), List.of());
    static final Rule BIGINT_OVER_INT = add("prefer-bigint-over-int",
            "int / serial column",
            "A 32-bit key runs out at about 2.1 billion, and widening it later is a table rewrite under lock.",
            "Use bigint (and bigint identity for keys).",
            "CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, count bigint);",
            W, List.of("prefer-bigint-over-int"), List.of());
    static final Rule BIGINT_OVER_SMALLINT = add("prefer-bigint-over-smallint",
            "smallint / smallserial column",
            "A 16-bit column overflows at 32,767, and widening it later is a table rewrite under lock.",
            "Use bigint (or integer where the range is truly bounded).",
            "CREATE TABLE ratings (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stars bigint);",
            W, List.of("prefer-bigint-over-smallint"), List.of());
    static final Rule IDENTITY = add("prefer-identity",
            "serial column instead of an identity column",
            "serial creates a separately owned sequence with loose permissions and awkward dump/restore and ownership semantics; identity columns are the SQL-standard replacement.",
            "Use bigint GENERATED ALWAYS AS IDENTITY (or BY DEFAULT).",
            "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);",
            W, List.of("prefer-identity"), List.of());
    static final Rule TEXT = add("prefer-text",
            "varchar(n) column",
            "Raising the length limit later takes an ACCESS EXCLUSIVE lock, and the limit is rarely a real business rule.",
            "Use text, with a CHECK (length(col) <= n) constraint if a limit is needed (it can be changed NOT VALID).",
            "CREATE TABLE users (email text CHECK (length(email) <= 320));",
            W, List.of("prefer-text-field"), List.of());
    static final Rule TIMESTAMPTZ = add("prefer-timestamptz",
            "timestamp without time zone",
            "timestamp stores a wall-clock time with no zone, so values written from servers or sessions in different time zones silently disagree.",
            "Use timestamptz (timestamp with time zone).",
            "ALTER TABLE app.users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();",
            W, List.of("prefer-timestamp-tz"), List.of());
    static final Rule CHAR = add("ban-char",
            "char(n) column",
            "char(n) pads values with spaces, which breaks comparisons and wastes space; it is never faster than text.",
            "Use text (with a CHECK on length if needed).",
            "CREATE TABLE countries (code text CHECK (length(code) = 2));",
            W, List.of("ban-char-field"), List.of());
    static final Rule UNPARSABLE = add("unparsable-statement",
            "A statement Gantry cannot understand",
            "Gantry cannot tell whether the statement is safe, and PostgreSQL may not accept it either (for example MySQL syntax or an unterminated string).",
            "Fix the statement, or suppress the finding with a reason if it is valid PostgreSQL Gantry does not know.",
            "-- gantry:allow unparsable-statement because ALTER SYSTEM is run by the platform team\nALTER SYSTEM SET work_mem = '64MB';",
            B, List.of(), List.of());
    static final Rule INVALID_SUPPRESSION = add("invalid-suppression",
            "A gantry:allow comment without a reason or naming an unknown rule",
            "A suppression without a reason hides a risk without telling reviewers why it is acceptable; one naming an unknown rule suppresses nothing.",
            "Write -- gantry:allow <rule-id> because <reason>, with a rule id from docs/migration-lint.md (squawk ids and Atlas codes are accepted too).",
            "-- gantry:allow drop-column because the column was unused since 1.1 and is backed up\nALTER TABLE users DROP COLUMN legacy_flag;",
            B, List.of(), List.of());
    static final Rule FOREIGN_SUPPRESSION = add("foreign-suppression",
            "A squawk-ignore or atlas:nolint comment",
            "Gantry honours it so migrated projects keep working, but it carries no reason, so reviewers cannot see why the risk is acceptable.",
            "Replace it with -- gantry:allow <rule-id> because <reason>.",
            "-- gantry:allow DS103 because the column was unused since 1.1 and is backed up\nALTER TABLE users DROP COLUMN legacy_flag;",
            W, List.of(), List.of());
    static final Rule DUPLICATE_VERSION = add("duplicate-migration-version",
            "Two migrations with the same version",
            "Flyway refuses to migrate when two versioned migrations share a version, so the deploy fails.",
            "Give each versioned migration a unique version.",
            "-- V3__add_email.sql and V3_1__add_phone.sql, not two files named V3__*.sql",
            B, List.of(), List.of());

    private Rules() {}

    private static Rule add(String id, String title, String why, String fix, String example, Severity severity,
            List<String> squawk, List<String> atlas) {
        Rule rule = new Rule(id, title, why, fix, example, severity, new Equivalents(squawk, atlas));
        if (BY_ID.putIfAbsent(id, rule) != null) {
            throw new IllegalStateException("duplicate rule id " + id);
        }
        return rule;
    }

    /** Every rule, in documentation order. */
    public static List<Rule> all() {
        return List.copyOf(BY_ID.values());
    }

    /** The rule with this Gantry id. */
    public static java.util.Optional<Rule> byId(String id) {
        return java.util.Optional.ofNullable(BY_ID.get(id));
    }

    /**
     * The rules a suppression name refers to: a Gantry id, a squawk rule id, or an Atlas code
     * (case-insensitive); empty when the name is unknown.
     */
    public static List<Rule> resolve(String name) {
        Rule own = BY_ID.get(name.toLowerCase(Locale.ROOT));
        if (own != null) {
            return List.of(own);
        }
        List<Rule> matches = new ArrayList<>();
        for (Rule rule : BY_ID.values()) {
            boolean squawk = rule.equivalents().squawk().stream().anyMatch(s -> s.equalsIgnoreCase(name));
            boolean atlas = rule.equivalents().atlas().stream().anyMatch(a -> a.equalsIgnoreCase(name));
            if (squawk || atlas) {
                matches.add(rule);
            }
        }
        return Collections.unmodifiableList(matches);
    }
}
