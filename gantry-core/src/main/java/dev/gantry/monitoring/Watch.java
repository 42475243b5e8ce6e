package dev.gantry.monitoring;

import dev.gantry.plan.Durations;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.plan.Rollout;
import dev.gantry.plan.Threshold;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One thing Prometheus can watch for the release: a rollout guard or a monitoring alert with a
 * PromQL query and a threshold.
 *
 * @param id the plan's id
 * @param name as people say it
 * @param kind guard or alert
 * @param query the PromQL query
 * @param threshold when it is a breach
 * @param forDuration how long the condition holds before it fires
 * @param severity critical, warning or info
 * @param action the guard's action (rollback, pause, notify), or notify for an alert
 * @param channels the notification channels told
 */
record Watch(String id, String name, Kind kind, String query, Threshold threshold, Optional<Duration> forDuration,
        String severity, String action, List<String> channels) {
    Watch {
        channels = List.copyOf(channels);
    }

    enum Kind { GUARD, ALERT }

    /** The prometheus guards with a threshold, then the alerts with a query, in plan order. */
    static List<Watch> of(ReleasePlan plan) {
        List<Watch> watches = new ArrayList<>();
        plan.rollout().ifPresent(rollout -> rollout.guards().stream()
                .filter(guard -> guard.source() == Rollout.Guard.Source.PROMETHEUS && guard.query().isPresent()
                        && guard.when().isPresent())
                .forEach(guard -> watches.add(new Watch(guard.id(), guard.id() + " guard", Kind.GUARD, guard.query().get(),
                        guard.when().get(), Optional.of(guard.forDuration()),
                        guard.action() == Rollout.Guard.Action.ROLLBACK ? "critical" : "warning", guard.action().planName(),
                        guard.channels()))));
        plan.monitoring().alerts().stream().filter(alert -> alert.query().isPresent())
                .forEach(alert -> watches.add(new Watch(alert.id(), alert.name(), Kind.ALERT, alert.query().get(),
                        alert.when(), alert.forDuration(), alert.severity().planName(), "notify", alert.channels())));
        return watches;
    }

    /** The PromQL expression that is true during a breach: {@code (query) > 0.05}. */
    String expression() {
        return "(" + query + ") " + threshold.operator().symbol() + " " + number(threshold.value());
    }

    /** {@code error-rate} as {@code ErrorRate}. */
    static String camel(String id) {
        StringBuilder name = new StringBuilder();
        for (String part : id.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
            name.insert(0, "Gantry");
        }
        return name.toString();
    }

    /** The Grafana unit of the measured value, from how the threshold is written. */
    String unit() {
        String text = threshold.text().toLowerCase(Locale.ROOT);
        return text.endsWith("%") ? "percentunit" : text.endsWith("ms") || text.endsWith("s") ? "s" : "short";
    }

    String forText() {
        return forDuration.map(Durations::format).orElse("0s");
    }

    static String number(double value) {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
