package dev.gantry.server.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * PagerDuty Events API v2: a trigger (also for plain messages) or a resolve, grouped by
 * {@code dedup_key}, sent to {@code https://events.pagerduty.com/v2/enqueue} or to the channel's
 * {@code url} when it has one. The routing key comes from the channel. PagerDuty answers 202;
 * 400 (an invalid event) is permanent, 429 and 5xx are retried. Thread-safe.
 */
final class PagerDutySender implements Sender {
    /** The Events API v2 endpoint. */
    static final URI EVENTS_URL = URI.create("https://events.pagerduty.com/v2/enqueue");
    private static final int SUMMARY_MAX = 1024;

    private final HttpDelivery http;
    private final Clock clock;
    private final URI defaultUrl;

    PagerDutySender(HttpDelivery http, Clock clock, URI defaultUrl) {
        this.http = http;
        this.clock = clock;
        this.defaultUrl = defaultUrl;
    }

    @Override
    public SendResult send(Notification n, Function<String, Optional<String>> environment) {
        ChannelValues.Resolved key = ChannelValues.resolve(n.channel().routingKey(), "routingKey", n.channel().id(),
                environment);
        if (key.problem().isPresent()) {
            return new SendResult.Failed(key.problem().get());
        }
        String url = defaultUrl.toString();
        if (n.channel().url().isPresent()) {
            ChannelValues.Resolved u = ChannelValues.resolve(n.channel().url(), "url", n.channel().id(), environment);
            if (u.problem().isPresent()) {
                return new SendResult.Failed(u.problem().get());
            }
            url = u.value().orElseThrow();
        }
        return http.post(url, body(n, key.value().orElseThrow()), Map.of("Idempotency-Key", n.idempotencyKey()));
    }

    String body(Notification n, String routingKey) {
        ObjectNode b = NotificationJson.mapper().createObjectNode();
        b.put("routing_key", routingKey);
        boolean resolve = NotificationJson.kind(n) == Notification.Kind.RESOLVE;
        b.put("event_action", resolve ? "resolve" : "trigger");
        b.put("dedup_key", NotificationJson.dedupKey(n));
        if (!resolve) {
            ObjectNode p = b.putObject("payload");
            String title = NotificationJson.title(n);
            p.put("summary", title.length() <= SUMMARY_MAX ? title : title.substring(0, SUMMARY_MAX - 1) + "…");
            p.put("source", n.facts().getOrDefault("release", "gantry"));
            p.put("severity", NotificationJson.lower(NotificationJson.severity(n)));
            p.put("timestamp", clock.instant().toString());
            p.put("component", "gantry");
            ObjectNode details = p.putObject("custom_details");
            n.facts().forEach(details::put);
            if (n.text() != null && !n.text().isBlank()) {
                details.put("text", n.text());
            }
            n.link().ifPresent(l -> b.putArray("links").addObject().put("href", l).put("text", "Details in Gantry"));
            b.put("client", "Gantry");
        }
        return b.toString();
    }
}
