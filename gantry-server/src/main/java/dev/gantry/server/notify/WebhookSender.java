package dev.gantry.server.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A generic webhook: the notification as JSON, with {@code Idempotency-Key},
 * {@code X-Gantry-Timestamp} (Unix seconds of this attempt) and, when the channel has a
 * {@code secret}, {@code X-Gantry-Signature: sha256=<hex HMAC-SHA256 of timestamp + "." + body>}.
 * docs/notifications.md shows how a receiver verifies it. Thread-safe.
 */
final class WebhookSender implements Sender {
    static final String TIMESTAMP = "X-Gantry-Timestamp";
    static final String SIGNATURE = "X-Gantry-Signature";

    private final HttpDelivery http;
    private final Clock clock;

    WebhookSender(HttpDelivery http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public SendResult send(Notification n, Function<String, Optional<String>> environment) {
        ChannelValues.Resolved url = ChannelValues.resolve(n.channel().url(), "url", n.channel().id(), environment);
        if (url.problem().isPresent()) {
            return new SendResult.Failed(url.problem().get());
        }
        Optional<String> secret = Optional.empty();
        if (n.channel().secret().isPresent()) {
            ChannelValues.Resolved s = ChannelValues.resolve(n.channel().secret(), "secret", n.channel().id(), environment);
            if (s.problem().isPresent()) {
                return new SendResult.Failed(s.problem().get());
            }
            secret = s.value().filter(v -> !v.isEmpty());
            if (secret.isEmpty()) {
                return new SendResult.Failed("the secret of channel " + n.channel().id() + " is empty; set a signing secret");
            }
        }
        String body = body(n);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Idempotency-Key", n.idempotencyKey());
        headers.put(TIMESTAMP, timestamp);
        secret.ifPresent(s -> headers.put(SIGNATURE, "sha256=" + sign(s, timestamp, body)));
        return http.post(url.value().orElseThrow(), body, headers);
    }

    static String body(Notification n) {
        ObjectNode b = NotificationJson.mapper().createObjectNode();
        b.put("idempotencyKey", n.idempotencyKey());
        b.put("channel", n.channel().id());
        b.put("kind", NotificationJson.lower(NotificationJson.kind(n)));
        b.put("dedupKey", NotificationJson.dedupKey(n));
        b.put("severity", NotificationJson.lower(NotificationJson.severity(n)));
        b.put("title", NotificationJson.title(n));
        b.put("text", n.text() == null ? "" : n.text());
        ObjectNode facts = b.putObject("facts");
        n.facts().forEach(facts::put);
        n.link().ifPresent(l -> b.put("link", l));
        return b.toString();
    }

    /** @return the hex HMAC-SHA256 of {@code timestamp + "." + body} under {@code secret} */
    static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
