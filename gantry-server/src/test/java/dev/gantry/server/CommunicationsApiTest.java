package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.server.gate.OutboundHosts;
import dev.gantry.server.notify.Backoff;
import dev.gantry.server.notify.Notification;
import dev.gantry.server.notify.NotificationSettings;
import dev.gantry.server.notify.Receiver;
import dev.gantry.server.rollout.RolledBack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Communications: drafts, approvals bound to content, once-only sending at the planned time, on both databases. */
class CommunicationsApiTest {
    static final Instant D_MINUS_8 = Instant.parse("2027-03-02T12:00:00Z");
    static final Instant DUE = Instant.parse("2027-03-03T09:00:00Z");
    static final String PLAN = """
            apiVersion: gantry/v1
            release: { product: shop, version: 2.0.0, owner: dana, target: 2027-03-10 }
            roles:
              product-owner: { title: Product Owner, members: [paula] }
            communications:
              - { id: notice, audience: customers, medium: email, when: D-7, at: "09:00", via: email-customers, approval: product-owner, subject: Shop 2.0 is coming, template: templates/notice.md }
              - { id: late, audience: support, medium: slack, when: D-5, subject: Support brief }
              - { id: blog, audience: public, medium: blog, when: D0, subject: Blog post }
              - { id: rollback-note, audience: customers, medium: slack, trigger: rollback, subject: We rolled back, template: templates/rollback.md }
            notifications:
              email-customers: { type: email, to: [customers@shop.example], from: hello@shop.example }
              slack: { type: slack, url: "${SLACK_WEBHOOK_URL}" }
            """;
    static final Map<String, String> FILES = Map.of(
            "templates/notice.md", "Hello! {{release.product}} {{release.version}} arrives on {{release.targetDate}}.\\n",
            "templates/rollback.md", "We rolled back {{release.product}} {{release.version}}.\\n");
    static final String COMMS = "/api/v1/releases/shop/2.0.0/communications";

