package dev.gantry.deploy;

import java.time.Duration;
import java.util.Optional;

/**
 * What the zero-downtime probe saw while steps ran.
 *
 * @param url the health URL as the plan writes it
 * @param probes how many probes were made
 * @param failed how many failed (no answer, or a status other than 2xx)
 * @param longestGap the longest stretch from a failed probe to the next successful one (zero when none failed)
 * @param maxFailed the most failures the plan allows, when it sets a limit
 */
public record ProbeReport(String url, int probes, int failed, Duration longestGap, Optional<Integer> maxFailed) {
    /** Whether the run stayed within the plan's limit. */
    public boolean withinLimit() {
        return maxFailed.map(max -> failed <= max).orElse(true);
    }

    /** One sentence: "240 probes, 0 failed, longest gap 0ms". */
    public String describe() {
        return probes + " probes of " + url + ", " + failed + " failed, longest gap " + longestGap.toMillis() + "ms"
                + maxFailed.map(max -> " (at most " + max + " failed allowed)").orElse("");
    }
}
