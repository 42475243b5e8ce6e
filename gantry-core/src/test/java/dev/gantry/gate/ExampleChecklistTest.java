package dev.gantry.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.plan.ReleasePlan;
import dev.gantry.testing.PrometheusServer;
import dev.gantry.testing.TestHttpServer;
import dev.gantry.testing.TestHttpServer.Answer;
import dev.gantry.testing.TestPlans;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole go/no-go checklist of examples/gonthia-crm-1.0 runs: automatic items against a fake
 * Gonthia app on a real HTTP server, the example's report files and a real Prometheus with
 * load-test metrics; manual items pending until marked.
 */
class ExampleChecklistTest {
    private static TestHttpServer app;
    private static PrometheusServer prometheus;
    private static ReleasePlan plan;
    private static final AtomicInteger SCRAPES = new AtomicInteger();

    @BeforeAll
    static void start() {
        app = TestHttpServer.start()
                .on("/api/health", exchange -> Answer.of(200, "{\"status\":\"ok\",\"rateLimit\":\"active\"}"))
                .on("/api/contacts", exchange -> exchange.getRequestURI().getPath().equals("/api/contacts")
                        ? Answer.of(403, "{\"error\":\"invalid csrf token\"}")
                        : Answer.of(400, "{\"error\":\"contact id must be a number\"}"))
                .on("/metrics", exchange -> Answer.of(200, loadTestMetrics(SCRAPES.incrementAndGet())))
                .on("/", exchange -> new Answer(200, "<html>Gonthia</html>", Map.of(
                        "Strict-Transport-Security", "max-age=63072000; includeSubDomains; preload",
                        "Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'",
                        "X-Content-Type-Options", "nosniff",
                        "X-Frame-Options", "DENY",
                        "Referrer-Policy", "strict-origin-when-cross-origin")));
        prometheus = PrometheusServer.scraping(app.url() + "/metrics", "loadtest");
        prometheus.awaitQuery("sum(rate(http_requests_total{job=\"loadtest\"}[10m])) > 0");
        plan = TestPlans.load(Path.of("..", "examples", "gonthia-crm-1.0", "release.yaml"));
    }

    /** A load test in progress: 90% of requests under 0.5s, 99% under 1s, 2% errors (warning, not pass). */
    private static String loadTestMetrics(int n) {
        return """
                # TYPE http_request_duration_seconds histogram
                http_request_duration_seconds_bucket{le="0.5"} %d
                http_request_duration_seconds_bucket{le="1"} %d
                http_request_duration_seconds_bucket{le="+Inf"} %d
                http_request_duration_seconds_count %d
                # TYPE http_requests_total counter
                http_requests_total{code="200"} %d
                http_requests_total{code="500"} %d
                """.formatted(n * 900, n * 990, n * 1000, n * 1000, n * 980, n * 20);
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
        return engine(app.url());
    }

    private static GateEngine engine(String gonthiaUrl) {
        Map<String, String> variables = new HashMap<>();
        variables.put("GONTHIA_URL", gonthiaUrl);
        variables.put("PROMETHEUS_URL", prometheus.url());
        variables.put("SESSION_SECRET", "fixture-session-secret-0123456789abcdef");
        variables.put("DATABASE_URL", "postgres://crm:pw@pooler.supabase.example:6543/crm");
        variables.put("SENTRY_DSN", "https://key@o1.ingest.sentry.example/1");
        variables.put("NEXT_PUBLIC_SENTRY_DSN", "https://pub@o1.ingest.sentry.example/1");
        variables.put("UPSTASH_REDIS_REST_URL", "https://eu1.upstash.example");
        variables.put("UPSTASH_REDIS_REST_TOKEN", "fixture-token");
        variables.put("NEXT_PUBLIC_APP_URL", "https://app.gonthia.com");
        return GateEngine.builder().variables(name -> Optional.ofNullable(variables.get(name))).build();
    }

    private static ItemResult item(GateReport report, String id) {
        return report.results().stream().filter(r -> r.item().id().equals(id)).findFirst().orElseThrow();
    }

    private static final List<String> MANUAL_REQUIRED = List.of("sentry", "structured-logging",
            "monitoring-dashboard", "smoke", "db-backup", "migrations-staging", "rollback-tested", "oncall-ready",
            "communication-sent", "monitoring-configured");
    private static final List<String> COMMANDS = List.of("full-test-suite", "acceptance-tests", "security-scan");

    @Test
    void run_wholeChecklistUnmarked_isNoGoBlockedByManualItemsAndCommandsOnly() {
        GateReport report = engine().run(plan, Optional.empty(), List.of(), List.of(), GateListener.NONE);

        assertThat(report.results()).hasSize((int) plan.gateItems().count());
        assertThat(report.verdict()).isEqualTo(Verdict.NO_GO);
        assertThat(report.blocking()).extracting(r -> r.item().id())
                .containsExactlyInAnyOrderElementsOf(concat(MANUAL_REQUIRED, COMMANDS));
        assertThat(report.blocking()).filteredOn(r -> MANUAL_REQUIRED.contains(r.item().id()))
                .allMatch(r -> r.status() == CheckStatus.PENDING);
        assertThat(item(report, "load-test").status()).isEqualTo(CheckStatus.WARN);
        assertThat(item(report, "load-test").result().reason()).startsWith("score 83.3%");
        assertThat(item(report, "auth-coverage").result().reason()).contains("85.7%");
        assertThat(item(report, "migrations-lint").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void run_manualItemsMarkedAndCommandsWaived_isGoWithWaivers() {
        Instant now = Instant.now();
        List<Mark> marks = MANUAL_REQUIRED.stream().map(id -> new Mark(id, "daniel.kim", now, "checked in staging")).toList();
        List<Waiver> waivers = COMMANDS.stream().map(id -> new Waiver(id, "ran in CI pipeline #812", "priya.raman",
                now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.DAYS))).toList();

        GateReport report = engine().run(plan, Optional.empty(), marks, waivers, GateListener.NONE);

        assertThat(report.verdict()).isEqualTo(Verdict.GO_WITH_WAIVERS);
        assertThat(report.waived()).extracting(w -> w.result().item().id()).containsExactlyElementsOf(COMMANDS);
    }

    @Test
    void run_appUnreachable_failsTheHttpItemsSayingSoAndStillDecides() throws java.io.IOException {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        GateReport report = engine("http://127.0.0.1:" + closed).run(plan, Optional.of("security"), List.of(), List.of(),
                GateListener.NONE);

        assertThat(report.verdict()).isEqualTo(Verdict.NO_GO);
        assertThat(report.blocking()).extracting(r -> r.item().id())
                .containsExactly("rate-limiting", "security-headers", "csrf", "sanitized-errors");
        assertThat(report.blocking()).allMatch(r -> r.result().reason().contains("unreachable"));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
