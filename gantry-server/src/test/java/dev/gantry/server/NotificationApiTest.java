package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.plan.ConfigValue;
import dev.gantry.plan.NotificationChannel;
import dev.gantry.server.gate.OutboundHosts;
import dev.gantry.server.notify.Backoff;
import dev.gantry.server.notify.Notification;
import dev.gantry.server.notify.NotificationSettings;
import dev.gantry.server.notify.Receiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The notification outbox through a running server: the API, retries by an operator, restarts. */
class NotificationApiTest {
    static final String CANARY = "CANARY-WEBHOOK-PATH-4d1c";
    static final String PATH = "/api/v1/notifications";

    @TempDir
    Path dir;
    TestServer server;
    Receiver receiver = new Receiver(200);

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        receiver.close();
    }

    void start(TestDatabases.Kind kind) {
        TestDatabases.TestDb db = TestDatabases.create(kind, dir);
        server = TestServer.start(TestServer.config(db.url(), dir)
                .withAllowedOutboundHosts(OutboundHosts.parse("127.0.0.1"))
                .withNotifications(NotificationSettings.defaults()
                        .withBackoff(new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofHours(1)))));
    }

    Notification notification(String key) {
        NotificationChannel hook = new NotificationChannel("deploy-hook", NotificationChannel.Type.WEBHOOK,
                Optional.of(new ConfigValue(receiver.url("/hook/" + CANARY), true)), Optional.empty(),
                Optional.of(new ConfigValue("signing-" + CANARY, true)), List.of(), Optional.empty());
        return new Notification(key, hook, Notification.Kind.TRIGGER, "shop/2.0.0/error-rate",
                Notification.Severity.CRITICAL, "Rollout of shop 2.0.0 rolled back", "Error rate 12%.",
                Map.of("release", "shop 2.0.0"), Optional.empty());
    }

    String token(String scope) {
        TestServer.Response r = server.post("/api/v1/tokens", TestServer.ADMIN,
                "{\"name\":\"" + scope + "-user\",\"scopes\":[\"" + scope + "\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("token").asText();
    }

    JsonNode list(String query) {
        TestServer.Response r = server.get(PATH + query, TestServer.ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("notifications");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void retry_failedNotification_deliveredOnceAndListedWithoutSecrets(TestDatabases.Kind kind) {
        start(kind);
        receiver.answer(410);
        assertThat(server.server.notifier().enqueue(notification("shop/2.0.0/rollback/1"))).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> list("?state=failed").size() == 1);

        JsonNode failed = list("?state=failed").get(0);
        assertThat(failed.get("channel").asText()).isEqualTo("deploy-hook");
        assertThat(failed.get("channelType").asText()).isEqualTo("webhook");
        assertThat(failed.get("kind").asText()).isEqualTo("trigger");
        assertThat(failed.get("title").asText()).isEqualTo("Rollout of shop 2.0.0 rolled back");
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get("lastError").asText()).contains("answered 410");
        long id = failed.get("id").asLong();

        TestServer.Response readOnly = server.post(PATH + "/" + id + "/retry", token("read"), null);
        TestServer.Response retried = server.post(PATH + "/" + id + "/retry", token("operate"), null);

        assertThat(readOnly.status()).isEqualTo(403);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().get("state").asText()).isEqualTo("pending");
        await().atMost(Duration.ofSeconds(30)).until(() -> list("?state=delivered").size() == 1);
        assertThat(receiver.accepted()).hasSize(1);
        assertThat(list("?state=failed")).isEmpty();
        String everything = server.get(PATH, TestServer.ADMIN).body() + server.get("/api/v1/audit", TestServer.ADMIN).body();
        assertThat(everything).contains("notification.retry").doesNotContain(CANARY);
        assertThat(server.get("/api/v1/audit/verify", TestServer.ADMIN).json().get("intact").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void restart_pendingNotification_deliveredByTheNextServer(TestDatabases.Kind kind) {
        start(kind);
        receiver.down();
        server.server.notifier().enqueue(notification("shop/2.0.0/rollback/2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> list("?state=pending").path(0).path("attempts").asInt() >= 1);

        server = server.restart();
        receiver.up();

        await().atMost(Duration.ofSeconds(30)).until(() -> list("?state=delivered").size() == 1);
        assertThat(receiver.accepted()).extracting(r -> r.header("Idempotency-Key")).containsExactly("shop/2.0.0/rollback/2");
    }

    @Test
    void retry_refusals_sayWhatIsWrong() {
        start(TestDatabases.Kind.SQLITE);
        server.server.notifier().enqueue(notification("shop/2.0.0/rollback/3"));
        await().atMost(Duration.ofSeconds(30)).until(() -> list("?state=delivered").size() == 1);
        long id = list("").get(0).get("id").asLong();

        TestServer.Response delivered = server.post(PATH + "/" + id + "/retry", TestServer.ADMIN, null);
        TestServer.Response unknown = server.post(PATH + "/999/retry", TestServer.ADMIN, null);
        TestServer.Response notANumber = server.post(PATH + "/abc/retry", TestServer.ADMIN, null);
        TestServer.Response badState = server.get(PATH + "?state=lost", TestServer.ADMIN);
        TestServer.Response anonymous = server.get(PATH, null);

        assertThat(delivered.status()).isEqualTo(409);
        assertThat(delivered.json().get("detail").asText()).contains("is delivered; only a failed notification can be retried");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.json().get("detail").asText()).contains("pending, delivered or failed");
        assertThat(anonymous.status()).isEqualTo(401);
    }
}
