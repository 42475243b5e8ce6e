package dev.gantry.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gantry.cli.CliRun;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployCommandTest {
    @TempDir
    Path dir;

    private HttpServer app;
    private Path plan;

    @BeforeEach
    void start() throws Exception {
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        app.start();
    }

    @AfterEach
    void stop() {
        app.stop(0);
    }

    private void plan(LocalDate target, String gates) throws Exception {
        plan = dir.resolve("release.yaml");
        Files.writeString(plan, """
                apiVersion: gantry/v1
                release: { product: shop, version: 2.0.0, previous: 1.9.0, owner: olivia, target: %s }
                roles: { product-owner: { title: Product Owner, members: [pat] } }
                %s
                deploy:
                  healthUrl: "http://127.0.0.1:%d/health"
                  probeInterval: 100ms
                  zeroDowntime: true
                  stages:
                    - name: staging
                      steps:
                        - { name: Deploy to staging, run: "echo staging ${release.version}" }
                    - name: production
                      production: true
                      approval: product-owner
                      steps:
                        - { name: Deploy to production, run: "echo production ${release.version}" }
                        - { name: Verify, http: { url: "http://127.0.0.1:%d/health", expect: 200 } }
                rollback:
                  steps:
                    - { name: Back to previous, run: "echo back to ${release.previous}" }
                """.formatted(target, gates, app.getAddress().getPort(), app.getAddress().getPort()));
    }

    private static LocalDate farFromFreeze() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(60);
    }

    @Test
    void deploy_stagingOnly_runsWithoutTheGateAndStreamsOutput() throws Exception {
        plan(farFromFreeze(), "gates: { quality: [{ id: smoke, title: Smoke, check: { type: manual } }] }");

        CliRun run = CliRun.of("deploy", plan.toString(), "--stage", "staging");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("==> stage staging", "    | staging 2.0.0", "zero-downtime probe: ",
                "0 failed", "deploy of shop 2.0.0 succeeded");
        assertThat(run.out()).doesNotContain("checking the gate");
    }

    @Test
    void deploy_productionWithNoGo_isRefusedWithExitThree() throws Exception {
        plan(farFromFreeze(), "gates: { quality: [{ id: smoke, title: Smoke, check: { type: manual } }] }");

        CliRun run = CliRun.of("deploy", plan.toString(), "--yes", "--approver", "pat");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("gate verdict: NO-GO (blocking: smoke)");
        assertThat(run.err()).contains("Refused: stage 'production' touches production and the gate verdict is NO-GO");
        assertThat(run.out()).doesNotContain("==> stage");
    }

    @Test
    void deploy_productionWithSignOffOutstanding_isRefusedUntilSigned() throws Exception {
        plan(farFromFreeze(), "signoffs: [product-owner]");

        CliRun refused = CliRun.of("deploy", plan.toString(), "--yes", "--approver", "pat");
        CliRun signed = CliRun.of("signoff", plan.toString(), "product-owner", "--by", "pat");
        CliRun run = CliRun.of("deploy", plan.toString(), "--yes", "--approver", "pat");

        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).contains("sign-offs are outstanding for this plan revision: product-owner");
        assertThat(signed.exitCode()).isZero();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("sign-offs: all 1 in", "    | production 2.0.0");
    }

    @Test
    void deploy_productionInsideTheFreeze_isRefusedWithExitFour() throws Exception {
        plan(LocalDate.now(ZoneOffset.UTC).plusDays(2), "");

        CliRun run = CliRun.of("deploy", plan.toString(), "--stage", "production", "--yes", "--approver", "pat");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("code freeze is in force");
    }

    @Test
    void deploy_productionOverridden_runsAndRecordsTheReasonInTheRunLog() throws Exception {
        plan(LocalDate.now(ZoneOffset.UTC).plusDays(2), "");

        CliRun run = CliRun.of("deploy", plan.toString(), "--yes", "--approver", "pat", "--override-reason",
                "security fix CVE-2026-1234");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("override recorded: security fix CVE-2026-1234", "approved: Approve stage 'production'",
                "    | production 2.0.0", "ok Verify: GET");
        List<Path> logs;
        try (Stream<Path> files = Files.list(dir.resolve(".gantry/runs"))) {
            logs = files.toList();
        }
        assertThat(logs).hasSize(1);
        assertThat(logs.getFirst()).content().contains("security fix CVE-2026-1234").contains("\"approved by pat\"");
    }

    @Test
    void deploy_approvalWithoutTerminalOrYes_stopsAtTheApproval() throws Exception {
        plan(farFromFreeze(), "");

        CliRun run = CliRun.of("deploy", plan.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("cannot ask: Approve stage 'production'", "stage 'production' was not approved")
                .doesNotContain("| production 2.0.0");
    }

    @Test
    void rollback_runsTheRollbackSteps() throws Exception {
        plan(LocalDate.now(ZoneOffset.UTC).plusDays(2), "");

        CliRun run = CliRun.of("rollback", plan.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("==> stage rollback", "    | back to 1.9.0", "rollback of shop 2.0.0 succeeded");
    }
}
