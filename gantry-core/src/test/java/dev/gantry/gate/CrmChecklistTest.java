package dev.gantry.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.plan.ReleasePlan;
import dev.gantry.testing.PrometheusServer;
import dev.gantry.testing.TestHttpServer;
import dev.gantry.testing.TestHttpServer.Answer;
import dev.gantry.testing.TestPlans;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The CRM 1.0 go/no-go checklist (seed 001) against a fake CRM app on a real HTTP server, real
 * report files and a real Prometheus scraping the app.
 */
class CrmChecklistTest {
    private static TestHttpServer app;
    private static PrometheusServer prometheus;
    private static ReleasePlan plan;

    @BeforeAll
    static void start() {
        app = TestHttpServer.start()
                .on("/api/auth/login", exchange -> Answer.of(429, "{\"error\":\"too many attempts\"}"))
                .on("/api/admin/keys", exchange -> Answer.of(403, "{\"error\":\"forbidden\"}"))
                .on("/api/contacts", exchange -> Answer.of(403, "{\"error\":\"csrf token missing\"}"))
                .on("/api/boom", exchange -> Answer.of(500, "{\"error\":\"internal error\"}"))
                .on("/api/health", exchange -> Answer.of(200, "{\"status\":\"ok\",\"db\":\"up\"}"))
                .on("/api/session/config", exchange -> Answer.of(200, "{\"maxAgeSeconds\":86400}"))
                .on("/metrics", exchange -> Answer.of(200, "# TYPE crm_sentry_events_sent_total counter\n"
                        + "crm_sentry_events_sent_total{env=\"staging\"} 3\n"))
                .on("/", exchange -> new Answer(200, "<html>crm</html>", Map.of(
                        "Strict-Transport-Security", "max-age=31536000; includeSubDomains",
                        "Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'",
                        "X-Content-Type-Options", "nosniff",
                        "Referrer-Policy", "strict-origin-when-cross-origin")));
        prometheus = PrometheusServer.scraping(app.url() + "/metrics");
        prometheus.awaitQuery("crm_sentry_events_sent_total");
        plan = TestPlans.load(TestPlans.resource("/gate/crm/release.yaml"));
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (app != null) {
            app.close();
        }
    }

    private static GateEngine engine() {
        Map<String, String> variables = Map.of("APP_URL", app.url(), "PROMETHEUS_URL", prometheus.url());
        return GateEngine.builder().variables(name -> Optional.ofNullable(variables.get(name)))
                .commandsAllowed(true).build();
    }

    private static List<String> ids(List<ItemResult> results) {
        return results.stream().map(result -> result.item().id()).toList();
    }

    @Nested
    class Unmarked {
        @Test
        void run_noMarks_isNoGoListingPendingManualItemsAndTheEmptyRollbackDoc() {
            List<ItemResult> live = Collections.synchronizedList(new ArrayList<>());
            GateReport report = engine().run(plan, Optional.empty(), List.of(), List.of(), live::add);

            assertThat(report.verdict()).isEqualTo(Verdict.NO_GO);
            assertThat(ids(report.blocking()))
                    .containsExactly("structured-logging", "dashboard", "smoke", "rollback-doc");
            assertThat(live).hasSize(24);
            assertThat(report.results()).filteredOn(r -> r.status() == CheckStatus.PASS).extracting(r -> r.item().id())
                    .contains("session-secret", "rate-limit", "api-key-escalation", "security-headers", "csrf",
                            "error-sanitized", "transactions", "health", "sentry", "p0-bugs", "p1-security-bugs",
                            "auth-coverage", "e2e", "runbooks", "env-documented", "deploy-doc", "session-expiry",
                            "overall-coverage");
        }

        @Test
        void run_everyResult_carriesEvidenceForPassedAutomaticItems() {
            GateReport report = engine().run(plan, Optional.empty(), List.of(), List.of(), GateListener.NONE);

            ItemResult coverage = report.results().stream().filter(r -> r.item().id().equals("auth-coverage")).findFirst()
                    .orElseThrow();
            assertThat(coverage.result().evidence()).anyMatch(line -> line.contains("75.0%"));
            ItemResult sentry = report.results().stream().filter(r -> r.item().id().equals("sentry")).findFirst()
                    .orElseThrow();
            assertThat(sentry.result().reason()).contains("3");
        }

        @Test
        void run_onlyCategory_runsThatCategoryAlone() {
            GateReport report = engine().run(plan, Optional.of("security"), List.of(), List.of(), GateListener.NONE);

            assertThat(report.results()).extracting(ItemResult::category).containsOnly("security");
            assertThat(report.verdict()).isEqualTo(Verdict.GO);
        }

        @Test
        void run_envFileWithSecrets_neverShowsASecretValue() {
            GateReport report = engine().run(plan, Optional.empty(), List.of(), List.of(), GateListener.NONE);

            String everything = report.results().stream()
                    .map(r -> r.result().reason() + String.join("\n", r.result().evidence())).reduce("", String::concat);
            assertThat(everything).doesNotContain("0123456789abcdef").doesNotContain("crm:fixture")
                    .doesNotContain(app.url());
        }
    }

    @Nested
    class MarkedAndWaived {
        private final Instant now = Instant.now();
        private final List<Mark> marks = List.of(
                new Mark("structured-logging", "erin", now, "log sample: https://logs.example.com/q/123"),
                new Mark("dashboard", "erin", now, "https://grafana.example.com/d/crm"),
                new Mark("smoke", "quinn", now, "smoke test sheet row 14, all green"));

        @Test
        void run_manualItemsMarkedAndRollbackDocWaived_isGoWithWaivers() {
            Waiver waiver = new Waiver("rollback-doc", "rollback is the previous Vercel deployment; doc follows", "dana",
                    now.minus(1, ChronoUnit.HOURS), now.plus(2, ChronoUnit.DAYS));

            GateReport report = engine().run(plan, Optional.empty(), marks, List.of(waiver), GateListener.NONE);

            assertThat(report.verdict()).isEqualTo(Verdict.GO_WITH_WAIVERS);
            assertThat(report.waived()).extracting(w -> w.result().item().id()).containsExactly("rollback-doc");
            ItemResult smoke = report.results().stream().filter(r -> r.item().id().equals("smoke")).findFirst().orElseThrow();
            assertThat(smoke.result().evidence()).contains("done by: quinn");
        }

        @Test
        void run_waiverExpired_isNoGoAndListsTheExpiredWaiver() {
            Waiver expired = new Waiver("rollback-doc", "doc follows", "dana", now.minus(3, ChronoUnit.DAYS),
                    now.minus(1, ChronoUnit.DAYS));

            GateReport report = engine().run(plan, Optional.empty(), marks, List.of(expired), GateListener.NONE);

            assertThat(report.verdict()).isEqualTo(Verdict.NO_GO);
            assertThat(ids(report.blocking())).containsExactly("rollback-doc");
            assertThat(report.expiredWaivers()).containsExactly(expired);
        }
    }
}
