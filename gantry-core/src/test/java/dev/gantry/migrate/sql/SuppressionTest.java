package dev.gantry.migrate.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SuppressionTest {

    private static List<String> ruleIds(String sql) {
        return MigrationLinter.lintSql("V1__s.sql", sql, LintSettings.defaults()).findings().stream().map(Finding::ruleId).toList();
    }

    @Nested
    class GantryAllow {
        @Test
        void allow_withReason_suppressesTheNextStatementOnly() {
            List<String> ids = ruleIds("""
                    -- gantry:allow drop-column because the column is unused since 1.0
                    ALTER TABLE t DROP COLUMN IF EXISTS a;
                    ALTER TABLE t DROP COLUMN IF EXISTS b;
                    """);
            assertThat(ids.stream().filter("drop-column"::equals)).hasSize(1);
            assertThat(ids).doesNotContain("invalid-suppression");
        }

        @Test
        void allow_withoutReason_isAFindingAndSuppressesNothing() {
            List<String> ids = ruleIds("-- gantry:allow drop-column\nALTER TABLE t DROP COLUMN c;");
            assertThat(ids).contains("invalid-suppression", "drop-column");
        }

        @Test
        void allow_emptyReason_isAFinding() {
            assertThat(ruleIds("-- gantry:allow drop-column because   \nALTER TABLE t DROP COLUMN c;")).contains("invalid-suppression", "drop-column");
        }

        @Test
        void allow_unknownRule_isAFinding() {
            LintReport report = MigrationLinter.lintSql("V1__s.sql", "-- gantry:allow drop-everything because yes\nSELECT 1;", LintSettings.defaults());
            assertThat(report.findings()).singleElement().satisfies(f -> {
                assertThat(f.ruleId()).isEqualTo("invalid-suppression");
                assertThat(f.message()).contains("drop-everything");
                assertThat(f.line()).isEqualTo(1);
            });
        }

        @Test
        void allow_squawkIdAndAtlasCode_mapToGantryRules() {
            assertThat(ruleIds("-- gantry:allow ban-drop-column because unused\nALTER TABLE t DROP COLUMN c;")).doesNotContain("drop-column");
            assertThat(ruleIds("-- gantry:allow BC102 because a view keeps the old name\nALTER TABLE t RENAME COLUMN a TO b;")).doesNotContain("rename-column");
        }

        @Test
        void allow_severalRules_suppressesEach() {
            List<String> ids = ruleIds("-- gantry:allow drop-column, missing-lock-timeout because maintenance window\nALTER TABLE t DROP COLUMN c;");
            assertThat(ids).doesNotContain("drop-column", "missing-lock-timeout").contains("missing-statement-timeout");
        }

        @Test
        void allowFile_appliesToEveryStatement() {
            List<String> ids = ruleIds("""
                    SELECT 1;
                    -- gantry:allow-file prefer-robust-ddl because this file always runs in a transaction
                    CREATE TABLE a (id bigint);
                    CREATE TABLE b (id bigint);
                    """);
            assertThat(ids).doesNotContain("prefer-robust-ddl");
        }

        @Test
        void allow_blockComment_works() {
            assertThat(ruleIds("/* gantry:allow drop-column because unused */ ALTER TABLE t DROP COLUMN c;")).doesNotContain("drop-column");
        }
    }

    @Nested
    class ForeignDirectives {
        @Test
        void atlasNolint_analyzerName_suppressesAndWarns() {
            List<String> ids = ruleIds("-- atlas:nolint destructive\nALTER TABLE users ADD COLUMN age int NOT NULL, DROP COLUMN name;");
            assertThat(ids).doesNotContain("drop-column").contains("add-required-column", "foreign-suppression");
        }

        @Test
        void atlasNolint_bare_suppressesEverythingOnTheStatement() {
            List<String> ids = ruleIds("-- atlas:nolint\nALTER TABLE users DROP COLUMN name;");
            assertThat(ids).containsExactly("foreign-suppression");
        }

        @Test
        void squawkIgnore_rule_suppresses() {
            List<String> ids = ruleIds("-- squawk-ignore ban-drop-column\nALTER TABLE users DROP COLUMN name;");
            assertThat(ids).doesNotContain("drop-column").contains("foreign-suppression");
        }

        @Test
        void foreignSuppression_isAWarningNotBlocking() {
            LintReport report = MigrationLinter.lintSql("V1__s.sql", "SET lock_timeout = '1s';\n-- atlas:nolint\nALTER TABLE users DROP COLUMN name;", LintSettings.defaults());
            assertThat(report.hasBlockingFindings()).isFalse();
        }
    }
}
