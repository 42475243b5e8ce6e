package dev.gantry.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.plan.ReleasePlan;
import dev.gantry.testing.TestHttpServer;
import dev.gantry.testing.TestHttpServer.Answer;
import dev.gantry.testing.TestPlans;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateEngineTest {
    @TempDir
    Path dir;

    private static GateEngine engine(Map<String, String> variables) {
        return GateEngine.builder().variables(name -> Optional.ofNullable(variables.get(name))).build();
    }

    private static ItemResult only(GateReport report) {
        assertThat(report.results()).hasSize(1);
        return report.results().getFirst();
    }

    private GateReport runOne(String check, Map<String, String> variables) {
        ReleasePlan plan = TestPlans.write(dir, TestPlans.HEAD + "gates:\n  quality:\n    - { id: it, title: It, "
                + check + " }\n");
        return engine(variables).run(plan, Optional.empty(), List.of(), List.of(), GateListener.NONE);
    }

    @Nested
    class Failures {
        @Test
        void run_unreachableUrl_failsSayingUnreachableAndStillDecides() throws IOException {
            int closedPort;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            GateReport report = runOne("check: { type: http, url: \"http://127.0.0.1:" + closedPort + "/health\" }", Map.of());

            assertThat(only(report).status()).isEqualTo(CheckStatus.FAIL);
            assertThat(only(report).result().reason()).contains("unreachable");
            assertThat(report.verdict()).isEqualTo(Verdict.NO_GO);
        }

        @Test
        void run_serverSlowerThanTheItemTimeout_failsNamingTheTimeout() {
            CountDownLatch release = new CountDownLatch(1);
            try (TestHttpServer slow = TestHttpServer.start().on("/", exchange -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Answer.of(200, "late");
            })) {
                GateReport report = runOne("timeout: 1s, check: { type: http, url: \"" + slow.url() + "/\" }", Map.of());

                assertThat(only(report).status()).isEqualTo(CheckStatus.FAIL);
                assertThat(only(report).result().reason()).contains("within 1s");
            } finally {
                release.countDown();
            }
        }

        @Test
        void run_malformedJacocoReport_failsSayingMalformed() throws IOException {
            Files.writeString(dir.resolve("jacoco.xml"), "<report name=\"x\"><counter type=\"LINE\" missed=");

            GateReport report = runOne("check: { type: coverage, report: jacoco.xml, min: 50 }", Map.of());

            assertThat(only(report).status()).isEqualTo(CheckStatus.FAIL);
            assertThat(only(report).result().reason()).contains("jacoco.xml is malformed");
        }

        @Test
        void run_missingCoverageReport_failsSayingItDoesNotExist() {
            GateReport report = runOne("check: { type: coverage, report: target/jacoco.xml, min: 50 }", Map.of());

            assertThat(only(report).result().reason()).contains("target/jacoco.xml does not exist");
        }

        @Test
        void run_junitReportThatIsNotJunit_failsNamingTheRoot() throws IOException {
            Files.writeString(dir.resolve("TEST-x.xml"), "<coverage/>");

            GateReport report = runOne("check: { type: junit, reports: [TEST-x.xml] }", Map.of());

            assertThat(only(report).result().reason()).contains("not JUnit XML").contains("<coverage>");
        }

        @Test
        void run_junitWithFailures_failsNamingTheFailedTests() throws IOException {
            Files.writeString(dir.resolve("TEST-a.xml"), """
                    <testsuite name="a" tests="2"><testcase classname="a.LoginTest" name="lockout"><failure message="x"/></testcase>
                    <testcase classname="a.LoginTest" name="ok"/></testsuite>""");

            GateReport report = runOne("check: { type: junit, reports: [TEST-a.xml] }", Map.of());

            assertThat(only(report).status()).isEqualTo(CheckStatus.FAIL);
            assertThat(only(report).result().reason()).contains("1 of 2 tests failed").contains("a.LoginTest.lockout");
        }

        @Test
        void run_junitWithFewerTestsThanTheMinimum_fails() throws IOException {
            Files.writeString(dir.resolve("TEST-a.xml"), "<testsuite name=\"a\"><testcase classname=\"a\" name=\"b\"/></testsuite>");

            GateReport report = runOne("check: { type: junit, reports: [TEST-a.xml], minTests: 5 }", Map.of());

            assertThat(only(report).result().reason()).contains("only 1 tests ran, fewer than the minimum of 5");
        }

        @Test
        void run_reportWithExternalEntity_neverReadsTheReferencedFile() throws IOException {
            Path secret = dir.resolve("secret.txt");
            Files.writeString(secret, "TOP-SECRET-CONTENT");
            Files.writeString(dir.resolve("TEST-x.xml"), "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \""
                    + secret.toUri() + "\">]><testsuite name=\"s\"><testcase classname=\"c\" name=\"n&x;\">"
                    + "<failure/></testcase></testsuite>");

            GateReport report = runOne("check: { type: junit, reports: [TEST-x.xml] }", Map.of());

            ItemResult result = only(report);
            assertThat(result.result().reason() + result.result().evidence()).doesNotContain("TOP-SECRET-CONTENT");
        }

        @Test
        void run_urlVariableUnset_isAnErrorNamingTheVariable() {
            GateReport report = runOne("check: { type: http, url: \"${STAGING_URL}/health\" }", Map.of());

            assertThat(only(report).status()).isEqualTo(CheckStatus.ERROR);
            assertThat(only(report).result().reason()).contains("${STAGING_URL}").contains("not set");
        }

        @Test
        void run_prometheusAnsweringHtml_failsSayingItIsNotPrometheus() {
            try (TestHttpServer notPrometheus = TestHttpServer.start().on("/", exchange -> Answer.of(200, "<html>login</html>"))) {
                GateReport report = runOne("check: { type: prometheus, url: \"" + notPrometheus.url()
                        + "\", query: up, expect: \"== 1\" }", Map.of());

                assertThat(only(report).status()).isEqualTo(CheckStatus.FAIL);
                assertThat(only(report).result().reason()).contains("not JSON; is it a Prometheus server?");
            }
        }

        @Test
        void run_prometheusWithoutAnyUrl_isAnErrorSayingWhereToGiveIt() {
            GateReport report = runOne("check: { type: prometheus, query: up, expect: \"== 1\" }", Map.of());

            assertThat(only(report).status()).isEqualTo(CheckStatus.ERROR);
            assertThat(only(report).result().reason()).contains("GANTRY_PROMETHEUS_URL");
        }

        @Test
        void run_sqlLintWithoutMigrations_isAnErrorSayingWhatToGive() {
            GateReport report = runOne("check: { type: sql-lint }", Map.of());

            assertThat(only(report).status()).isEqualTo(CheckStatus.ERROR);
            assertThat(only(report).result().reason()).contains("no migrations to lint");
            assertThat(report.verdict()).isEqualTo(Verdict.NO_GO);
        }

        @Test
        void run_sqlLintOnABlockingMigration_failsNamingTheFileAndLine() throws IOException {
            Files.createDirectories(dir.resolve("db"));
            Files.writeString(dir.resolve("db/V2__index.sql"), "-- add an index\nCREATE INDEX idx_contacts_email ON contacts (email);\n");
            Files.writeString(dir.resolve("db/V1__init.sql"), "CREATE TABLE contacts (id bigint primary key, email text);\n");

            GateReport report = runOne("check: { type: sql-lint, paths: [db] }", Map.of());

            assertThat(only(report).status()).isEqualTo(CheckStatus.FAIL);
            assertThat(only(report).result().reason()).contains("blocking").contains("db/V2__index.sql:2:");
        }

        @Test
        void run_sqlLintWithBaseline_ignoresMigrationsOfEarlierReleases() throws IOException {
            Files.createDirectories(dir.resolve("db"));
            Files.writeString(dir.resolve("db/V1__init.sql"), "CREATE TABLE contacts (id bigint primary key, email text);\n");
            Files.writeString(dir.resolve("db/V2__index.sql"), "CREATE INDEX idx_contacts_email ON contacts (email);\n");
            ReleasePlan plan = TestPlans.write(dir, TestPlans.HEAD + """
                    migrations: { dir: db, dialect: postgresql, baseline: "2" }
                    gates:
                      quality:
                        - { id: lint, title: Migrations lock-safe, check: { type: sql-lint } }
                    """);

            GateReport report = engine(Map.of()).run(plan, Optional.empty(), List.of(), List.of(), GateListener.NONE);

            assertThat(only(report).status()).isEqualTo(CheckStatus.PASS);
            assertThat(only(report).result().evidence().getFirst()).contains("0 migrations in db after baseline 2");
        }

        @Test
        void run_commandWhereCommandsAreNotAllowed_isSkippedAndBlocks() {
            GateReport report = runOne("check: { type: command, run: \"true\" }", Map.of());

            assertThat(only(report).status()).isEqualTo(CheckStatus.SKIPPED);
            assertThat(report.verdict()).isEqualTo(Verdict.NO_GO);
        }

        @Test
        void run_unknownCategory_isRefusedNamingTheCategories() {
            ReleasePlan plan = TestPlans.write(dir, TestPlans.HEAD + "gates:\n  quality:\n    - { title: Smoke }\n");

            assertThatThrownBy(() -> engine(Map.of()).run(plan, Optional.of("secrity"), List.of(), List.of(),
                    GateListener.NONE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quality");
        }
    }

    @Nested
    class Checks {
        @Test
        void run_httpWithSecretInUrl_neverShowsTheResolvedUrl() {
            try (TestHttpServer app = TestHttpServer.start().on("/", exchange -> Answer.of(503, "down"))) {
                GateReport report = runOne("check: { type: http, url: \"${APP}/health?token=${TOKEN}\" }",
                        Map.of("APP", app.url(), "TOKEN", "s3cr3t-token"));

                String shown = only(report).result().reason() + only(report).result().evidence();
                assertThat(shown).contains("${TOKEN}").doesNotContain("s3cr3t-token");
                assertThat(only(report).result().reason()).contains("status 503, expected 200");
            }
        }

        @Test
        void run_headersMissingOrWeak_listsWhatIsMissingAndWhatIsWeak() {
            try (TestHttpServer app = TestHttpServer.start().on("/", exchange -> new Answer(200, "ok",
                    Map.of("Strict-Transport-Security", "max-age=300", "X-Content-Type-Options", "nosniff")))) {
                GateReport report = runOne("check: { type: http-headers, url: \"" + app.url() + "/\" }", Map.of());

                assertThat(only(report).status()).isEqualTo(CheckStatus.FAIL);
                assertThat(only(report).result().reason())
                        .contains("missing content-security-policy, x-frame-options, referrer-policy")
                        .contains("max-age 300 is under 180 days");
            }
        }

        @Test
        void run_bugsFromAnIssuesApiAcrossPages_countsOpenIssuesWithEveryLabel() {
            List<String> queries = Collections.synchronizedList(new ArrayList<>());
            try (TestHttpServer api = TestHttpServer.start()) {
                api.on("/repos/acme/shop/issues", exchange -> {
                    String query = exchange.getRequestURI().getQuery();
                    queries.add(query);
                    if (query.contains("page=2")) {
                        return Answer.of(200, "[{\"number\":7,\"title\":\"XSS in notes\",\"state\":\"open\","
                                + "\"labels\":[{\"name\":\"P1\"},{\"name\":\"security\"}]}]");
                    }
                    return new Answer(200, "[{\"number\":5,\"title\":\"Token in logs\",\"state\":\"open\","
                            + "\"labels\":[{\"name\":\"security\"},{\"name\":\"P1\"}]},"
                            + "{\"number\":6,\"title\":\"Slow list\",\"state\":\"open\",\"labels\":[{\"name\":\"P1\"}]}]",
                            Map.of("Link", "<" + api.url() + "/repos/acme/shop/issues?page=2>; rel=\"next\""));
                });
                GateReport report = runOne("check: { type: bugs, url: \"" + api.url()
                        + "/repos/acme/shop/issues\", labels: [P1, security], max: 0 }", Map.of());

                assertThat(only(report).status()).isEqualTo(CheckStatus.FAIL);
                assertThat(only(report).result().reason()).startsWith("2 open issues labelled P1 + security")
                        .contains("#5 Token in logs").contains("#7 XSS in notes");
                assertThat(queries.getFirst()).contains("state=open").contains("labels=P1,security");
            }
        }

        @Test
        void run_docsMissingEnvVariable_namesTheUndocumentedVariable() throws IOException {
            Files.writeString(dir.resolve("ENV.md"), "SESSION_SECRET_OLD is gone; see REDIS_URL.");
            ReleasePlan plan = TestPlans.write(dir, TestPlans.HEAD + """
                    environment:
                      SESSION_SECRET: { required: true }
                      REDIS_URL: { required: true }
                    gates:
                      documentation:
                        - { id: env-doc, title: Env documented, check: { type: docs, envDocumentedIn: ENV.md } }
                    """);

            GateReport report = engine(Map.of()).run(plan, Optional.empty(), List.of(), List.of(), GateListener.NONE);

            assertThat(only(report).result().reason()).isEqualTo("ENV.md does not document SESSION_SECRET");
        }

        @Test
        void run_commandExitingNonZero_failsWithTheExitCodeAndOutput() {
            ReleasePlan plan = TestPlans.write(dir, TestPlans.HEAD + "gates:\n  quality:\n    - { id: e2e, title: E2E, "
                    + "check: { type: command, run: \"echo 3 specs failed; exit 2\" } }\n");

            GateReport report = GateEngine.builder().commandsAllowed(true).build()
                    .run(plan, Optional.empty(), List.of(), List.of(), GateListener.NONE);

            assertThat(only(report).result().reason()).isEqualTo("the command exited with 2, expected 0");
            assertThat(only(report).result().evidence()).contains("| 3 specs failed");
        }

        @Test
        void run_commandOutlivingItsTimeout_failsAndTheCommandIsStopped() throws Exception {
            Path marker = dir.resolve("finished");
            ReleasePlan plan = TestPlans.write(dir, TestPlans.HEAD + "gates:\n  quality:\n    - { id: e2e, title: E2E, "
                    + "timeout: 1s, check: { type: command, run: \"sleep 3; touch finished\" } }\n");

            GateReport report = GateEngine.builder().commandsAllowed(true).build()
                    .run(plan, Optional.empty(), List.of(), List.of(), GateListener.NONE);
            Thread.sleep(3500);

            assertThat(only(report).status()).isEqualTo(CheckStatus.FAIL);
            assertThat(only(report).result().reason()).contains("within 1s");
            assertThat(marker).as("the stopped command never finished").doesNotExist();
        }

        @Test
        void run_envContractBroken_namesVariablesButNoValues() throws IOException {
            Files.writeString(dir.resolve("prod.env"), "SESSION_SECRET=short-secret-value\nPORT=99999\n");
            ReleasePlan plan = TestPlans.write(dir, TestPlans.HEAD + """
                    environment:
                      SESSION_SECRET: { required: true, secret: true, minLength: 32 }
                      PORT: { type: port }
                      REDIS_URL: { required: true, type: url }
                    gates:
                      security:
                        - { id: env, title: Env, check: { type: env, envFile: prod.env } }
                    """);

            GateReport report = engine(Map.of()).run(plan, Optional.empty(), List.of(), List.of(), GateListener.NONE);

            String reason = only(report).result().reason();
            assertThat(reason).contains("3 of 3 variables break the contract in env file prod.env",
                    "SESSION_SECRET shorter than the 32 characters", "PORT '99999' is not a port",
                    "REDIS_URL required but not set");
            assertThat(reason + only(report).result().evidence()).doesNotContain("short-secret-value");
        }
    }
}
