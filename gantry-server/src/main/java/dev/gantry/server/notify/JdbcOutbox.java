package dev.gantry.server.notify;

import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.db.Database;
import dev.gantry.server.http.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The durable outbox in table {@code notification_outbox}: {@link #enqueue} stores a
 * notification once per idempotency key (a repeated key is a no-op), and the
 * {@link DeliveryWorker} claims due rows, delivers them and records how it went. Because the state
 * is in the database, pending deliveries survive a restart, and several replicas can share the
 * work: a claim moves a row's next attempt past a lease, so no two workers take it at once.
 *
 * <p>Enqueues, deliveries, final failures and operator retries are audited; attempt bookkeeping
 * (claims, rescheduling) is not. Stored channels keep {@code ${VAR}} references unresolved and
 * errors are stored redacted. Thread-safe.
 */
public final class JdbcOutbox implements Notifier {
    /** The audit actor of the outbox's own entries. */
    static final String ACTOR = "gantry (notifications)";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;
    private volatile Runnable wake = () -> {};

    /**
     * @param db the database
     * @param audit the audit log
     * @param clock the time source
     */
    public JdbcOutbox(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** Called after every new notification commits (the worker wakes up). */
    void onEnqueue(Runnable listener) {
        this.wake = listener;
    }

    @Override
    public boolean enqueue(Notification notification) {
        return db.write(h -> enqueue(h, notification));
    }

    /**
     * Enqueues within the caller's transaction (inside {@link Database#write}), so the
     * notification commits together with the change it tells about; the worker is woken after
     * the commit.
     *
     * @return true when it was new, false when its idempotency key was enqueued before
     */
    public boolean enqueue(Handle h, Notification n) {
        Instant now = clock.instant();
        long id = h.createQuery("SELECT COALESCE(MAX(id), 0) FROM notification_outbox").mapTo(Long.class).one() + 1;
        int inserted = h.createUpdate("INSERT INTO notification_outbox (id, idempotency_key, channel_id, channel_type,"
                        + " channel, kind, dedup_key, title, payload, state, attempts, next_attempt_at, window_start,"
                        + " created_at) VALUES (:id, :key, :cid, :ctype, :channel, :kind, :dedup, :title, :payload,"
                        + " 'pending', 0, :now, :now, :now) ON CONFLICT (idempotency_key) DO NOTHING")
                .bind("id", id).bind("key", n.idempotencyKey()).bind("cid", n.channel().id())
                .bind("ctype", NotificationJson.lower(n.channel().type())).bind("channel", NotificationJson.channel(n.channel()))
                .bind("kind", NotificationJson.lower(NotificationJson.kind(n))).bind("dedup", NotificationJson.dedupKey(n))
                .bind("title", NotificationJson.title(n)).bind("payload", NotificationJson.payload(n))
                .bind("now", text(now)).execute();
        if (inserted == 0) {
            return false;
        }
        audit.append(h, ACTOR, "notification.enqueue", target(id), Optional.empty(), Optional.of(summary(n, "pending")));
        Runnable listener = wake;
        h.afterCommit(listener);
        return true;
    }

    /**
     * @param state only this state, or every state
     * @param limit at most this many, newest first
     */
    public List<OutboxEntry> list(Optional<OutboxState> state, int limit) {
        return db.read(h -> h.createQuery("SELECT * FROM notification_outbox"
                        + (state.isPresent() ? " WHERE state = :state" : "") + " ORDER BY id DESC LIMIT :limit")
                .bind("state", state.map(OutboxState::wire).orElse("")).bind("limit", limit)
                .map((rs, ctx) -> entry(rs)).list());
    }

    /** @return the entry with {@code id} */
    public Optional<OutboxEntry> find(long id) {
        return db.read(h -> find(h, id));
    }

    private static Optional<OutboxEntry> find(Handle h, long id) {
        return h.createQuery("SELECT * FROM notification_outbox WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> entry(rs)).findOne();
    }

    /**
     * Puts a failed notification back for delivery at once, with a fresh round of attempts.
     *
     * @throws ApiException 404 for an unknown id, 409 when it has not failed
     */
    public OutboxEntry retry(long id, String actor) {
        OutboxEntry retried = db.write(h -> {
            OutboxEntry e = find(h, id).orElseThrow(() -> ApiException.notFound("There is no notification " + id + "."));
            if (e.state() != OutboxState.FAILED) {
                throw ApiException.conflict("Notification " + id + " is " + e.state().wire()
                        + "; only a failed notification can be retried.").with("state", e.state().wire());
            }
            String now = text(clock.instant());
            h.createUpdate("UPDATE notification_outbox SET state = 'pending', attempts = 0, next_attempt_at = :now,"
                    + " window_start = :now WHERE id = :id").bind("now", now).bind("id", id).execute();
            audit.append(h, actor, "notification.retry", target(id), Optional.of(summary(e.notification(), "failed")),
                    Optional.of(summary(e.notification(), "pending")));
            return find(h, id).orElseThrow();
        });
        wake.run();
        return retried;
    }

    /**
     * Claims up to {@code max} due notifications, oldest first, by moving their next attempt
     * {@code lease} ahead. A notification waits while an older one of its channel and dedup key
     * is pending, so a resolve never overtakes its trigger.
     */
    List<Claimed> claimDue(int max, Duration lease) {
        String now = text(clock.instant());
        String dueSql = "SELECT o.id FROM notification_outbox o WHERE o.state = 'pending' AND o.next_attempt_at <= :now"
                + " AND NOT EXISTS (SELECT 1 FROM notification_outbox p WHERE p.state = 'pending'"
                + " AND p.channel_id = o.channel_id AND p.dedup_key = o.dedup_key AND p.id < o.id)"
                + " ORDER BY o.next_attempt_at, o.id LIMIT :max";
        boolean any = db.read(h -> !h.createQuery(dueSql).bind("now", now).bind("max", max).mapTo(Long.class).list().isEmpty());
        if (!any) {
            return List.of();
        }
        return db.write(h -> {
            List<Long> ids = h.createQuery(dueSql).bind("now", now).bind("max", max).mapTo(Long.class).list();
            String until = text(clock.instant().plus(lease));
            List<Claimed> claimed = new ArrayList<>();
            for (long id : ids) {
                h.createUpdate("UPDATE notification_outbox SET next_attempt_at = :until WHERE id = :id")
                        .bind("until", until).bind("id", id).execute();
                find(h, id).ifPresent(e -> claimed.add(new Claimed(e, window(h, id))));
            }
            return claimed;
        });
    }

    /**
     * A claimed notification.
     *
     * @param entry the row
     * @param windowStart when its current round of attempts began (enqueue or operator retry)
     */
    record Claimed(OutboxEntry entry, Instant windowStart) {}

    private static Instant window(Handle h, long id) {
        return parse(h.createQuery("SELECT window_start FROM notification_outbox WHERE id = :id").bind("id", id)
                .mapTo(String.class).one());
    }

    void delivered(OutboxEntry e) {
        db.write(h -> {
            String now = text(clock.instant());
            h.createUpdate("UPDATE notification_outbox SET state = 'delivered', attempts = :a, delivered_at = :now,"
                    + " next_attempt_at = :now WHERE id = :id AND state = 'pending'")
                    .bind("a", e.attempts() + 1).bind("now", now).bind("id", e.id()).execute();
            audit.append(h, ACTOR, "notification.delivered", target(e.id()), Optional.of(summary(e.notification(), "pending")),
                    Optional.of(summary(e.notification(), "delivered")));
            return null;
        });
    }

    void rescheduled(OutboxEntry e, String error, Instant next) {
        db.write(h -> h.createUpdate("UPDATE notification_outbox SET attempts = :a, last_error = :err, next_attempt_at = :next"
                        + " WHERE id = :id AND state = 'pending'")
                .bind("a", e.attempts() + 1).bind("err", error).bind("next", text(next)).bind("id", e.id()).execute());
    }

    void failed(OutboxEntry e, String error) {
        db.write(h -> {
            h.createUpdate("UPDATE notification_outbox SET state = 'failed', attempts = :a, last_error = :err,"
                            + " next_attempt_at = :now WHERE id = :id AND state = 'pending'")
                    .bind("a", e.attempts() + 1).bind("err", error).bind("now", text(clock.instant())).bind("id", e.id())
                    .execute();
            Map<String, Object> after = summary(e.notification(), "failed");
            after.put("error", error);
            audit.append(h, ACTOR, "notification.failed", target(e.id()), Optional.of(summary(e.notification(), "pending")),
                    Optional.of(after));
            return null;
        });
    }

    private static String target(long id) {
        return "notification:" + id;
    }

    /** What the audit log says of a notification: never a URL or key, only ids and words. */
    private static Map<String, Object> summary(Notification n, String state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("idempotencyKey", n.idempotencyKey());
        m.put("channel", n.channel().id());
        m.put("channelType", NotificationJson.lower(n.channel().type()));
        m.put("kind", NotificationJson.lower(NotificationJson.kind(n)));
        m.put("title", NotificationJson.title(n));
        m.put("state", state);
        return m;
    }

    private static OutboxEntry entry(ResultSet rs) throws SQLException {
        Notification n = NotificationJson.notification(rs.getString("idempotency_key"),
                NotificationJson.channel(rs.getString("channel")), rs.getString("payload"));
        return new OutboxEntry(rs.getLong("id"), n, OutboxState.fromWire(rs.getString("state")).orElseThrow(),
                rs.getInt("attempts"), parse(rs.getString("next_attempt_at")), Optional.ofNullable(rs.getString("last_error")),
                parse(rs.getString("created_at")), Optional.ofNullable(rs.getString("delivered_at")).map(JdbcOutbox::parse));
    }

    /** Fixed-width UTC text, so that text order is time order in both databases. */
    static String text(Instant t) {
        return TIME.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    static Instant parse(String text) {
        return Instant.parse(text);
    }
}
