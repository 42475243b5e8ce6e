package dev.gantry.rollout;

import dev.gantry.plan.ReleasePlan;
import dev.gantry.plan.Rollout;
import dev.gantry.testing.TestPlans;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Rollout specs for tests, read by the real plan loader from a plan's {@code rollout:} section. */
final class Specs {
    private Specs() {}

    /**
     * The rollout of a plan whose {@code rollout:} section is {@code rolloutYaml} (indented by two
     * spaces under {@code rollout:}); flags release, file-storage, templates, email-delivery and
     * analytics, role engineering-lead and channels pagerduty and slack are declared.
     */
    static Rollout rollout(String rolloutYaml) {
        String yaml = TestPlans.HEAD + """
                flags: [{ key: release }, { key: file-storage }, { key: templates }, { key: email-delivery }, { key: analytics }]
                roles:
                  engineering-lead: { title: Engineering Lead, members: [omar] }
                notifications:
                  pagerduty: { type: pagerduty, routingKey: "${PAGERDUTY_ROUTING_KEY}" }
                  slack: { type: slack, url: "${SLACK_WEBHOOK_URL}" }
                rollout:
                """ + rolloutYaml.stripIndent().indent(2);
        try {
            Path directory = Files.createTempDirectory("gantry-rollout-spec");
            ReleasePlan plan = TestPlans.write(directory, yaml);
            return plan.rollout().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 10% for 7 days with at least 1000 evaluations, 50% for 7 days, 100%; an error-rate guard. */
    static Rollout threePhases() {
        return rollout("""
                flag: release
                phases:
                  - { name: canary, percent: 10, hold: 7d, minSample: 1000 }
                  - { name: half, percent: 50, hold: 7d }
                  - { name: everyone, percent: 100 }
                guards:
                  - { id: error-rate, query: "errors", when: "> 5%", for: 5m, action: rollback, notify: [pagerduty, slack] }
                """);
    }
}
