package dev.gantry.cli.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateLintCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private Path write(String name, String sql) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
        return file;
    }

    private Path safeDirectory() throws IOException {
        write("db/V1__init.sql", "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text);\n");
        write("db/V2__index.sql", "SET lock_timeout = '2s';\nSET statement_timeout = '5min';\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);\n");
        return dir.resolve("db");
    }

    @Nested
    class ExitCodes {
        @Test
        void lint_noBlockingFinding_exits0() throws IOException {
            Run r = run("migrate", "lint", safeDirectory().toString());
            assertThat(r.code()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("no point of no return").contains("2 files, 0 blocking");
        }

        @Test
        void lint_blockingFinding_exits3AndPrintsFileLineCol() throws IOException {
            Path file = write("V3__drop.sql", "SET lock_timeout = '2s';\nSET statement_timeout = '5min';\nALTER TABLE users DROP COLUMN IF EXISTS legacy;\n");
            Run r = run("migrate", "lint", file.toString());
            assertThat(r.code()).isEqualTo(3);
            assertThat(r.out()).contains(file + ":3:19: blocking drop-column: column users.legacy is dropped");
            assertThat(r.out()).contains("past V3, rolling the application back is unsafe");
        }

        @Test
        void lint_onlyWarnings_exits0() throws IOException {
            Path file = write("V1__t.sql", "CREATE TABLE t (name varchar(20));\n");
            Run r = run("migrate", "lint", file.toString());
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("warning prefer-text");
        }

        @Test
        void lint_missingPath_exits2WithOneSentence() {
            Run r = run("migrate", "lint", dir.resolve("nope").toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("does not exist").doesNotContain("Exception").doesNotContain("\tat ");
        }

        @Test
        void lint_badPgVersion_exits2() throws IOException {
            Run r = run("migrate", "lint", "--pg-version", "3", safeDirectory().toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("PostgreSQL version 3");
        }

        @Test
        void lint_noPath_exits2() {
            assertThat(run("migrate", "lint").code()).isEqualTo(2);
        }

        @Test
        void lint_unknownOutput_exits2() throws IOException {
            assertThat(run("migrate", "lint", "--output", "xml", safeDirectory().toString()).code()).isEqualTo(2);
        }
    }

    @Nested
    class Settings {
        @Test
        void lint_assumeInTransaction_flagsConcurrentlyInTransaction() throws IOException {
            Path db = safeDirectory();
            assertThat(run("migrate", "lint", db.toString()).out()).doesNotContain("concurrently-in-transaction");
            Run r = run("migrate", "lint", "--assume-in-transaction", db.toString());
            assertThat(r.code()).isEqualTo(3);
            assertThat(r.out()).contains("V2__index.sql:3:14: blocking concurrently-in-transaction");
        }

        @Test
        void lint_pgVersion10_flagsConstantDefault() throws IOException {
            Path file = write("V4__status.sql", "SET lock_timeout = '2s';\nSET statement_timeout = '5min';\nALTER TABLE orders ADD COLUMN IF NOT EXISTS status text DEFAULT 'new';\n");
            assertThat(run("migrate", "lint", file.toString()).code()).isZero();
            Run r = run("migrate", "lint", "--pg-version", "10", file.toString());
            assertThat(r.code()).isEqualTo(3);
            assertThat(r.out()).contains("add-column-rewrites-table");
        }

        @Test
        void lint_severalPaths_lintsAllInOneRun() throws IOException {
            Path db = safeDirectory();
            Path extra = write("other/V9__x.sql", "SELECT 1;\n");
            Run r = run("migrate", "lint", db.toString(), extra.toString());
            assertThat(r.out()).contains("3 files");
        }
    }

    @Nested
    class Outputs {
        private final ObjectMapper json = new ObjectMapper();

        @Test
        void lint_outputJson_isTheDocumentedShape() throws IOException {
            Path file = write("V3__drop.sql", "ALTER TABLE users DROP COLUMN legacy;\n");
            Run r = run("migrate", "lint", "--output", "json", file.toString());
            assertThat(r.code()).isEqualTo(3);
            JsonNode root = json.readTree(r.out());
            assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
            assertThat(root.at("/summary/passed").asBoolean()).isFalse();
            assertThat(root.at("/pointOfNoReturn/migration").asText()).isEqualTo("V3");
            assertThat(root.get("findings").findValuesAsText("ruleId")).contains("drop-column", "missing-lock-timeout");
        }

        @Test
        void lint_outputSarif_isSarif210() throws IOException {
            Path file = write("V3__drop.sql", "ALTER TABLE users DROP COLUMN legacy;\n");
            Run r = run("migrate", "lint", "--output", "SARIF", file.toString());
            JsonNode root = json.readTree(r.out());
            assertThat(root.get("version").asText()).isEqualTo("2.1.0");
            assertThat(root.at("/runs/0/results/0/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(1);
            assertThat(root.at("/runs/0/tool/driver/rules").size()).isGreaterThan(40);
        }

        @Test
        void migrate_withoutSubcommand_printsUsageListingLint() {
            Run r = run("migrate");
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("lint");
        }
    }
}
