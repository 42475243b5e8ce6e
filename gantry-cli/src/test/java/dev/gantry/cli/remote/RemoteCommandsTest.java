package dev.gantry.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.cli.CliRun;
import dev.gantry.server.GantryServer;
import dev.gantry.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** login, release push, flags and audit verify against a real server on port 0. */
class RemoteCommandsTest {
    static final String ADMIN = "gat_cli-test-admin-token-0123456789abcdefghijklmnop";

    @TempDir
    Path dir;
    GantryServer server;
    String url;

    @BeforeEach
    void start() {
        server = GantryServer.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withAdminToken(ADMIN), Clock.systemUTC());
        url = server.uri().toString();
        ApiClient.environment = Map.of("GANTRY_CONFIG_DIR", dir.resolve("config").toString());
        LoginCommand.tokenInput = () -> Optional.of(ADMIN);
    }

    @AfterEach
    void stop() {
        server.close();
        ApiClient.environment = System.getenv();
    }

    void login() {
        CliRun run = CliRun.of("login", url);
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Nested
    class Login {
        @Test
        void login_validToken_storedPrivately() throws Exception {
            CliRun run = CliRun.of("login", url);
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("Logged in to " + url).contains("admin").doesNotContain(ADMIN);
            Path file = dir.resolve("config/credentials.properties");
            assertThat(Files.readString(file)).contains(ADMIN);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }

        @Test
        void login_wrongToken_refusedNothingStored() {
            LoginCommand.tokenInput = () -> Optional.of("gat_wrong");
            CliRun run = CliRun.of("login", url);
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("401").doesNotContain("gat_wrong");
            assertThat(Files.exists(dir.resolve("config/credentials.properties"))).isFalse();
        }

        @Test
        void commandWithoutLogin_usageError() {
            CliRun run = CliRun.of("flags", "list", "--env", "staging");
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("gantry login");
        }
    }

    @Nested
    class ReleasePush {
        @Test
        void push_examplePlan_revisionThenUnchanged() {
            login();
            CliRun run = CliRun.of("release", "push", CliRun.example("platform-v1.2"));
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("Pushed platform 1.2.0 revision 1 (sha256 ")
                    .contains("Created flags in production (off): platform-1-2, stripe-2024-06-20, upstash-rate-limit");
            CliRun again = CliRun.of("release", "push", CliRun.example("platform-v1.2"));
            assertThat(again.out()).startsWith("Unchanged: platform 1.2.0 revision 1").doesNotContain("Created flags");
        }

        @Test
        void push_planWithTemplates_templatesReachServerAndRender() throws Exception {
            login();
            CliRun run = CliRun.of("release", "push", CliRun.example("invoicing-launch"));
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("with 5 communication templates.");
            var draft = ApiClient.connect(Optional.empty()).get("/api/v1/releases/Invoicing/2.0.0/communications/launch-window");
            assertThat(draft.path("problem").isMissingNode()).as(draft.toString()).isTrue();
            assertThat(draft.path("body").asText()).isEqualTo("On 2027-02-15 we upgrade Invoicing to 2.0.0. We expect no downtime.\n");
        }

        @Test
        void push_invalidPlan_problemsAndNothingPushed() throws Exception {
            login();
            Path plan = dir.resolve("release.yaml");
            Files.writeString(plan, "apiVersion: gantry/v1\nrelease: { product: shop }\n");
            CliRun run = CliRun.of("release", "push", plan.toString());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains(plan + ":2:");
            assertThat(CliRun.of("audit", "verify").out()).contains("1 entries");
        }
    }

    @Nested
    class GateReport {
        Path plan() throws Exception {
            Path plan = dir.resolve("shop/release.yaml");
            Files.createDirectories(plan.getParent());
            Files.writeString(plan, """
                    apiVersion: gantry/v1
                    release: { product: shop, version: 4.0.0, owner: dana, target: 2026-12-02 }
                    gates:
                      quality:
                        - { id: smoke, title: Manual smoke testing completed, check: { type: manual } }
                        - { id: demo, title: Demo, required: false, check: { type: manual } }
                    """);
            return plan;
        }

        @Test
        void gateRunReport_pushedPlan_runStoredWithServerVerdict() throws Exception {
            login();
            Path plan = plan();
            assertThat(CliRun.of("release", "push", plan.toString()).exitCode()).isZero();
            CliRun run = CliRun.of("gate", "run", plan.toString(), "--report");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
            assertThat(run.out()).contains("reported: run 1 of shop 4.0.0 revision 1 on the server, verdict there: NO-GO");
            var latest = ApiClient.connect(Optional.empty()).get("/api/v1/releases/shop/4.0.0/gate-runs/latest");
            assertThat(latest.path("origin").asText()).isEqualTo("cli");
            assertThat(latest.path("items").get(0).path("status").asText()).isEqualTo("PENDING");
        }

        @Test
        void gateRunReport_planNotPushed_saysPushFirst() throws Exception {
            login();
            Path plan = plan();
            assertThat(CliRun.of("release", "push", plan.toString()).exitCode()).isZero();
            Files.writeString(plan, Files.readString(plan) + "# edited after the push\n");
            CliRun run = CliRun.of("gate", "run", plan.toString(), "--report");
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("push the plan the run used first");
        }

        @Test
        void gateRunReportWithOnly_usageError() throws Exception {
            CliRun run = CliRun.of("gate", "run", plan().toString(), "--report", "--only", "quality");
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("--report needs the whole checklist");
        }
    }

    @Nested
    class DeployReport {
        Path plan() throws Exception {
            Path plan = dir.resolve("web/release.yaml");
            Files.createDirectories(plan.getParent());
            Files.writeString(plan, """
                    apiVersion: gantry/v1
                    release: { product: web, version: 2.1.0, previous: 2.0.0, owner: dana, target: 2026-12-02 }
                    deploy:
                      stages:
                        - name: staging
                          steps:
                            - { name: Ship, run: "echo shipping ${release.version}" }
                    rollback:
                      steps:
                        - { name: Revert, run: "echo reverting to ${release.previous} && exit 7" }
                    """);
            return plan;
        }

        @Test
        void deployAndRollbackReport_runsStoredWithTheirLogs() throws Exception {
            login();
            Path plan = plan();
            assertThat(CliRun.of("release", "push", plan.toString()).exitCode()).isZero();

            CliRun deploy = CliRun.of("deploy", plan.toString(), "--stage", "staging", "--report");
            CliRun rollback = CliRun.of("rollback", plan.toString(), "--yes", "--approver", "dana", "--report");

            assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
            assertThat(deploy.out()).contains("shipping 2.1.0").contains("reported: deploy run 1 of web 2.1.0 revision 1 on the server");
            assertThat(rollback.exitCode()).as("the failed step decides the exit code").isEqualTo(1);
            assertThat(rollback.out()).contains("reported: rollback run 2 of web 2.1.0 revision 1 on the server");
            var runs = ApiClient.connect(Optional.empty()).get("/api/v1/releases/web/2.1.0/deploy-runs").path("runs");
            assertThat(runs).hasSize(2);
            assertThat(runs.get(0).path("kind").asText()).isEqualTo("deploy");
            assertThat(runs.get(0).path("succeeded").asBoolean()).isTrue();
            assertThat(runs.get(1).path("kind").asText()).isEqualTo("rollback");
            assertThat(runs.get(1).path("succeeded").asBoolean()).isFalse();
            var full = ApiClient.connect(Optional.empty()).get("/api/v1/releases/web/2.1.0/deploy-runs/1");
            assertThat(full.path("log").path("steps").get(0).path("step").asText()).isEqualTo("Ship");
        }

        @Test
        void deployReport_planNotPushed_runStaysLocalAndExitsOne() throws Exception {
            login();
            Path plan = plan();

            CliRun deploy = CliRun.of("deploy", plan.toString(), "--stage", "staging", "--report");

            assertThat(deploy.exitCode()).isEqualTo(1);
            assertThat(deploy.out()).contains("run log: ");
            assertThat(deploy.err()).contains("gantry: the run log was not reported:");
        }
    }

    @Nested
    class Flags {
        @Test
        void setListRolloutKill_visibleInList() throws Exception {
            login();
            Path flag = dir.resolve("flag.json");
            Files.writeString(flag, """
                    {"type":"boolean","on":true,"salt":"s","variations":[{"name":"on","value":true},{"name":"off","value":false}],
                     "offVariation":"off","fallthrough":{"variation":"off"}}""");
            assertThat(CliRun.of("flags", "set", "new-checkout", "--env", "production", "--file", flag.toString()).exitCode()).isZero();
            CliRun rollout = CliRun.of("flags", "rollout", "new-checkout", "12.5", "--env", "production");
            assertThat(rollout.exitCode()).as(rollout.err()).isZero();
            assertThat(rollout.out()).contains("on 12.5% / off 87.5%");
            CliRun kill = CliRun.of("flags", "kill", "new-checkout", "--env", "production");
            assertThat(kill.out()).contains("OFF");
            CliRun list = CliRun.of("flags", "list", "--env", "production");
            assertThat(list.out()).contains("snapshot version 3").containsPattern("new-checkout\\s+v3\\s+OFF");
            assertThat(CliRun.of("flags", "list", "--env", "staging").out()).contains("no flags");
        }

        @Test
        void invalidFlag_usageErrorWithServerDetail() throws Exception {
            login();
            Path flag = dir.resolve("flag.json");
            Files.writeString(flag, "{\"type\":\"boolean\",\"on\":true}");
            CliRun run = CliRun.of("flags", "set", "broken", "--env", "production", "--file", flag.toString());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("422").contains("$.flags[0]");
        }

        @Test
        void unknownEnvironment_usageError() {
            login();
            CliRun run = CliRun.of("flags", "list", "--env", "moon");
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("production, staging").doesNotContain(ADMIN);
        }
    }

    @Nested
    class AuditVerify {
        @Test
        void verify_serverAndOffline_intactThenBrokenAfterTampering() throws Exception {
            login();
            CliRun.of("release", "push", CliRun.example("platform-v1.2"));
            CliRun.of("flags", "set", "f", "--env", "staging", "--on");
            CliRun viaServer = CliRun.of("audit", "verify");
            assertThat(viaServer.exitCode()).isZero();
            // push, its templates, the plan's 3 flags created in 2 environments, the flag set
            assertThat(viaServer.out()).contains("intact: 9 entries");
            String db = "jdbc:sqlite:" + dir.resolve("data/gantry.db");
            assertThat(CliRun.of("audit", "verify", "--database-url", db).exitCode()).isZero();
            try (var c = DriverManager.getConnection(db); var st = c.createStatement()) {
                st.execute("UPDATE audit_log SET after_state = replace(after_state, 'platform', 'p1atform') WHERE seq = 2");
            }
            CliRun broken = CliRun.of("audit", "verify");
            assertThat(broken.exitCode()).isEqualTo(3);
            assertThat(broken.err()).contains("BROKEN at entry 2");
            CliRun offline = CliRun.of("audit", "verify", "--data-dir", dir.resolve("data").toString());
            assertThat(offline.exitCode()).isEqualTo(3);
        }
    }
}
