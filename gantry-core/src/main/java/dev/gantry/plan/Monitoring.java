package dev.gantry.plan;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the release is watched with: dashboards, alerts and business metrics.
 *
 * @param dashboards where people look
 * @param alerts what pages or notifies whom
 * @param metrics business metrics charted beside the technical ones
 */
public record Monitoring(List<Dashboard> dashboards, List<Alert> alerts, List<Metric> metrics) {
    public static final Monitoring NONE = new Monitoring(List.of(), List.of(), List.of());

    public Monitoring {
        dashboards = List.copyOf(dashboards);
        alerts = List.copyOf(alerts);
        metrics = List.copyOf(metrics);
    }

    /**
     * A dashboard.
     *
     * @param name its name
     * @param url where it is
     * @param purpose what it shows
     */
    public record Dashboard(String name, Optional<String> url, Optional<String> purpose) {}

    /**
     * An alert.
     *
     * @param id unique among alerts
     * @param name as people say it
     * @param query the PromQL query
     * @param when the threshold
     * @param forDuration how long the condition holds before the alert fires
     * @param severity critical, warning or info
     * @param channels the notification channels it goes to
     */
    public record Alert(String id, String name, Optional<String> query, Threshold when,
            @com.fasterxml.jackson.annotation.JsonProperty("for") Optional<Duration> forDuration, Severity severity, @com.fasterxml.jackson.annotation.JsonProperty("notify") List<String> channels) {
        public Alert {
            channels = List.copyOf(channels);
        }
    }

    /** How urgent an alert is. */
    public enum Severity implements PlanEnum { CRITICAL, WARNING, INFO }

    /**
     * A business metric.
     *
     * @param id unique among metrics
     * @param name as people say it
     * @param query the PromQL query
     * @param unit what it counts
     */
    public record Metric(String id, String name, String query, Optional<String> unit) {}
}
