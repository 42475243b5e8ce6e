package dev.gantry.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
    @TempDir
    Path dir;

    @BeforeEach
    void cleanEnvironment() {
        ServeCommand.environment = Map.of();
    }

    @AfterEach
    void restoreEnvironment() {
        ServeCommand.environment = System.getenv();
    }

    @Nested
    class FirstStart {
        @Test
        void serve_newDataDir_printsUrlAndOneTimeToken() {
            CliRun run = CliRun.of("serve", "--port", "0", "--data-dir", dir.toString(), "--exit-after-start");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).containsPattern("listening at http://127\\.0\\.0\\.1:\\d+/");
            assertThat(run.out()).containsPattern("gat_[A-Za-z0-9_-]{43}");
            assertThat(Files.exists(dir.resolve("gantry.db"))).isTrue();

            CliRun again = CliRun.of("serve", "--port", "0", "--data-dir", dir.toString(), "--exit-after-start");
            assertThat(again.exitCode()).isZero();
            assertThat(again.out()).doesNotContain("gat_").doesNotContain("Admin token");
        }

        @Test
        void serve_adminTokenFromEnvironment_noTokenPrinted() {
            ServeCommand.environment = Map.of("GANTRY_ADMIN_TOKEN", "gat_from-the-environment-0123456789012345678901");
            CliRun run = CliRun.of("serve", "--port", "0", "--data-dir", dir.toString(), "--exit-after-start");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out() + run.err()).doesNotContain("gat_");
        }
    }

    @Nested
    class Configuration {
        @Test
        void serve_flagBeatsEnvironmentBeatsFile() throws Exception {
            Path file = dir.resolve("gantry.properties");
            Files.writeString(file, "data-dir=" + dir.resolve("from-file") + "\nport=0\n");
            ServeCommand.environment = Map.of("GANTRY_DATA_DIR", dir.resolve("from-env").toString());
            CliRun run = CliRun.of("serve", "--config", file.toString(), "--exit-after-start");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(Files.exists(dir.resolve("from-env/gantry.db"))).isTrue();
            assertThat(Files.exists(dir.resolve("from-file"))).isFalse();
            CliRun flag = CliRun.of("serve", "--config", file.toString(), "--data-dir", dir.resolve("from-flag").toString(),
                    "--exit-after-start");
            assertThat(flag.exitCode()).isZero();
            assertThat(Files.exists(dir.resolve("from-flag/gantry.db"))).isTrue();
        }

        @Test
        void serve_badPort_usageError() {
            ServeCommand.environment = Map.of("GANTRY_PORT", "eighty");
            CliRun run = CliRun.of("serve", "--data-dir", dir.toString(), "--exit-after-start");
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("port must be a number");
        }

        @Test
        void serve_missingConfigFile_usageError() {
            CliRun run = CliRun.of("serve", "--config", dir.resolve("nope.properties").toString(), "--exit-after-start");
            assertThat(run.exitCode()).isEqualTo(2);
        }

        @Test
        void serve_unreachableDatabase_errorWithoutPassword() {
            CliRun run = CliRun.of("serve", "--port", "0", "--database-url",
                    "jdbc:postgresql://127.0.0.1:1/none?user=u&password=hunter2", "--exit-after-start");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("Cannot open the database").doesNotContain("hunter2");
        }
    }
}
