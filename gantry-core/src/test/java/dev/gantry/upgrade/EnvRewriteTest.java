package dev.gantry.upgrade;

import static dev.gantry.upgrade.UpgradeFixtures.contract;
import static dev.gantry.upgrade.UpgradeFixtures.optional;
import static dev.gantry.upgrade.UpgradeFixtures.renamed;
import static dev.gantry.upgrade.UpgradeFixtures.required;
import static dev.gantry.upgrade.UpgradeFixtures.secret;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EnvRewriteTest {
    static final UpgradePath PLATFORM = UpgradeFixtures.platformPath("1.0.0", "1.2.0");

    /** Every run of 6 characters of every canary value in the fixture. */
    static void assertNoSecretPart(String output, String... secrets) {
        for (String secret : secrets) {
            for (int i = 0; i + 6 <= secret.length(); i++) {
                assertThat(output).as("part of a secret value").doesNotContain(secret.substring(i, i + 6));
            }
        }
    }

    @Nested
    class Apply {
        @Test
        void apply_platformFixture_rewritesByteForByte() {
            EnvRewrite.Result result = EnvRewrite.apply(PLATFORM, UpgradeFixtures.resource("prod-1.0.env"));

            assertThat(result.changed()).isTrue();
            assertThat(result.after()).isEqualTo(UpgradeFixtures.resource("prod-1.2.env"));
            assertThat(result.changes()).containsExactly(
                    "STRIPE_WEBHOOK_SECRET: set from STRIPE_ENDPOINT_SECRET (renamed in 1.2.0); STRIPE_ENDPOINT_SECRET stays "
                            + "while a rollback to 1.0.0 is possible: delete it once 1.2.0 is final",
                    "STRIPE_API_VERSION: added with its default (new in 1.1.0)",
                    "UPSTASH_REDIS_REST_URL: added empty under '# TODO set before upgrading': set it before upgrading",
                    "UPSTASH_REDIS_REST_TOKEN: added empty under '# TODO set before upgrading': set it before upgrading");
        }

        @Test
        void apply_itsOwnOutput_changesNothing() {
            String once = EnvRewrite.apply(PLATFORM, UpgradeFixtures.resource("prod-1.0.env")).after();

            EnvRewrite.Result twice = EnvRewrite.apply(PLATFORM, once);

            assertThat(twice.changed()).isFalse();
            assertThat(twice.after()).isEqualTo(once);
            assertThat(twice.changes()).isEmpty();
            assertThat(twice.diff().render("a", "b")).isEmpty();
        }

        @Test
        void apply_crlfExportAndNoFinalNewline_keptOnUntouchedLinesAndFollowedByNewOnes() {
            UpgradePath path = UpgradePath.compose(List.of(contract("1.0.0", required("OLD"), required("KEEP")),
                    contract("2.0.0", renamed("NEW", "OLD"), required("KEEP"), optional("MODE", "fast lane"))));
            String text = "# top\r\nexport KEEP='it''s'\r\n\r\nexport OLD=\"a b\" # note";

            EnvRewrite.Result result = EnvRewrite.apply(path, text);

            assertThat(result.after()).isEqualTo("# top\r\nexport KEEP='it''s'\r\n\r\n"
                    + "# gantry upgrade 1.0.0 -> 2.0.0: OLD is renamed NEW (2.0.0), set below; this line stays while a "
                    + "rollback to 1.0.0 is possible: delete it once 2.0.0 is final.\r\n"
                    + "export OLD=\"a b\" # note\r\n"
                    + "export NEW=\"a b\" # note\r\n"
                    + "\r\n# gantry upgrade 1.0.0 -> 2.0.0: variables new since 1.0.0\r\n"
                    + "# MODE: new in 2.0.0, its default written out\r\n"
                    + "export MODE=\"fast lane\"\r\n");
            assertThat(EnvRewrite.apply(path, result.after()).changed()).isFalse();
        }

        @Test
        void apply_removedVariables_commentedOutUnlessTheOldVersionNeedsThem() {
            UpgradePath path = UpgradePath.compose(List.of(
                    contract("1.0.0", required("NEEDED"), optional("TUNING", "4"), required("KEEP")),
                    contract("1.1.0", required("KEEP"))));
            String text = "KEEP=1\nTUNING=8\nNEEDED=yes\n";

            EnvRewrite.Result result = EnvRewrite.apply(path, text);

            assertThat(result.after()).isEqualTo("""
                    KEEP=1
                    # gantry upgrade 1.0.0 -> 1.1.0: TUNING is no longer read from 1.1.0; commented out (restore it only to roll back to 1.0.0).
                    # TUNING=8
                    # gantry upgrade 1.0.0 -> 1.1.0: NEEDED is no longer read from 1.1.0, but 1.0.0 needs it: it stays while a rollback to 1.0.0 is possible: delete it once 1.1.0 is final.
                    NEEDED=yes
                    """);
            assertThat(EnvRewrite.apply(path, result.after()).changed()).isFalse();
        }

        @Test
        void apply_renamedTwice_movesTheFirstNameStraightToTheLast() {
            UpgradePath path = UpgradePath.compose(List.of(contract("1.0.0", required("A")),
                    contract("1.1.0", renamed("B", "A")), contract("1.2.0", renamed("C", "B"))));

            String after = EnvRewrite.apply(path, "A=value\n").after();

            assertThat(after).endsWith("A=value\nC=value\n").doesNotContain("B=");
        }
    }

    @Nested
    class Diff {
        @Test
        void diff_platformFixture_isUnifiedWithSecretAndUndeclaredValuesMasked() {
            String diff = EnvRewrite.apply(PLATFORM, UpgradeFixtures.resource("prod-1.0.env")).diff().render("prod.env", "new");

            assertThat(diff).startsWith("--- prod.env\n+++ new\n@@ -3,7 +3,9 @@\n export DATABASE_URL=********\n")
                    .contains("\n STRIPE_ENDPOINT_SECRET=********\n+STRIPE_WEBHOOK_SECRET=********\n")
                    .contains("\n APP_BASE_URL=https://app.acme-platform.com\n")
                    .contains("\n SENTRY_DSN=********\n")
                    .contains("@@ -11,3 +13,13 @@\n")
                    .contains("\n+STRIPE_API_VERSION=2024-06-20\n")
                    .contains("\n+# TODO set before upgrading\n+UPSTASH_REDIS_REST_URL=\n");
            assertNoSecretPart(diff, "pgsql://CANARYdbuser:CANARYdbpw77@CANARYdbhost/CANARYdb",
                    "0123456789abcdef0123456789abcdefCANARY", "sk_live_CANARY0123456789abcdefXYZ", "whsec_CANARYwh42zz",
                    "CANARYsentryQ9xW2e");
        }

        @Test
        void diff_multiLineSecretCommentedOut_masksEveryLine() {
            String key = "-----BEGIN KEY-----\nCANARYline1abcdef\nCANARYline2ghijkl\n-----END KEY-----";
            UpgradePath path = UpgradePath.compose(List.of(contract("1.0.0", secret("KEEP"),
                    UpgradeFixtures.variable("PRIVATE_KEY", false, null, null, true)), contract("1.1.0", secret("KEEP"))));
            String text = "KEEP=CANARYkeepvalue\nPRIVATE_KEY=\"" + key + "\"\n";

            EnvRewrite.Result result = EnvRewrite.apply(path, text);
            String diff = result.diff().render("a", "b");

            assertThat(result.after()).contains("# PRIVATE_KEY=\"-----BEGIN KEY-----\n# CANARYline1abcdef\n");
            assertThat(diff).contains("\n-PRIVATE_KEY=********\n-********\n-********\n-********\n+# gantry upgrade")
                    .contains("\n+# PRIVATE_KEY=********\n+# ********\n+# ********\n+# ********\n");
            assertNoSecretPart(diff, "CANARYkeepvalue", "CANARYline1abcdef", "CANARYline2ghijkl", "BEGIN KEY", "END KEY");
        }

        @Test
        void diff_nothingChanged_isEmpty() {
            String once = EnvRewrite.apply(PLATFORM, UpgradeFixtures.resource("prod-1.0.env")).after();

            assertThat(EnvRewrite.apply(PLATFORM, once).diff().isEmpty()).isTrue();
        }
    }
}
