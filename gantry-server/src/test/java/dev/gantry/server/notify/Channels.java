package dev.gantry.server.notify;

import dev.gantry.plan.ConfigValue;
import dev.gantry.plan.NotificationChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small builders for channels and notifications in tests. */
final class Channels {
    private Channels() {}

    static Optional<ConfigValue> secret(String raw) {
        return Optional.of(new ConfigValue(raw, true));
    }

    static NotificationChannel webhook(String url, String secret) {
        return new NotificationChannel("deploy-hook", NotificationChannel.Type.WEBHOOK, secret(url),
                Optional.empty(), secret == null ? Optional.empty() : secret(secret), List.of(), Optional.empty());
    }

    static NotificationChannel slack(String url) {
        return new NotificationChannel("slack-releases", NotificationChannel.Type.SLACK, secret(url), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty());
    }

    static NotificationChannel pagerDuty(String routingKey, String url) {
        return new NotificationChannel("pagerduty", NotificationChannel.Type.PAGERDUTY,
                url == null ? Optional.empty() : secret(url), secret(routingKey), Optional.empty(), List.of(),
                Optional.empty());
    }

    static NotificationChannel email(List<String> to, String from) {
        return new NotificationChannel("email-ops", NotificationChannel.Type.EMAIL, Optional.empty(), Optional.empty(),
                Optional.empty(), to, Optional.ofNullable(from));
    }

    static Notification trigger(String key, NotificationChannel channel) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("release", "platform 1.2.0");
        facts.put("guard", "error-rate");
        facts.put("value", "0.12 > 0.05");
        return new Notification(key, channel, Notification.Kind.TRIGGER, "platform/1.2.0/error-rate",
                Notification.Severity.CRITICAL, "Rollout of platform 1.2.0 rolled back",
                "Guard error-rate breached for 5m; the flag is at 0%.", facts,
                Optional.of("https://gantry.example.com/releases/platform/1.2.0"));
    }

    static Notification resolve(String key, NotificationChannel channel) {
        return new Notification(key, channel, Notification.Kind.RESOLVE, "platform/1.2.0/error-rate",
                Notification.Severity.INFO, "Error rate back to normal", "", Map.of(), Optional.empty());
    }

    static Notification message(String key, NotificationChannel channel, String title) {
        return new Notification(key, channel, Notification.Kind.MESSAGE, null, Notification.Severity.INFO, title,
                "Phase 2 reached 50%.", Map.of("phase", "2"), Optional.empty());
    }
}
