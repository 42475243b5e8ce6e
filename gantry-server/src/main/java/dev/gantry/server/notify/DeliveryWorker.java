package dev.gantry.server.notify;

import dev.gantry.plan.ConfigValue;
import dev.gantry.plan.NotificationChannel;
import dev.gantry.server.gate.AllowedHostsHttpClient;
import dev.gantry.server.gate.OutboundHosts;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: claims due notifications, sends each through its channel's sender, and
 * records the outcome: delivered; rescheduled with exponential backoff and jitter; or failed for
 * good (a permanent refusal, or the next attempt would fall past the maximum age). It wakes at
 * once on an enqueue in this process and otherwise polls, so notifications enqueued on another
 * replica, or due after a backoff, are picked up within a poll interval. Every replica may run a
 * worker: claims keep them apart.
 *
 * <p>Errors are stored and logged with every resolved secret of the channel (and the SMTP
 * password) replaced by {@code ***}; messages are built without URLs in the first place.
 * {@link #close} stops claiming and waits for deliveries under way. Thread-safe.
 */
public final class DeliveryWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int BATCH = 16;
    /** Longer than any one attempt (HTTP and SMTP time out after 10 s), so a claim outlives its delivery. */
    static final Duration LEASE = Duration.ofMinutes(2);

    private final JdbcOutbox outbox;
    private final Map<NotificationChannel.Type, Sender> senders;
    private final Backoff backoff;
    private final Clock clock;
    private final RandomGenerator random;
    private final Function<String, Optional<String>> environment;
    private final Optional<String> smtpPassword;
    private final Duration pollInterval;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean wakeRequested;
    private volatile boolean running = true;
    private final Thread thread;

    DeliveryWorker(JdbcOutbox outbox, Map<NotificationChannel.Type, Sender> senders, Backoff backoff, Clock clock,
            RandomGenerator random, Function<String, Optional<String>> environment, Optional<String> smtpPassword,
            Duration pollInterval) {
        this.outbox = outbox;
        this.senders = new EnumMap<>(senders);
        this.backoff = backoff;
        this.clock = clock;
        this.random = random;
        this.environment = environment;
        this.smtpPassword = smtpPassword;
        this.pollInterval = pollInterval;
        outbox.onEnqueue(this::wake);
        this.thread = Thread.ofPlatform().daemon().name("gantry-notifications").start(this::run);
    }

    /**
     * Starts delivering with the standard senders.
     *
     * @param outbox the outbox
     * @param settings retries and SMTP
     * @param allowed the hosts HTTP channels may reach
     * @param environment resolves channels' {@code ${VAR}} references (the server's environment)
     * @param clock the time source
     * @return the running worker
     */
    public static DeliveryWorker start(JdbcOutbox outbox, NotificationSettings settings, OutboundHosts allowed,
            Function<String, Optional<String>> environment, Clock clock) {
        return new DeliveryWorker(outbox, senders(settings, allowed, clock, PagerDutySender.EVENTS_URL), settings.backoff(),
                clock, new SecureRandom(), environment, settings.smtp().flatMap(SmtpSettings::password), Duration.ofSeconds(1));
    }

    static Map<NotificationChannel.Type, Sender> senders(NotificationSettings settings, OutboundHosts allowed, Clock clock,
            URI pagerDutyUrl) {
        HttpDelivery http = new HttpDelivery(new AllowedHostsHttpClient(allowed), allowed);
        Map<NotificationChannel.Type, Sender> m = new EnumMap<>(NotificationChannel.Type.class);
        m.put(NotificationChannel.Type.WEBHOOK, new WebhookSender(http, clock));
        m.put(NotificationChannel.Type.SLACK, new SlackSender(http));
        m.put(NotificationChannel.Type.PAGERDUTY, new PagerDutySender(http, clock, pagerDutyUrl));
        m.put(NotificationChannel.Type.EMAIL, new EmailSender(settings.smtp(), clock));
        return m;
    }

    /** Makes the worker look for due notifications now. */
    void wake() {
        lock.lock();
        try {
            wakeRequested = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (running) {
            List<JdbcOutbox.Claimed> claimed;
            try {
                claimed = outbox.claimDue(BATCH, LEASE);
            } catch (RuntimeException e) {
                LOG.warn("Cannot read the notification outbox ({}); trying again", e.getClass().getSimpleName());
                claimed = List.of();
            }
            if (claimed.isEmpty()) {
                await();
                continue;
            }
            try (ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor()) {
                claimed.forEach(c -> deliveries.submit(() -> deliver(c)));
            }
        }
    }

    private void await() {
        lock.lock();
        try {
            if (!wakeRequested && running) {
                woken.await(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            }
            wakeRequested = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private void deliver(JdbcOutbox.Claimed claimed) {
        OutboxEntry e = claimed.entry();
        Notification n = e.notification();
        Sender sender = senders.get(n.channel().type());
        SendResult result;
        try {
            result = sender == null ? new SendResult.Failed("no sender for channel type " + n.channel().type())
                    : sender.send(n, environment);
        } catch (RuntimeException ex) {
            result = new SendResult.Retry("unexpected " + ex.getClass().getSimpleName() + " while sending");
        }
        try {
            record(claimed, result);
        } catch (RuntimeException ex) {
            LOG.warn("Cannot record the outcome of notification {} ({}); it is tried again after its claim expires",
                    e.id(), ex.getClass().getSimpleName());
        }
    }

    private void record(JdbcOutbox.Claimed claimed, SendResult result) {
        OutboxEntry e = claimed.entry();
        String channel = e.notification().channel().id();
        int attempt = e.attempts() + 1;
        switch (result) {
            case SendResult.Delivered d -> {
                outbox.delivered(e);
                LOG.info("Notification {} delivered to channel {} on attempt {}", e.id(), channel, attempt);
            }
            case SendResult.Failed f -> {
                String reason = redact(f.reason(), e.notification());
                outbox.failed(e, reason);
                LOG.warn("Notification {} to channel {} failed: {}", e.id(), channel, reason);
            }
            case SendResult.Retry r -> {
                String reason = redact(r.reason(), e.notification());
                Duration delay = backoff.delay(attempt, random);
                if (r.retryAfter().isPresent() && r.retryAfter().get().compareTo(delay) > 0) {
                    delay = r.retryAfter().get().compareTo(backoff.cap()) > 0 ? backoff.cap() : r.retryAfter().get();
                }
                Instant next = clock.instant().plus(delay);
                if (next.isAfter(claimed.windowStart().plus(backoff.maxAge()))) {
                    String gaveUp = reason + " (gave up after " + attempt + " attempts over " + backoff.maxAge() + ")";
                    outbox.failed(e, gaveUp);
                    LOG.warn("Notification {} to channel {} failed: {}", e.id(), channel, gaveUp);
                } else {
                    outbox.rescheduled(e, reason, next);
                    LOG.info("Notification {} to channel {}: attempt {} failed ({}); next in {} ms", e.id(), channel,
                            attempt, reason, delay.toMillis());
                }
            }
        }
    }

    /** Replaces every resolved secret of the channel, and the SMTP password, with {@code ***}. */
    String redact(String message, Notification n) {
        List<String> secrets = new ArrayList<>();
        NotificationChannel c = n.channel();
        for (Optional<ConfigValue> v : List.of(c.url(), c.routingKey(), c.secret())) {
            v.flatMap(value -> value.resolve(environment)).ifPresent(secrets::add);
            v.ifPresent(value -> {
                secrets.add(value.raw());
                value.variables().forEach(name -> environment.apply(name).ifPresent(secrets::add));
            });
        }
        smtpPassword.ifPresent(secrets::add);
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        String out = message;
        for (String s : secrets) {
            if (s.length() >= 4 && !s.startsWith("${")) {
                out = out.replace(s, "***");
            }
        }
        return out;
    }

    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(Duration.ofSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
