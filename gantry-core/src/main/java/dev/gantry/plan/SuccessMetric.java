package dev.gantry.plan;

import java.util.Optional;

/**
 * A measure of whether the launch succeeded, reviewed after launch.
 *
 * @param id unique among success metrics
 * @param name as people say it
 * @param target the value to reach, e.g. {@code >= 99.5%}, {@code < 1%}, {@code 100}
 * @param source where the actual value comes from
 * @param query the PromQL query (prometheus)
 * @param reviewAt the day it is judged
 */
public record SuccessMetric(String id, String name, Threshold target, Source source, Optional<String> query,
        DayRef reviewAt) {
    /** Where a success metric's actual value comes from. */
    public enum Source implements PlanEnum { PROMETHEUS, MANUAL }
}
