package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.flags.EvaluationContext;
import dev.gantry.flags.sdk.GantryClient;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.gantry.server.gate.OutboundHosts;
import dev.gantry.server.notify.Backoff;
import dev.gantry.server.notify.Notification;
import dev.gantry.server.notify.NotificationSettings;
import dev.gantry.server.notify.Receiver;
import dev.gantry.server.notify.SmtpSettings;
import dev.gantry.server.rollout.RolledBack;
import dev.gantry.testing.PrometheusServer;
import dev.gantry.testing.TestHttpServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollout controller end to end (issue 7's "done when"): a real Prometheus scraping a test
 * application whose error rate the test sets, the server driving the rollout flag, a streaming
 * SDK, rollback webhook and notification receivers.
 */
class RolloutEndToEndTest {
    static final String PATH = "/api/v1/releases/shop/2.0.0";
    static final String HOOK_TOKEN = "canary-hook-token-7f3a91";
    static final String PD_KEY = "canary-routing-key-55e0c2";
    static final Duration FOR = Duration.ofSeconds(3);
    static final Duration SCRAPE = Duration.ofSeconds(1);
    static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    TestServer server;
    final RecordingNotifier notifier = new RecordingNotifier();
    final List<RolledBack> rollbacks = new CopyOnWriteArrayList<>();
    final List<String> hookCalls = new CopyOnWriteArrayList<>();
    /** The Slack, PagerDuty and webhook receiver (paths /slack, /pagerduty, /hook). */
    Receiver receiver;
    GreenMail mail;
    final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    static String plan(String hold, String guards) {
        return """
                apiVersion: gantry/v1
                release: { product: shop, version: 2.0.0, owner: dana, target: 2026-12-02 }
                roles:
                  engineering-lead: { title: Engineering Lead, members: [erin] }
                flags: [{ key: new-checkout }]
                notifications:
                  slack: { type: slack, url: "${SLACK_URL}" }
                  pagerduty: { type: pagerduty, routingKey: "${PD_KEY}", url: "${PD_URL}" }
                  hook: { type: webhook, url: "${HOOK_URL}", secret: "${HOOK_SECRET}" }
                  email: { type: email, to: [ops@example.com], from: releases@example.com }
                rollout:
                  flag: new-checkout
                  phases:
                    - { name: canary, percent: 10, hold: %s }
                    - { name: half, percent: 50, hold: %s }
                    - { name: everyone, percent: 100 }
                %s
                  evaluationInterval: 1s
                rollback:
                  webhooks:
                    - { name: Deploy rollback, url: "${ROLLBACK_HOOK}", headers: { Authorization: "Bearer ${HOOK_TOKEN}" } }
                """.formatted(hold, hold, guards);
    }

    static String prometheusGuard() {
        return "  guards:\n    - { id: error-rate, source: prometheus, query: '" + TestApplication.errorRateQuery("5s")
                + "', when: \"> 5%\", for: " + FOR.toSeconds() + "s, action: rollback, notify: [pagerduty, slack] }";
    }

    /** As {@link #start(String, String, boolean)} with the recording notifier. */
    void start(String prometheusUrl, String plan) {
        start(prometheusUrl, plan, false);
    }

    /**
     * Starts the server with Prometheus at {@code prometheusUrl}, the plan pushed and the flag
     * serving the old variation; with {@code realNotifications} the server's own outbox delivers
     * to Slack, PagerDuty and webhook test receivers and GreenMail, else the recording notifier.
     */
    void start(String prometheusUrl, String plan, boolean realNotifications) {
        TestHttpServer hook = TestHttpServer.start().on("/rollback", exchange -> {
            hookCalls.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            return TestHttpServer.Answer.of(200, "{}");
        });
        closing.add(hook);
        receiver = new Receiver(200);
        closing.add(receiver);
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        closing.add(mail::stop);
        ServerWiring wiring = ServerWiring.defaults().withEnvironment(Map.of(
                "GANTRY_PROMETHEUS_URL", prometheusUrl, "ROLLBACK_HOOK", hook.url() + "/rollback",
                "HOOK_TOKEN", HOOK_TOKEN, "SLACK_URL", receiver.url("/slack"), "PD_KEY", PD_KEY,
                "PD_URL", receiver.url("/pagerduty"), "HOOK_URL", receiver.url("/hook"), "HOOK_SECRET", "canary-signing-secret"));
        if (!realNotifications) {
            wiring = wiring.withNotifier(notifier);
        }
        server = TestServer.start(TestServer.config("jdbc:sqlite:" + dir.resolve("gantry.db"), dir)
                .withAllowedOutboundHosts(OutboundHosts.parse("127.0.0.1"))
                .withNotifications(NotificationSettings.defaults()
                        .withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofHours(1)))
                        .withSmtp(new SmtpSettings("127.0.0.1", mail.getSmtp().getPort(), Optional.empty(),
                                Optional.empty(), Optional.of("gantry@example.com"), false))), wiring);
        server.server.rollbackListeners().register(rollbacks::add);
        assertThat(server.post("/api/v1/releases", TestServer.ADMIN, PersistenceTest.pushBody("release.yaml", plan))
                .status()).isEqualTo(201);
        TestServer.Response flag = server.put("/api/v1/environments/production/flags/new-checkout", TestServer.ADMIN, """
                {"type":"boolean","on":true,"salt":"new-checkout",
                 "variations":[{"name":"on","value":true},{"name":"off","value":false}],
                 "offVariation":"off","fallthrough":{"variation":"off"}}""");
        assertThat(flag.status()).as(flag.body()).isEqualTo(200); // the push created it (off); this replaces it
    }

    TestServer.Response startRollout() {
        return server.post(PATH + "/rollouts", TestServer.ADMIN, "{\"force\":true}");
    }

    JsonNode status() {
        return server.get(PATH + "/rollout", TestServer.ADMIN).json();
    }

    List<JsonNode> events(String type) {
        List<JsonNode> out = new ArrayList<>();
        server.get(PATH + "/rollout/events", TestServer.ADMIN).json().get("events").forEach(e -> {
            if (e.get("type").asText().equals(type)) {
                out.add(e);
            }
        });
        return out;
    }

    String body(String path) {
        return receiver.requests().stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow().body();
    }

    GantryClient sdk() throws InterruptedException {
        GantryClient client = GantryClient.builder().sdkKey(server.sdkKey("production")).baseUri(server.uri())
                .disableMetrics().streaming().build();
        closing.add(client);
        assertThat(client.awaitReady(Duration.ofSeconds(10))).isTrue();
        return client;
    }

    static int servedNew(GantryClient client) {
        int on = 0;
        for (int i = 0; i < 1000; i++) {
            if (client.booleanDetail("new-checkout", EvaluationContext.of("user-" + i), false).value()) {
                on++;
            }
        }
        return on;
    }

    @Nested
    class WithPrometheus {
        TestApplication app;
        PrometheusServer prometheus;

        void prometheus() {
            app = TestApplication.start();
            closing.add(app);
            prometheus = PrometheusServer.scraping(app.metricsUrl());
            closing.add(prometheus);
            prometheus.awaitQuery("sum(rate(http_requests_total[5s])) > 0");
        }

        @Test
        void healthyRelease_walks10To50To100_andCompletes() throws Exception {
            prometheus();
            start(prometheus.url(), plan("2s", prometheusGuard()));
            GantryClient client = sdk();
            assertThat(servedNew(client)).isZero();

            assertThat(startRollout().status()).isEqualTo(201);
            await().atMost(WAIT).until(() -> status().get("state").asText().equals("completed"));

            assertThat(events("phase-entered").stream().map(e -> e.get("percent").asDouble()).toList())
                    .containsExactly(10.0, 50.0, 100.0);
            assertThat(events("completed")).hasSize(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> servedNew(client) == 1000);
            JsonNode guard = status().get("guards").get(0);
            assertThat(guard.get("status").asText()).isEqualTo("healthy");
            assertThat(guard.get("threshold").asText()).isEqualTo("> 5%");
            assertThat(rollbacks).isEmpty();
            assertThat(hookCalls).isEmpty();
            assertThat(notifier.received()).isEmpty();
        }

        @Test
        void injectedErrorRate_rollsBackWithinForPlusTwoScrapes_everyoneNotifiedOnce() throws Exception {
            prometheus();
            start(prometheus.url(), plan("30s", prometheusGuard()), true);
            GantryClient client = sdk();
            assertThat(startRollout().status()).isEqualTo(201);
            await().atMost(WAIT).until(() -> servedNew(client) > 0);

            app.errorRate(0.3);
            await().atMost(WAIT).until(() -> status().get("state").asText().equals("rolled-back"));

            Instant breachingSince = Instant.parse(events("guard-breaching").getFirst().get("since").asText());
            Instant rolledBackAt = Instant.parse(events("rolled-back").getFirst().get("at").asText());
            assertThat(Duration.between(breachingSince, rolledBackAt)).isLessThanOrEqualTo(FOR.plus(SCRAPE.multipliedBy(2)));
            await().atMost(Duration.ofSeconds(10)).until(() -> servedNew(client) == 0);
            JsonNode status = status();
            assertThat(status.get("percent").asDouble()).isZero();
            assertThat(status.get("cause").asText()).startsWith("guard error-rate: ");
            assertThat(status.get("deploymentRolledBack").asBoolean()).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests().size() >= 3
                    && mail.getReceivedMessages().length > 0);
            for (String path : List.of("/slack", "/pagerduty", "/hook")) {
                assertThat(receiver.requests().stream().filter(r -> r.path().equals(path))).as(path).hasSize(1);
            }
            assertThat(receiver.requests()).hasSize(3);
            assertThat(body("/pagerduty")).contains("\"event_action\":\"trigger\"").contains("shop/2.0.0/error-rate");
            assertThat(body("/slack")).contains("rolling back");
            assertThat(body("/hook")).contains("rolled back");
            assertThat(mail.getReceivedMessages()).hasSize(1);
            assertThat(mail.getReceivedMessages()[0].getSubject()).contains("shop/2.0.0 rolled back");
            assertThat(hookCalls).containsExactly("POST Bearer " + HOOK_TOKEN);
            assertThat(rollbacks).hasSize(1);
            assertThat(rollbacks.getFirst().automatic()).isTrue();
            assertThat(rollbacks.getFirst().deploymentRolledBack()).isTrue();
            TestServer.Response page = server.get("/status.json", null);
            assertThat(page.json().get("incidents").get(0).get("name").asText()).isEqualTo("shop 2.0.0 rolled back");
            assertThat(server.get(PATH + "/review", TestServer.ADMIN).json().get("reasons").toString())
                    .contains("the release was rolled back once");
            String everythingShown = status + page.body() + server.get(PATH + "/rollout/events", TestServer.ADMIN).body()
                    + server.get("/api/v1/audit?limit=500", TestServer.ADMIN).body()
                    + server.get("/api/v1/notifications", TestServer.ADMIN).body();
            assertThat(everythingShown).doesNotContain(HOOK_TOKEN).doesNotContain(PD_KEY).doesNotContain("/rollback\"");
        }

        @Test
        void serverKilledDuringHold_restartsAndContinues_noPhaseRepeatedOrSkipped() throws Exception {
            prometheus();
            start(prometheus.url(), plan("4s", prometheusGuard()));
            assertThat(startRollout().status()).isEqualTo(201);
            await().atMost(WAIT).until(() -> events("phase-entered").size() == 2);

            server = server.restart();
            server.server.rollbackListeners().register(rollbacks::add);
            await().atMost(WAIT).until(() -> status().get("state").asText().equals("completed"));

            List<JsonNode> phases = events("phase-entered");
            assertThat(phases.stream().map(e -> e.get("phase").asInt()).toList()).containsExactly(0, 1, 2);
            Instant half = Instant.parse(phases.get(1).get("at").asText());
            Instant everyone = Instant.parse(phases.get(2).get("at").asText());
            assertThat(Duration.between(half, everyone)).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
            assertThat(events("started")).hasSize(1);
            assertThat(rollbacks).isEmpty();
        }
    }

    @Test
    void prometheusDown_pausesWithReason() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        start("http://127.0.0.1:" + closedPort, plan("2s", prometheusGuard()));
        assertThat(startRollout().status()).isEqualTo(201);

        await().atMost(WAIT).until(() -> status().get("state").asText().equals("paused"));

        JsonNode status = status();
        assertThat(status.get("pausedCause").asText()).isEqualTo("inconclusive");
        assertThat(status.get("pausedReason").asText()).contains("error-rate").contains("Prometheus");
        assertThat(status.get("guards").get(0).get("status").asText()).isEqualTo("inconclusive");
        assertThat(status.get("percent").asDouble()).isEqualTo(10.0);
        assertThat(events("phase-entered")).hasSize(1);
    }

    @Test
    void abortPastPointOfNoReturn_killsFlagWithoutWebhooks_pagesOwnerWithGuidance() throws Exception {
        start("http://127.0.0.1:9", plan("1h", ""));
        GantryClient client = sdk();
        assertThat(server.post(PATH + "/migrations/applied", TestServer.ADMIN, """
                {"migration":"V5","file":"V5__rename_plan_to_price.sql","classification":"contract",
                 "pointOfNoReturn":{"migration":"V5","message":"past V5, rolling the application back is unsafe",
                                    "guidance":["Restore the pre-release backup or fix forward."]}}""").status())
                .isEqualTo(201);
        assertThat(startRollout().status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> servedNew(client) > 0);

        TestServer.Response abort = server.post(PATH + "/rollout/abort", TestServer.ADMIN, "{\"reason\":\"checkout broken\"}");

        assertThat(abort.status()).as(abort.body()).isEqualTo(200);
        assertThat(abort.json().get("state").asText()).isEqualTo("rolled-back");
        assertThat(abort.json().get("deploymentRolledBack").asBoolean()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> servedNew(client) == 0);
        assertThat(hookCalls).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> !notifier.to("pagerduty").isEmpty());
        Notification page = notifier.to("pagerduty").stream()
                .filter(n -> n.severity() == Notification.Severity.CRITICAL).findFirst().orElseThrow();
        assertThat(page.title()).contains("point of no return");
        assertThat(page.text()).contains("Restore the pre-release backup or fix forward.");
        assertThat(rollbacks).singleElement().satisfies(r -> {
            assertThat(r.automatic()).isFalse();
            assertThat(r.deploymentRolledBack()).isFalse();
            assertThat(r.cause()).contains("checkout broken");
        });
    }
}
