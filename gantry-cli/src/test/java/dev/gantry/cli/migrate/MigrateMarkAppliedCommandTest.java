package dev.gantry.cli.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.cli.CliRun;
import dev.gantry.cli.remote.ApiClient;
import dev.gantry.server.GantryServer;
import dev.gantry.server.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gantry migrate mark-applied} against a real server, with the platform example (point of no return at V5). */
class MigrateMarkAppliedCommandTest {
    static final String ADMIN = "gat_cli-migrate-admin-token-0123456789abcdefghijk";

    @TempDir
    Path dir;
    GantryServer server;

    @BeforeEach
    void start() {
        server = GantryServer.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withAdminToken(ADMIN), Clock.systemUTC());
        ApiClient.environment = Map.of("GANTRY_URL", server.uri().toString(), "GANTRY_TOKEN", ADMIN,
                "GANTRY_CONFIG_DIR", dir.resolve("config").toString());
        assertThat(CliRun.of("release", "push", CliRun.example("platform-v1.2")).exitCode()).isZero();
    }

    @AfterEach
    void stop() {
        server.close();
        ApiClient.environment = System.getenv();
    }

    @Test
    void markApplied_beforePointOfNoReturn_recordedWithoutWarning() {
        CliRun run = CliRun.of("migrate", "mark-applied", CliRun.example("platform-v1.2"), "4");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Marked V4 (V4__invoice_lookup_index.sql, expand) applied to production for platform 1.2.0.")
                .doesNotContain("point of no return");
    }

    @Test
    void markApplied_pointOfNoReturn_warnsWithGuidance() {
        CliRun run = CliRun.of("migrate", "mark-applied", CliRun.example("platform-v1.2"), "V5");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Marked V5 (V5__rename_plan_to_price.sql, ")
                .contains("past its point of no return").contains("  - ");
    }

    @Test
    void markApplied_unknownMigration_usageErrorNamingTheKnownOnes() {
        CliRun run = CliRun.of("migrate", "mark-applied", CliRun.example("platform-v1.2"), "V9");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no migration V9").contains("V5");
    }

    @Test
    void markApplied_notAVersion_usageError() {
        CliRun run = CliRun.of("migrate", "mark-applied", CliRun.example("platform-v1.2"), "latest");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'latest' is not a migration version");
    }
}