    @TempDir
    Path dir;
    TestDatabases.TestDb db;
    TestServer server;
    final MutableClock clock = new MutableClock(D_MINUS_8);

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
    }

    static String pushBody(String plan, Map<String, String> files) {
        var body = TestServer.JSON.createObjectNode().put("source", "release.yaml").put("plan", plan);
        var f = body.putObject("files");
        files.forEach(f::put);
        return body.toString();
    }

    String token(String name, String... scopes) {
        TestServer.Response r = server.post("/api/v1/tokens", TestServer.ADMIN,
                "{\"name\":\"" + name + "\",\"scopes\":[\"" + String.join("\",\"", scopes) + "\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("token").asText();
    }

    JsonNode comm(String id) {
        TestServer.Response r = server.get(COMMS + "/" + id, TestServer.ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static long sentTo(List<Notification> sent, String key) {
        return sent.stream().filter(n -> n.idempotencyKey().equals(key)).count();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void scheduled_sentOnceAtItsTime_notBefore_notWithoutApproval_notAgainAfterRestart(TestDatabases.Kind kind) {
        db = TestDatabases.create(kind, dir);
        RecordingNotifier first = new RecordingNotifier();
        server = TestServer.start(TestServer.config(db.url(), dir), clock, ServerWiring.defaults().withNotifier(first));
        TestServer.Response pushed = server.post("/api/v1/releases", TestServer.ADMIN, pushBody(PLAN, FILES));
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(201);
        assertThat(pushed.json().get("files").toString()).isEqualTo("[\"templates/notice.md\",\"templates/rollback.md\"]");

        JsonNode notice = comm("notice");
        assertThat(notice.get("state").asText()).isEqualTo("draft");
        assertThat(notice.get("due").asText()).isEqualTo(DUE.toString());
        assertThat(notice.get("delivery").asText()).isEqualTo("channel:email-customers");
        assertThat(notice.get("body").asText()).startsWith("Hello! shop 2.0.0 arrives on ");
        assertThat(comm("late").get("delivery").asText()).isEqualTo("channel:slack");
        assertThat(comm("blog").get("delivery").asText()).isEqualTo("by-hand");

        server.server.runLeaderTasks();
        clock.set(DUE.plusSeconds(3600));
        server.server.runLeaderTasks();
        assertThat(first.received()).as("an unapproved communication is not sent").isEmpty();
        assertThat(comm("notice").get("state").asText()).isEqualTo("overdue");
        clock.set(D_MINUS_8);

        String reader = token("rita", "read");
        String sam = token("sam", "approve");
        String paula = token("paula", "approve");
        assertThat(server.post(COMMS + "/notice/approve", reader, null).status()).isEqualTo(403);
        TestServer.Response notMember = server.post(COMMS + "/notice/approve", sam, null);
        assertThat(notMember.status()).isEqualTo(422);
        assertThat(notMember.json().get("detail").asText()).contains("sam does not hold role 'product-owner'");
        assertThat(server.post(COMMS + "/notice/approve", paula, "{\"contentHash\":\"sha256:00\"}").status()).isEqualTo(409);
        TestServer.Response approved = server.post(COMMS + "/notice/approve", paula,
                "{\"contentHash\":\"" + notice.get("contentHash").asText() + "\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(201);
        assertThat(approved.json().get("state").asText()).isEqualTo("scheduled");
        assertThat(approved.json().get("approval").get("by").asText()).isEqualTo("paula");

        clock.set(DUE.minusSeconds(1));
        server.server.runLeaderTasks();
        assertThat(first.received()).as("not before its time").isEmpty();

        clock.set(DUE);
        server.server.runLeaderTasks();
        server.server.runLeaderTasks();
        assertThat(first.received()).hasSize(1);
        Notification sent = first.received().getFirst();
        assertThat(sent.idempotencyKey()).isEqualTo("comm:shop/2.0.0/notice");
        assertThat(sent.channel().id()).isEqualTo("email-customers");
        assertThat(sent.title()).isEqualTo("Shop 2.0 is coming");
        assertThat(sent.text()).isEqualTo("Hello! shop 2.0.0 arrives on " + comm("notice").get("body").asText()
                .substring("Hello! shop 2.0.0 arrives on ".length()));
        assertThat(sent.kind()).isEqualTo(Notification.Kind.MESSAGE);

        RecordingNotifier second = new RecordingNotifier();
        server = server.restart(ServerWiring.defaults().withNotifier(second));
        List<Notification> all = new ArrayList<>(first.received());
        for (Instant t = DUE; t.isBefore(Instant.parse("2027-03-17T12:00:00Z")); t = t.plus(Duration.ofHours(1))) {
            clock.set(t);
            server.server.runLeaderTasks();
        }
        all.addAll(second.received());
        assertThat(sentTo(all, "comm:shop/2.0.0/notice")).as("once, across a restart and D-7..D+7").isEqualTo(1);
        assertThat(sentTo(all, "comm:shop/2.0.0/late")).as("never approved").isZero();
        assertThat(all).hasSize(1);

        assertThat(comm("notice").get("state").asText()).isEqualTo("sent");
        JsonNode late = comm("late");
        assertThat(late.get("state").asText()).isEqualTo("overdue");
        assertThat(late.get("detail").asText()).contains("has passed without an approval");
        JsonNode log = server.get("/api/v1/releases/shop/2.0.0/sent-communications", reader).json().get("sent");
        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("state").asText()).isEqualTo("sent");
        assertThat(log.get(0).get("by").asText()).isEqualTo("system (scheduler)");
        assertThat(server.post(COMMS + "/notice/send", TestServer.ADMIN, null).status()).isEqualTo(409);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void approval_changedTemplate_voidsIt_rollbackSendsApprovedOnce(TestDatabases.Kind kind) {
        db = TestDatabases.create(kind, dir);
        RecordingNotifier notifier = new RecordingNotifier();
        server = TestServer.start(TestServer.config(db.url(), dir), clock, ServerWiring.defaults().withNotifier(notifier));
        assertThat(server.post("/api/v1/releases", TestServer.ADMIN, pushBody(PLAN, FILES)).status()).isEqualTo(201);
        String sam = token("sam", "approve", "read");
        assertThat(server.post(COMMS + "/rollback-note/approve", sam, null).status()).isEqualTo(201);
        assertThat(comm("rollback-note").get("state").asText()).isEqualTo("approved");

        TestServer.Response reworded = server.post("/api/v1/releases", TestServer.ADMIN, pushBody(PLAN,
                Map.of("templates/notice.md", FILES.get("templates/notice.md"),
                        "templates/rollback.md", "We rolled back {{release.product}}; sorry.\n")));
        assertThat(reworded.status()).as(reworded.body()).isEqualTo(200);
        JsonNode voided = comm("rollback-note");
        assertThat(voided.get("state").asText()).isEqualTo("draft");
        assertThat(voided.path("approval").isMissingNode()).as("approval of the old text no longer shown").isTrue();
        assertThat(voided.get("body").asText()).isEqualTo("We rolled back shop; sorry.\n");

        RolledBack event = new RolledBack("shop", "2.0.0", 1, "guard error-rate", true, true, D_MINUS_8);
        server.server.rollbackListener().rolledBack(event);
        assertThat(notifier.received()).as("not approved: not sent").isEmpty();
        assertThat(comm("rollback-note").get("state").asText()).isEqualTo("failed");

        assertThat(server.post(COMMS + "/rollback-note/approve", sam, null).status()).isEqualTo(201);
        TestServer.Response resent = server.post(COMMS + "/rollback-note/send", TestServer.ADMIN, null);
        assertThat(resent.status()).as(resent.body()).isEqualTo(200);
        assertThat(resent.json().get("state").asText()).isEqualTo("sent");
        server.server.rollbackListener().rolledBack(event);
        RolledBack second = new RolledBack("shop", "2.0.0", 1, "guard p99", true, true, D_MINUS_8.plusSeconds(60));
        server.server.rollbackListener().rolledBack(second);
        server.server.rollbackListener().rolledBack(second);
        assertThat(notifier.received()).hasSize(2);
        assertThat(notifier.received()).allSatisfy(n -> {
            assertThat(n.channel().id()).isEqualTo("slack");
            assertThat(n.text()).isEqualTo("We rolled back shop; sorry.\n");
        });

        List<String> actions = new ArrayList<>();
        server.get("/api/v1/audit?limit=1000", TestServer.ADMIN).json().get("entries")
                .forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).contains("release.files", "comm.approve", "comm.sent", "comm.failed");
        assertThat(server.get("/api/v1/audit/verify", TestServer.ADMIN).status()).isEqualTo(200);
    }

    @Test
    void push_fileThePlanDoesNotReference_refusedAndNothingStored() {
        db = TestDatabases.create(TestDatabases.Kind.SQLITE, dir);
        server = TestServer.start(TestServer.config(db.url(), dir), clock, ServerWiring.defaults().withNotifier(new RecordingNotifier()));
        TestServer.Response r = server.post("/api/v1/releases", TestServer.ADMIN,
                pushBody(PLAN, Map.of("../../etc/passwd", "x")));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("detail").asText()).contains("'../../etc/passwd' is not a template of the plan's communications");
        assertThat(server.get("/api/v1/releases", TestServer.ADMIN).json().get("releases")).isEmpty();
        TestServer.Response missing = server.post("/api/v1/releases", TestServer.ADMIN, pushBody(PLAN, Map.of()));
        assertThat(missing.status()).isEqualTo(201);
        assertThat(comm("notice").get("problem").asText()).contains("template templates/notice.md was not pushed");
        assertThat(server.post(COMMS + "/notice/approve", TestServer.ADMIN, null).status()).isEqualTo(422);
    }

    @Test
    void due_throughRealOutbox_deliveredOnceToReceiver() {
        db = TestDatabases.create(TestDatabases.Kind.SQLITE, dir);
        try (Receiver receiver = new Receiver(200)) {
            server = TestServer.start(TestServer.config(db.url(), dir)
                    .withAllowedOutboundHosts(OutboundHosts.parse("127.0.0.1"))
                    .withNotifications(NotificationSettings.defaults()
                            .withBackoff(new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofHours(1)))));
            String plan = PLAN.replace("target: 2027-03-10", "target: " + LocalDate.now(ZoneOffset.UTC).plusDays(1))
                    .replace("medium: slack, when: D-5", "medium: webhook, when: D-5")
                    + "  hook: { type: webhook, url: \"" + receiver.url("/hook") + "\" }\n";
            TestServer.Response pushed = server.post("/api/v1/releases", TestServer.ADMIN, pushBody(plan, FILES));
            assertThat(pushed.status()).as(pushed.body()).isEqualTo(201);
            assertThat(comm("late").get("delivery").asText()).isEqualTo("channel:hook");
            assertThat(server.post(COMMS + "/late/approve", TestServer.ADMIN, null).status()).isEqualTo(201);

            server.server.runLeaderTasks();
            server.server.runLeaderTasks();

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted().size() == 1);
            assertThat(receiver.accepted().getFirst().header("Idempotency-Key")).isEqualTo("comm:shop/2.0.0/late");
            assertThat(receiver.accepted().getFirst().body()).contains("Support brief");
            assertThat(comm("late").get("state").asText()).isEqualTo("sent");
            server = server.restart();
            server.server.runLeaderTasks();
            assertThat(server.get("/api/v1/notifications", TestServer.ADMIN).json().get("notifications")).hasSize(1);
            assertThat(receiver.requests()).hasSize(1);
        }
    }
}
