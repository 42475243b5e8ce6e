package dev.gantry.migrate.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationLinterTest {
    @TempDir
    Path dir;

    private Path write(String name, String sql) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
        return file;
    }

    private static MigrationResult single(String sql) {
        return MigrationLinter.lintSql("V1__x.sql", sql, LintSettings.defaults()).migrations().get(0);
    }

    @Nested
    class Classification {
        @Test
        void classify_newTableAndNullableColumn_isExpand() {
            MigrationResult r = single("CREATE TABLE a (id bigint);\nALTER TABLE b ADD COLUMN note text;\nCREATE INDEX CONCURRENTLY i ON b (note);");
            assertThat(r.classification()).isEqualTo(ChangeClass.EXPAND);
        }

        @Test
        void classify_renameColumn_isContract() {
            MigrationResult r = single("CREATE TABLE a (id bigint);\nALTER TABLE users RENAME COLUMN email TO mail;");
            assertThat(r.classification()).isEqualTo(ChangeClass.CONTRACT);
            assertThat(r.classificationLine()).isEqualTo(2);
            assertThat(r.classificationReason()).contains("users.email");
        }

        @Test
        void classify_requiredColumnAndSetNotNull_areContract() {
            assertThat(single("ALTER TABLE users ADD COLUMN plan text NOT NULL;").classification()).isEqualTo(ChangeClass.CONTRACT);
            assertThat(single("ALTER TABLE users ALTER COLUMN plan SET NOT NULL;").classification()).isEqualTo(ChangeClass.CONTRACT);
        }

        @Test
        void classify_dropColumnTruncateDelete_areDestructive() {
            assertThat(single("ALTER TABLE users RENAME COLUMN a TO b;\nALTER TABLE users DROP COLUMN c;").classification()).isEqualTo(ChangeClass.DESTRUCTIVE);
            assertThat(single("TRUNCATE audit_log;").classification()).isEqualTo(ChangeClass.DESTRUCTIVE);
            assertThat(single("DELETE FROM sessions;").classification()).isEqualTo(ChangeClass.DESTRUCTIVE);
            assertThat(single("DROP TABLE legacy;").classification()).isEqualTo(ChangeClass.DESTRUCTIVE);
        }

        @Test
        void classify_ownershipAndIndexRename_areExpand_schemaMoveIsContract() {
            assertThat(single("ALTER INDEX users_email_idx RENAME TO users_email_key;").classification()).isEqualTo(ChangeClass.EXPAND);
            assertThat(single("ALTER TYPE mood OWNER TO app;").classification()).isEqualTo(ChangeClass.EXPAND);
            assertThat(single("ALTER TABLE users OWNER TO app;").classification()).isEqualTo(ChangeClass.EXPAND);
            assertThat(single("ALTER TABLE users SET SCHEMA archive;").classification()).isEqualTo(ChangeClass.CONTRACT);
            assertThat(single("ALTER VIEW active_users RENAME TO current_users;").classification()).isEqualTo(ChangeClass.CONTRACT);
            assertThat(single("ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';").classification()).isEqualTo(ChangeClass.CONTRACT);
        }

        @Test
        void classify_dropOfTableCreatedInSameFile_isExpand() {
            assertThat(single("CREATE TABLE scratch (id bigint);\nDROP TABLE scratch;").classification()).isEqualTo(ChangeClass.EXPAND);
        }
    }

    @Nested
    class Reversibility_ {
        @Test
        void reversibility_createsAndAdds_deriveInverseInReverseOrder() {
            MigrationResult r = single("""
                    CREATE TABLE a (id bigint);
                    ALTER TABLE b ADD COLUMN note text;
                    CREATE INDEX CONCURRENTLY b_note_idx ON b (note);
                    """);
            assertThat(r.reversibility()).isInstanceOfSatisfying(Reversibility.Derivable.class, d -> assertThat(d.inverse()).containsExactly(
                    "DROP INDEX CONCURRENTLY IF EXISTS b_note_idx;",
                    "ALTER TABLE b DROP COLUMN IF EXISTS note;",
                    "DROP TABLE IF EXISTS a;"));
        }

        @Test
        void reversibility_dropColumn_isIrreversibleNamingTheLine() {
            MigrationResult r = single("ALTER TABLE b ADD COLUMN note text;\nALTER TABLE b DROP COLUMN old;");
            assertThat(r.reversibility()).isInstanceOfSatisfying(Reversibility.Irreversible.class, i -> {
                assertThat(i.line()).isEqualTo(2);
                assertThat(i.reason()).contains("b.old");
            });
        }

        @Test
        void reversibility_undoFileExists_winsOverIrreversible() throws IOException {
            write("db/V2__drop.sql", "ALTER TABLE b DROP COLUMN old;");
            Path undo = write("db/U2__drop.sql", "ALTER TABLE b ADD COLUMN old text;");
            LintReport report = MigrationLinter.lint(List.of(dir.resolve("db")), LintSettings.defaults());
            MigrationResult v2 = report.migrations().stream().filter(m -> m.migration().kind() == MigrationKind.VERSIONED).findFirst().orElseThrow();
            assertThat(v2.reversibility()).isEqualTo(new Reversibility.UndoFile(undo));
        }
    }

    @Nested
    class PointOfNoReturn_ {
        @Test
        void pointOfNoReturn_firstContractByFlywayVersionOrder() throws IOException {
            write("db/V1__init.sql", "CREATE TABLE users (id bigint, email text, legacy text);");
            write("db/V1_10__drop.sql", "ALTER TABLE users DROP COLUMN legacy;");
            write("db/V1_2__rename.sql", "ALTER TABLE users RENAME COLUMN email TO mail;");
            write("db/V1_1__add.sql", "ALTER TABLE users ADD COLUMN note text;");
            LintReport report = MigrationLinter.lint(List.of(dir.resolve("db")), LintSettings.defaults());
            assertThat(report.migrations()).extracting(m -> m.migration().label()).containsExactly("V1", "V1.1", "V1.2", "V1.10");
            assertThat(report.pointOfNoReturn()).hasValueSatisfying(p -> {
                assertThat(p.migration().migration().label()).isEqualTo("V1.2");
                assertThat(p.message()).startsWith("past V1.2, rolling the application back is unsafe").contains("users.email");
            });
        }

        @Test
        void pointOfNoReturn_onlyExpandMigrations_isEmpty() {
            LintReport report = MigrationLinter.lintSql("V1__x.sql", "CREATE TABLE a (id bigint);", LintSettings.defaults());
            assertThat(report.pointOfNoReturn()).isEmpty();
        }
    }

    @Nested
    class Inputs {
        @Test
        void lint_filesAndDirectoriesTogether_lintsEachOnce() throws IOException {
            Path one = write("db/V1__a.sql", "SELECT 1;");
            write("db/nested/V2__b.sql", "SELECT 2;");
            write("db/README.md", "not sql");
            Path dotted = dir.resolve("db").resolve(".").resolve("V1__a.sql");
            LintReport report = MigrationLinter.lint(List.of(dir.resolve("db"), one, dotted), LintSettings.defaults());
            assertThat(report.migrations()).hasSize(2);
        }

        @Test
        void lint_duplicateVersion_isBlocking() throws IOException {
            write("db/V3__a.sql", "SELECT 1;");
            write("db/V3_0__b.sql", "SELECT 2;");
            LintReport report = MigrationLinter.lint(List.of(dir.resolve("db")), LintSettings.defaults());
            assertThat(report.findings()).extracting(Finding::ruleId).containsExactly("duplicate-migration-version");
            assertThat(report.hasBlockingFindings()).isTrue();
        }

        @Test
        void lint_flywayConfExecuteInTransactionFalse_overridesAssumption() throws IOException {
            write("db/V1__idx.sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (c);");
            LintSettings assume = new LintSettings(15, true);
            assertThat(MigrationLinter.lint(List.of(dir.resolve("db")), assume).findings()).extracting(Finding::ruleId).contains("concurrently-in-transaction");
            write("db/V1__idx.sql.conf", "executeInTransaction=false\n");
            assertThat(MigrationLinter.lint(List.of(dir.resolve("db")), assume).findings()).extracting(Finding::ruleId).doesNotContain("concurrently-in-transaction");
        }

        @Test
        void lint_missingPath_throwsNamingIt() {
            Path missing = dir.resolve("nope");
            assertThatThrownBy(() -> MigrationLinter.lint(List.of(missing), LintSettings.defaults()))
                    .isInstanceOf(MigrationLintException.class).hasMessageContaining(missing.toString());
        }

        @Test
        void lint_directoryWithoutSql_throws() throws IOException {
            write("empty/notes.txt", "x");
            assertThatThrownBy(() -> MigrationLinter.lint(List.of(dir.resolve("empty")), LintSettings.defaults()))
                    .isInstanceOf(MigrationLintException.class).hasMessageContaining("no .sql");
        }

        @Test
        void settings_outOfRangeVersion_isRejected() {
            assertThatThrownBy(() -> new LintSettings(8, false)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8");
        }
    }

    @Nested
    class Parsing {
        private List<Finding> findings(String sql) {
            return MigrationLinter.lintSql("V1__p.sql", sql, LintSettings.defaults()).findings();
        }

        @Test
        void lint_ddlInsideStringsCommentsAndBodies_isNotAnalysed() {
            List<Finding> f = findings("""
                    SELECT 'ALTER TABLE t DROP COLUMN c;';
                    -- DROP TABLE x;
                    /* DROP TABLE /* nested */ y; */
                    DO $$ BEGIN EXECUTE 'DROP TABLE z'; END $$;
                    SELECT $tag$ DROP TABLE w; $tag$;
                    """);
            assertThat(f).extracting(Finding::ruleId).doesNotContain("drop-table", "drop-column", "unparsable-statement");
        }

        @Test
        void lint_quotedIdentifiers_keepTheirCaseInMessages() {
            assertThat(findings("ALTER TABLE \"Users\" DROP COLUMN \"Email\"\"X\";"))
                    .filteredOn(x -> x.ruleId().equals("drop-column"))
                    .singleElement().satisfies(x -> assertThat(x.message()).contains("Users.Email\"X"));
        }

        @Test
        void lint_unparsableStatement_namesItsLineAndLaterStatementsAreStillChecked() {
            List<Finding> f = findings("SELECT 1;\nFROBNICATE everything;\nALTER TABLE t DROP COLUMN c;\n");
            assertThat(f).filteredOn(x -> x.ruleId().equals("unparsable-statement")).singleElement()
                    .satisfies(x -> assertThat(x.line()).isEqualTo(2));
            assertThat(f).filteredOn(x -> x.ruleId().equals("drop-column")).singleElement()
                    .satisfies(x -> assertThat(x.line()).isEqualTo(3));
        }

        @Test
        void lint_flywayPlaceholders_parseAsNames() {
            List<Finding> f = findings("ALTER TABLE ${schema}.users DROP COLUMN legacy;\nCREATE INDEX ${idx} ON ${schema}.users (email);");
            assertThat(f).extracting(Finding::ruleId).contains("drop-column", "create-index-non-concurrently").doesNotContain("unparsable-statement");
        }

        @Test
        void lint_offendingToken_hasItsOwnColumn() {
            Finding f = findings("SET lock_timeout = '1s'; SET statement_timeout = '1s';\n  ALTER TABLE t ALTER COLUMN c SET NOT NULL;").stream()
                    .filter(x -> x.ruleId().equals("set-not-null-scans-table")).findFirst().orElseThrow();
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.column()).isEqualTo(17);
        }
    }

    @Nested
    class Names {
        @Test
        void of_flywayNames_readKindVersionAndDescription() {
            MigrationFile v = MigrationFile.of(Path.of("V1_2_3__add_users.sql"));
            assertThat(v.kind()).isEqualTo(MigrationKind.VERSIONED);
            assertThat(v.version()).isEqualTo("1.2.3");
            assertThat(v.description()).isEqualTo("add users");
            assertThat(MigrationFile.of(Path.of("U7__x.sql")).kind()).isEqualTo(MigrationKind.UNDO);
            assertThat(MigrationFile.of(Path.of("R__views.sql")).kind()).isEqualTo(MigrationKind.REPEATABLE);
            assertThat(MigrationFile.of(Path.of("schema.sql")).kind()).isEqualTo(MigrationKind.OTHER);
        }

        @Test
        void compareVersions_numericPartByPart() {
            assertThat(MigrationFile.compareVersions("1.2", "1.10")).isNegative();
            assertThat(MigrationFile.compareVersions("2", "1.99")).isPositive();
            assertThat(MigrationFile.compareVersions("1.0", "1")).isZero();
        }
    }
}
