package dev.gantry.cli.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.cli.CliRun;
import dev.gantry.cli.remote.ApiClient;
import dev.gantry.server.GantryServer;
import dev.gantry.server.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewCommandTest {
    static final Path GOLDEN = Path.of("../gantry-core/src/test/resources/golden/review");

    @TempDir
    Path dir;

    @BeforeEach
    void noLogin() {
        ApiClient.environment = Map.of("GANTRY_CONFIG_DIR", dir.resolve("config").toString());
    }

    @AfterEach
    void restore() {
        ApiClient.environment = System.getenv();
    }

    @Nested
    class Offline {
        @Test
        void review_invoicingInputs_sameAsGoldenSuccess() throws Exception {
            CliRun run = CliRun.of("review", CliRun.example("invoicing-launch"), "--metric", "error-rate=0.4%",
                    "--metric", "email-delivery-rate=95%", "--metric", "upload-success=99%", "--metric", "invoices-created=620",
                    "--critical-bugs", "0");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).isEqualTo(Files.readString(GOLDEN.resolve("invoicing-launch.md"), StandardCharsets.UTF_8));
        }

        @Test
        void review_targetMissed_failedExit3AndWrittenToFile() throws Exception {
            Path out = dir.resolve("REVIEW.md");
            CliRun run = CliRun.of("review", CliRun.example("platform-v1.2"), "--metric", "upgrade-adoption=72%",
                    "--metric", "upgrade-tickets=4", "--critical-bugs", "1", "--output", out.toString());
            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.out()).isEqualTo("Wrote " + out + ": decision failed.\n");
            assertThat(Files.readString(out)).isEqualTo(Files.readString(GOLDEN.resolve("platform-v1.2.md")));
        }

        @Test
        void review_badInputs_usageErrorsNamingThem() {
            CliRun unknown = CliRun.of("review", CliRun.example("gonthia-crm-1.0"), "--metric", "nps=40");
            CliRun badValue = CliRun.of("review", CliRun.example("gonthia-crm-1.0"), "--metric", "availability=high");
            CliRun both = CliRun.of("review", CliRun.example("gonthia-crm-1.0"), "--metric", "availability=99%",
                    "--server", "http://127.0.0.1:1");
            assertThat(unknown.exitCode()).isEqualTo(2);
            assertThat(unknown.err()).contains("no success metric 'nps'; it has availability, error-rate");
            assertThat(badValue.exitCode()).isEqualTo(2);
            assertThat(badValue.err()).contains("must be a number");
            assertThat(both.exitCode()).isEqualTo(2);
            assertThat(both.err()).contains("Give one or the other");
        }
    }

    @Nested
    class AgainstServer {
        static final String ADMIN = "gat_cli-review-admin-token-0123456789abcdefghijklmnop";

        @Test
        void review_serverConfigured_usesServerData() throws Exception {
            try (GantryServer server = GantryServer.start(ServerConfig.defaults().withPort(0)
                    .withDataDir(dir.resolve("data")).withAdminToken(ADMIN), Clock.systemUTC())) {
                ApiClient.environment = Map.of("GANTRY_CONFIG_DIR", dir.resolve("config").toString(),
                        "GANTRY_URL", server.uri().toString(), "GANTRY_TOKEN", ADMIN);
                assertThat(CliRun.of("release", "push", CliRun.example("gonthia-crm-1.0")).exitCode()).isZero();
                ApiClient.connect(Optional.empty()).post("/api/v1/releases/Gonthia%20CRM/1.0.0/metrics/active-users",
                        Optional.of(Map.of("value", 75)));

                CliRun run = CliRun.of("review", CliRun.example("gonthia-crm-1.0"));

                assertThat(run.exitCode()).as(run.err()).isZero();
                assertThat(run.out()).contains("Data: server.", "| Active Users | >= 50 | 75 | pass | manual at ",
                        "## Decision: needs attention", "- Availability was not measured");
            }
        }
    }
}
