package dev.gantry.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.cli.CliRun;
import dev.gantry.server.GantryServer;
import dev.gantry.server.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gantry comms list|show|approve against a real server holding the invoicing example. */
class CommsCommandTest {
    static final String ADMIN = "gat_cli-comms-admin-token-0123456789abcdefghijklmnop";

    @TempDir
    Path dir;
    GantryServer server;
    String noor;

    @BeforeEach
    void start() {
        server = GantryServer.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data")).withAdminToken(ADMIN),
                Clock.fixed(Instant.parse("2027-02-01T12:00:00Z"), ZoneOffset.UTC));
        use(ADMIN);
        assertThat(CliRun.of("release", "push", CliRun.example("invoicing-launch")).exitCode()).isZero();
        noor = ApiClient.connect(Optional.empty()).post("/api/v1/tokens",
                Optional.of(Map.of("name", "noor.haddad", "scopes", List.of("read", "approve")))).path("token").asText();
    }

    void use(String token) {
        ApiClient.environment = Map.of("GANTRY_CONFIG_DIR", dir.resolve("config").toString(),
                "GANTRY_URL", server.uri().toString(), "GANTRY_TOKEN", token);
    }

    @AfterEach
    void stop() {
        ApiClient.environment = System.getenv();
        server.close();
    }

    @Test
    void listShowApprove_approvesWhatWasShown() {
        String plan = CliRun.example("invoicing-launch");
        CliRun list = CliRun.of("comms", "list", plan);
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).containsPattern("announcement +draft +2027-02-18T14:00:00Z +channel:email-customers +needs product-owner")
                .containsPattern("rollback-users +draft +on rollback +status-page");

        CliRun show = CliRun.of("comms", "show", plan, "launch-window");
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("Subject: Scheduled maintenance for the 2.0 launch",
                "On 2027-02-15 we upgrade Invoicing to 2.0.0. We expect no downtime.");
        String hash = show.out().lines().filter(l -> l.startsWith("Content hash: ")).findFirst().orElseThrow()
                .substring("Content hash: ".length());

        use(noor);
        CliRun stale = CliRun.of("comms", "approve", plan, "launch-window", "--hash", "sha256:0000");
        CliRun approved = CliRun.of("comms", "approve", plan, "launch-window", "--hash", hash);

        assertThat(stale.exitCode()).isEqualTo(2);
        assertThat(stale.err()).contains("changed since it was read");
        assertThat(approved.exitCode()).as(approved.err()).isZero();
        assertThat(approved.out()).isEqualTo("Approved 'launch-window' (" + hash + "); state: scheduled, due 2027-02-15T09:00:00Z.\n");
        assertThat(CliRun.of("comms", "list", plan).out()).containsPattern("launch-window +scheduled .*approved by noor.haddad");
    }
}
