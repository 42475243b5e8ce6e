package dev.gantry.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.server.TestDatabases;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.db.Database;
import dev.gantry.server.gate.OutboundHosts;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The outbox and its worker on SQLite and PostgreSQL, against real receivers. */
class DeliveryWorkerTest {
    static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofHours(1));

    @TempDir
    Path dir;
    final Clock clock = Clock.systemUTC();
    Receiver receiver = new Receiver(200);
    TestDatabases.TestDb testDb;
    Database db;
    JdbcOutbox outbox;
    DeliveryWorker worker;
    Function<String, Optional<String>> environment = name -> Optional.empty();

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.close();
        }
        if (db != null) {
            db.close();
        }
        if (testDb != null) {
            testDb.close();
        }
        receiver.close();
    }

    void open(TestDatabases.Kind kind) {
        testDb = TestDatabases.create(kind, dir);
        reopen(FAST);
    }

    void reopen(Backoff backoff) {
        db = Database.open(testDb.url());
        outbox = new JdbcOutbox(db, new AuditLog(db, clock), clock);
        NotificationSettings settings = NotificationSettings.defaults().withBackoff(backoff);
        worker = new DeliveryWorker(outbox, DeliveryWorker.senders(settings, OutboundHosts.parse("127.0.0.1"), clock,
                URI.create(receiver.url("/v2/enqueue"))), backoff, clock, new Random(7), environment, Optional.empty(),
                Duration.ofMillis(50));
    }

    OutboxEntry only() {
        List<OutboxEntry> all = outbox.list(Optional.empty(), 10);
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    OutboxEntry awaitEntry(long id, Predicate<OutboxEntry> condition) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> outbox.find(id).filter(condition).isPresent());
        return outbox.find(id).orElseThrow();
    }

    @Nested
    class Enqueue {
        @ParameterizedTest
        @EnumSource(TestDatabases.Kind.class)
        void enqueue_sameKeyTwice_storedOnceAndDeliveredOnce(TestDatabases.Kind kind) {
            open(kind);
            Notification n = Channels.trigger("platform/1.2.0/rollback/1", Channels.webhook(receiver.url("/hook"), null));

            boolean first = outbox.enqueue(n);
            boolean second = outbox.enqueue(n);

            assertThat(first).isTrue();
            assertThat(second).isFalse();
            OutboxEntry e = awaitEntry(only().id(), x -> x.state() == OutboxState.DELIVERED);
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(outbox.enqueue(n)).isFalse();
            flush();
            assertThat(receiver.accepted()).extracting(r -> r.header("Idempotency-Key"))
                    .containsExactly("platform/1.2.0/rollback/1", "barrier");
        }

        /** Enqueues a last notification and waits for it: everything enqueued before has had its chance. */
        void flush() {
            outbox.enqueue(Channels.message("barrier", Channels.webhook(receiver.url("/hook"), null), "barrier"));
            long id = outbox.list(Optional.empty(), 1).getFirst().id();
            awaitEntry(id, x -> x.state() == OutboxState.DELIVERED);
        }
    }

    @Nested
    class Retries {
        @ParameterizedTest
        @EnumSource(TestDatabases.Kind.class)
        void deliver_receiverDownThenBack_exactlyOneMessage(TestDatabases.Kind kind) {
            open(kind);
            receiver.down();
            outbox.enqueue(Channels.trigger("k-down", Channels.webhook(receiver.url("/hook"), null)));
            long id = only().id();

            OutboxEntry failing = awaitEntry(id, x -> x.attempts() >= 3);
            assertThat(failing.state()).isEqualTo(OutboxState.PENDING);
            assertThat(failing.lastError()).get().asString().contains("cannot connect to the receiver at 127.0.0.1");
            receiver.up();

            OutboxEntry done = awaitEntry(id, x -> x.state() == OutboxState.DELIVERED);
            assertThat(done.deliveredAt()).isPresent();
            assertThat(receiver.accepted()).hasSize(1);
            assertThat(outbox.enqueue(Channels.trigger("k-down", Channels.webhook(receiver.url("/hook"), null)))).isFalse();
        }

        @ParameterizedTest
        @EnumSource(TestDatabases.Kind.class)
        void deliver_restartWhilePending_deliveredAfterRestart(TestDatabases.Kind kind) {
            open(kind);
            receiver.down();
            outbox.enqueue(Channels.trigger("k-restart", Channels.webhook(receiver.url("/hook"), null)));
            long id = only().id();
            awaitEntry(id, x -> x.attempts() >= 1);
            worker.close();
            db.close();

            receiver.up();
            reopen(FAST);

            OutboxEntry done = awaitEntry(id, x -> x.state() == OutboxState.DELIVERED);
            assertThat(done.attempts()).isGreaterThanOrEqualTo(2);
            assertThat(receiver.accepted()).extracting(r -> r.header("Idempotency-Key")).containsExactly("k-restart");
        }

        @ParameterizedTest
        @EnumSource(TestDatabases.Kind.class)
        void deliver_permanentRefusalThenOperatorRetry_deliveredOnce(TestDatabases.Kind kind) {
            open(kind);
            receiver.answer(404);
            outbox.enqueue(Channels.trigger("k-404", Channels.webhook(receiver.url("/hook"), null)));
            long id = only().id();

            OutboxEntry failed = awaitEntry(id, x -> x.state() == OutboxState.FAILED);
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.lastError()).get().asString().contains("answered 404");

            OutboxEntry retried = outbox.retry(id, "alice (tok1)");
            assertThat(retried.state()).isEqualTo(OutboxState.PENDING);
            OutboxEntry done = awaitEntry(id, x -> x.state() == OutboxState.DELIVERED);
            assertThat(done.attempts()).isEqualTo(1);
            assertThat(receiver.accepted()).hasSize(1);
            List<String> actions = db.read(h -> h.createQuery("SELECT action FROM audit_log ORDER BY seq")
                    .mapTo(String.class).list());
            assertThat(actions).containsExactly("notification.enqueue", "notification.failed", "notification.retry",
                            "notification.delivered");
        }

        @ParameterizedTest
        @EnumSource(TestDatabases.Kind.class)
        void deliver_receiverDownPastMaxAge_failedSayingItGaveUp(TestDatabases.Kind kind) {
            testDb = TestDatabases.create(kind, dir);
            reopen(new Backoff(Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(200)));
            receiver.down();
            outbox.enqueue(Channels.trigger("k-old", Channels.webhook(receiver.url("/hook"), null)));

            OutboxEntry e = awaitEntry(only().id(), x -> x.state() == OutboxState.FAILED);

            assertThat(e.attempts()).isGreaterThan(1);
            assertThat(e.lastError()).get().asString().contains("gave up after " + e.attempts() + " attempts");
        }

        @ParameterizedTest
        @EnumSource(TestDatabases.Kind.class)
        void deliver_triggerRetriedWhileResolveWaits_resolveArrivesAfterTrigger(TestDatabases.Kind kind) {
            open(kind);
            Receiver pd = receiver;
            pd.answer(503, 503, 503);
            var channel = Channels.pagerDuty("routing-key-0123456789", pd.url("/v2/enqueue"));
            outbox.enqueue(Channels.trigger("k-trigger", channel));
            outbox.enqueue(Channels.resolve("k-resolve", channel));

            List<OutboxEntry> all = outbox.list(Optional.empty(), 10);
            all.forEach(x -> awaitEntry(x.id(), y -> y.state() == OutboxState.DELIVERED));

            assertThat(pd.accepted()).extracting(r -> r.header("Idempotency-Key")).containsExactly("k-trigger", "k-resolve");
            assertThat(pd.requests()).hasSize(5);
        }
    }

    @Nested
    class Replicas {
        /** Replicas share PostgreSQL only: SQLite is one process. */
        @Test
        void deliver_twoWorkersOnOneDatabase_eachNotificationSentOnce() {
            open(TestDatabases.Kind.POSTGRESQL);
            Database otherDb = Database.open(testDb.url());
            JdbcOutbox other = new JdbcOutbox(otherDb, new AuditLog(otherDb, clock), clock);
            NotificationSettings settings = NotificationSettings.defaults().withBackoff(FAST);
            try (DeliveryWorker second = new DeliveryWorker(other, DeliveryWorker.senders(settings,
                    OutboundHosts.parse("127.0.0.1"), clock, URI.create(receiver.url("/v2/enqueue"))), FAST, clock,
                    new Random(8), environment, Optional.empty(), Duration.ofMillis(50))) {
                for (int i = 0; i < 20; i++) {
                    JdbcOutbox via = i % 2 == 0 ? outbox : other;
                    via.enqueue(Channels.message("k-" + i, Channels.webhook(receiver.url("/hook"), null), "message " + i));
                }
                outbox.list(Optional.empty(), 50).forEach(x -> awaitEntry(x.id(), y -> y.state() == OutboxState.DELIVERED));
            } finally {
                otherDb.close();
            }

            assertThat(receiver.accepted()).hasSize(20);
            assertThat(receiver.accepted().stream().map(r -> r.header("Idempotency-Key")).distinct()).hasSize(20);
        }
    }

    @Nested
    class Secrets {
        static final String URL_CANARY = "CANARY-URL-7f3a9c";
        static final String KEY_CANARY = "CANARY-ROUTING-KEY-51e0";
        static final String SECRET_CANARY = "CANARY-SIGNING-SECRET-99b2";

        @ParameterizedTest
        @EnumSource(TestDatabases.Kind.class)
        void deliver_failuresWithSecretChannels_noSecretInLogsErrorsOrAudit(TestDatabases.Kind kind) {
            Map<String, String> env = Map.of("HOOK_URL", receiver.url("/hook/" + URL_CANARY), "HOOK_SECRET", SECRET_CANARY,
                    "PD_KEY", KEY_CANARY, "PD_URL", receiver.url("/pd/" + URL_CANARY), "SLACK_URL",
                    "https://hooks.slack.com/services/" + URL_CANARY);
            environment = name -> Optional.ofNullable(env.get(name));
            receiver.echoOnError().answer(400, 400);
            String logs;
            try (LogCapture capture = new LogCapture()) {
                open(kind);
                outbox.enqueue(Channels.trigger("k-hook", Channels.webhook("${HOOK_URL}", "${HOOK_SECRET}")));
                outbox.enqueue(Channels.trigger("k-pd", Channels.pagerDuty("${PD_KEY}", "${PD_URL}")));
                outbox.enqueue(Channels.trigger("k-slack", Channels.slack("${SLACK_URL}")));
                outbox.enqueue(Channels.trigger("k-missing", Channels.webhook("${NOT_SET}", null)));
                outbox.list(Optional.empty(), 10).forEach(x -> awaitEntry(x.id(), y -> y.state() == OutboxState.FAILED));
                logs = capture.text();
            }

            List<OutboxEntry> all = outbox.list(Optional.empty(), 10);
            String errors = all.stream().map(e -> e.lastError().orElse("")).toList().toString();
            assertThat(errors).contains("answered 400", "hooks.slack.com is not in the server's allowed outbound hosts",
                    "variable NOT_SET");
            String audit = db.read(h -> h.createQuery("SELECT before_state || after_state FROM audit_log")
                    .mapTo(String.class).list()).toString();
            String stored = db.read(h -> h.createQuery("SELECT channel || payload FROM notification_outbox")
                    .mapTo(String.class).list()).toString();
            assertThat(logs).contains("failed");
            for (String canary : List.of(URL_CANARY, KEY_CANARY, SECRET_CANARY)) {
                assertThat(logs).doesNotContain(canary);
                assertThat(errors).doesNotContain(canary);
                assertThat(audit).doesNotContain(canary);
                assertThat(stored).doesNotContain(canary);
            }
        }
    }
}
