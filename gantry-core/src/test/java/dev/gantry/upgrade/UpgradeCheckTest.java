package dev.gantry.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.env.DotEnv;
import dev.gantry.plan.EnvVar;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpgradeCheckTest {
    static final UpgradePath PLATFORM = UpgradeFixtures.platformPath("1.0.0", "1.2.0");

    static String summary(UpgradeCheck.Report report) {
        return String.join("\n", report.actions().stream()
                .map(action -> action.status() + " " + action.kind() + " " + action.variable()).toList());
    }

    @Test
    void check_envFileFor10_listsEveryActionAcrossBothHops() {
        UpgradeCheck.Report report = UpgradeCheck.check(PLATFORM, DotEnv.parse(UpgradeFixtures.resource("prod-1.0.env")));

        assertThat(report.ready()).isFalse();
        assertThat(summary(report)).isEqualTo("""
                ADVICE SET STRIPE_API_VERSION
                TO_DO RENAME STRIPE_WEBHOOK_SECRET
                TO_DO SET UPSTASH_REDIS_REST_URL
                TO_DO SET UPSTASH_REDIS_REST_TOKEN
                ADVICE REVIEW LEGACY_PLAN_SYNC""");
        assertThat(report.remaining().get(0).message()).isEqualTo("renamed STRIPE_ENDPOINT_SECRET -> STRIPE_WEBHOOK_SECRET: "
                + "set STRIPE_WEBHOOK_SECRET to the value of STRIPE_ENDPOINT_SECRET; keep STRIPE_ENDPOINT_SECRET while a "
                + "rollback to 1.0.0 is possible");
        assertThat(report.check().undeclared()).containsExactly("SENTRY_DSN");
    }

    @Test
    void check_afterApplyAndTheTodosSet_isReady() {
        String applied = EnvRewrite.apply(PLATFORM, UpgradeFixtures.resource("prod-1.0.env")).after()
                .replace("UPSTASH_REDIS_REST_URL=\n", "UPSTASH_REDIS_REST_URL=https://eu1.upstash.io\n")
                .replace("UPSTASH_REDIS_REST_TOKEN=\n", "UPSTASH_REDIS_REST_TOKEN=tok\n");

        UpgradeCheck.Report report = UpgradeCheck.check(PLATFORM, DotEnv.parse(applied));

        assertThat(report.ready()).as(summary(report)).isTrue();
        assertThat(summary(report)).contains("DONE RENAME STRIPE_WEBHOOK_SECRET");
    }

    @Test
    void check_valueTheNewContractRefuses_isAFixThatNamesTheRuleButNotASecret() {
        String text = UpgradeFixtures.resource("prod-1.0.env").replace("LOG_LEVEL=debug", "LOG_LEVEL=trace")
                .replace("whsec_CANARYwh42zz", "CANARY-not-a-webhook-secret");

        UpgradeCheck.Report report = UpgradeCheck.check(PLATFORM, DotEnv.parse(text));

        assertThat(report.remaining()).extracting(UpgradeCheck.Action::message)
                .contains("fix LOG_LEVEL: 'trace' is not one of: debug, info, warn, error")
                .anySatisfy(message -> assertThat(message).contains("but its value will not do: the value does not match"));
        assertThat(report.actions().toString()).doesNotContain("CANARY");
    }

    @Test
    void check_variableSecretInAnEarlierVersion_neverHasItsValueQuoted() {
        EnvVar before = UpgradeFixtures.variable("TOKEN", true, null, null, true);
        EnvVar after = new EnvVar("TOKEN", EnvVar.Type.INT, true,
                Optional.empty(), Optional.empty(), Optional.empty(), false, List.of(),
                Optional.empty(), false, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        UpgradePath path = UpgradePath.compose(List.of(UpgradeFixtures.contract("1.0.0", before),
                UpgradeFixtures.contract("2.0.0", after)));

        UpgradeCheck.Report report = UpgradeCheck.check(path, DotEnv.parse("TOKEN=CANARYtok3n\n"));

        assertThat(report.remaining()).extracting(UpgradeCheck.Action::message)
                .containsExactly("fix TOKEN: the value is not a whole number");
    }

    @Test
    void check_malformedLine_isNotReady() {
        UpgradeCheck.Report report = UpgradeCheck.check(UpgradeFixtures.platformPath("1.2.0", "1.2.0"),
                DotEnv.parse("just words\n"));

        assertThat(report.malformed()).hasSize(1);
        assertThat(report.ready()).isFalse();
    }
}
