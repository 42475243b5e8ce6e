package dev.gantry.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.cli.CliRun;
import dev.gantry.server.GantryServer;
import dev.gantry.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gantry rollout start|status|watch|pause|resume|promote|abort} against a real server. */
class RolloutCommandsTest {
    static final String ADMIN = "gat_cli-rollout-admin-token-0123456789abcdefghij";

    @TempDir
    Path dir;
    GantryServer server;
    Path plan;

    @BeforeEach
    void start() throws Exception {
        server = GantryServer.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withAdminToken(ADMIN), Clock.systemUTC());
        ApiClient.environment = Map.of("GANTRY_URL", server.uri().toString(), "GANTRY_TOKEN", ADMIN,
                "GANTRY_CONFIG_DIR", dir.resolve("config").toString());
        plan = dir.resolve("release.yaml");
        Files.writeString(plan, """
                apiVersion: gantry/v1
                release: { product: shop, version: 3.0.0, owner: dana, target: 2026-12-02 }
                flags: [{ key: new-checkout }]
                rollout:
                  flag: new-checkout
                  phases:
                    - { name: canary, percent: 10, hold: 1s }
                    - { name: everyone, percent: 100 }
                  evaluationInterval: 1s
                """);
        Path flag = dir.resolve("flag.json");
        Files.writeString(flag, """
                {"type":"boolean","on":true,"salt":"new-checkout",
                 "variations":[{"name":"on","value":true},{"name":"off","value":false}],
                 "offVariation":"off","fallthrough":{"variation":"off"}}""");
        assertThat(CliRun.of("release", "push", plan.toString()).exitCode()).isZero();
        CliRun set = CliRun.of("flags", "set", "new-checkout", "--env", "production", "--file", flag.toString());
        assertThat(set.exitCode()).as(set.err()).isZero();
    }

    @AfterEach
    void stop() {
        server.close();
        ApiClient.environment = System.getenv();
    }

    @Test
    void start_withoutGoVerdict_refusedWithHowToProceed() {
        CliRun run = CliRun.of("rollout", "start", plan.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("has no gate run").contains("needs GO").contains("force");
    }

    @Test
    void startPauseResumeWatch_followsToCompletion() {
        CliRun started = CliRun.of("rollout", "start", plan.toString(), "--force");
        assertThat(started.exitCode()).as(started.err()).isZero();
        assertThat(started.out()).startsWith("shop 3.0.0 (revision 1) in production: running, flag new-checkout at 10%")
                .contains("canary       10% [").contains("everyone    100% [....................] pending");

        CliRun paused = CliRun.of("rollout", "pause", plan.toString(), "--reason", "looking at logs");
        assertThat(paused.out()).contains(": paused").contains("looking at logs");
        CliRun resumed = CliRun.of("rollout", "resume", plan.toString());
        assertThat(resumed.out()).contains(": running");

        CliRun watch = CliRun.of("rollout", "watch", plan.toString());

        assertThat(watch.exitCode()).as(watch.err()).isZero();
        assertThat(watch.out()).contains(": completed, flag new-checkout at 100%")
                .contains("everyone    100% [####################] done").doesNotContain("\u001b[");
        assertThat(CliRun.of("rollout", "status", plan.toString(), "--events").out())
                .contains("phase-entered").contains("completed");
    }

    @Test
    void abort_thenWatch_exitsThreeWithTheCause() {
        assertThat(CliRun.of("rollout", "start", plan.toString(), "--force").exitCode()).isZero();

        CliRun abort = CliRun.of("rollout", "abort", plan.toString(), "--reason", "checkout broken");
        CliRun watch = CliRun.of("rollout", "watch", plan.toString());

        assertThat(abort.out()).contains(": rolled-back, flag new-checkout at 0% (aborted by ").contains("checkout broken");
        assertThat(watch.exitCode()).isEqualTo(3);
        assertThat(CliRun.of("rollout", "promote", plan.toString()).err()).contains("rolled back");
    }

    @Test
    void status_noRollout_usageErrorSayingHowToStart() {
        CliRun run = CliRun.of("rollout", "status", plan.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("has no rollout").contains("gantry rollout start");
    }
}
