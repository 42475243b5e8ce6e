package dev.gantry.plan;

import java.time.Duration;
import java.util.Optional;

/**
 * One step of a deploy stage or of the rollback: a command, an HTTP verification, or a
 * manual instruction when it has neither.
 *
 * @param name what the step does
 * @param run the shell command, run by the CLI only; {@code ${release.version}} and the other
 *     release facts are substituted before it runs
 * @param http an HTTP verification
 * @param owner who does or watches it
 * @param verify how to tell it worked, in words
 * @param timeout how long it may take
 */
public record Step(String name, Optional<String> run, Optional<HttpVerification> http, Optional<String> owner,
        Optional<String> verify, Optional<Duration> timeout) {

    /** Whether a person does this step rather than Gantry. */
    public boolean manual() {
        return run.isEmpty() && http.isEmpty();
    }

    /**
     * An HTTP request that verifies a step.
     *
     * @param url the URL requested
     * @param expect the status it must answer with
     * @param bodyContains text the body must contain
     */
    public record HttpVerification(ConfigValue url, int expect, Optional<String> bodyContains) {}
}
