package dev.gantry.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.cli.CliRun;
import dev.gantry.server.GantryServer;
import dev.gantry.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gantry segments list|set|delete against a real server on port 0. */
class SegmentsCommandTest {
    static final String ADMIN = "gat_cli-test-admin-token-0123456789abcdefghijklmnop";

    @TempDir
    Path dir;
    GantryServer server;

    @BeforeEach
    void start() {
        server = GantryServer.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withAdminToken(ADMIN), Clock.systemUTC());
        ApiClient.environment = Map.of("GANTRY_CONFIG_DIR", dir.resolve("config").toString());
        LoginCommand.tokenInput = () -> Optional.of(ADMIN);
        assertThat(CliRun.of("login", server.uri().toString()).exitCode()).isZero();
    }

    @AfterEach
    void stop() {
        server.close();
        ApiClient.environment = System.getenv();
    }

    @Test
    void setListDelete_segmentShownThenGone() throws Exception {
        Path segment = dir.resolve("beta.json");
        Files.writeString(segment, "{\"included\":[\"bob\",\"carol\"],\"rules\":[{\"id\":\"nl\",\"clauses\":"
                + "[{\"attribute\":\"country\",\"op\":\"in\",\"values\":[\"NL\"]}]}]}");
        CliRun set = CliRun.of("segments", "set", "beta-testers", "--env", "staging", "--file", segment.toString());
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).containsPattern("beta-testers\\s+v1\\s+2 included, 0 excluded, 1 rules");
        assertThat(CliRun.of("segments", "list", "--env", "staging").out()).contains("snapshot version 1").contains("beta-testers");
        assertThat(CliRun.of("segments", "list", "--env", "production").out()).contains("no segments");
        CliRun delete = CliRun.of("segments", "delete", "beta-testers", "--env", "staging");
        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(CliRun.of("segments", "list", "--env", "staging").out()).contains("no segments");
    }

    @Test
    void invalidSegment_usageErrorWithServerDetail() throws Exception {
        Path segment = dir.resolve("bad.json");
        Files.writeString(segment, "{\"includd\":[\"bob\"]}");
        CliRun run = CliRun.of("segments", "set", "beta", "--env", "staging", "--file", segment.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("422").contains("includd");
    }
}
