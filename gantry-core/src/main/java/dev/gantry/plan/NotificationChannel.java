package dev.gantry.plan;

import java.util.List;
import java.util.Optional;

/**
 * Where notifications go. Secrets (webhook URLs, routing keys, signing secrets) are written as
 * {@code ${VAR}} references and resolved only when a message is sent.
 *
 * @param id how guards, alerts and communications refer to it
 * @param type the kind of channel
 * @param url the Slack incoming webhook or generic webhook URL
 * @param routingKey the PagerDuty Events v2 routing key
 * @param secret the HMAC-SHA256 signing secret of a generic webhook
 * @param to email recipients
 * @param from the email sender
 */
public record NotificationChannel(String id, Type type, Optional<ConfigValue> url, Optional<ConfigValue> routingKey,
        Optional<ConfigValue> secret, List<String> to, Optional<String> from) {
    public NotificationChannel {
        to = List.copyOf(to);
    }

    /** Kinds of notification channel. */
    public enum Type implements PlanEnum { SLACK, PAGERDUTY, WEBHOOK, EMAIL }
}
