package dev.gantry.upgrade;

import static dev.gantry.upgrade.UpgradeFixtures.contract;
import static dev.gantry.upgrade.UpgradeFixtures.optional;
import static dev.gantry.upgrade.UpgradeFixtures.renamed;
import static dev.gantry.upgrade.UpgradeFixtures.required;
import static dev.gantry.upgrade.UpgradeFixtures.version;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UpgradePathTest {
    static UpgradePath found(UpgradePath.Lookup lookup) {
        assertThat(lookup).isInstanceOf(UpgradePath.Lookup.Found.class);
        return ((UpgradePath.Lookup.Found) lookup).path();
    }

    @Nested
    class Compose {
        @Test
        void compose_renamedTwice_isOneMoveFromFirstToLastName() {
            UpgradePath path = UpgradePath.compose(List.of(
                    contract("1.0.0", required("KEEP"), required("A")),
                    contract("1.1.0", required("KEEP"), renamed("B", "A")),
                    contract("1.2.0", required("KEEP"), renamed("C", "B"))));

            assertThat(path.renames()).singleElement().satisfies(rename -> {
                assertThat(rename.names()).containsExactly("A", "B", "C");
                assertThat(rename.oldName()).isEqualTo("A");
                assertThat(rename.newName()).isEqualTo("C");
                assertThat(rename.renamedIn()).hasToString("1.2.0");
                assertThat(rename.rollbackNeedsOldName()).isTrue();
            });
            assertThat(path.added()).isEmpty();
            assertThat(path.removed()).isEmpty();
            assertThat(path.hops()).hasSize(2);
        }

        @Test
        void compose_addedThenRemovedOnTheWay_needsNoAction() {
            UpgradePath path = UpgradePath.compose(List.of(
                    contract("1.0.0", required("KEEP")),
                    contract("1.1.0", required("KEEP"), required("SHORT_LIVED")),
                    contract("1.2.0", required("KEEP"))));

            assertThat(path.added()).isEmpty();
            assertThat(path.removed()).isEmpty();
            assertThat(path.net()).isEmpty();
            assertThat(path.hops().get(0).findings()).extracting(f -> f.kind() + " " + f.variable())
                    .containsExactly("added SHORT_LIVED");
            assertThat(path.hops().get(1).findings()).extracting(f -> f.kind() + " " + f.variable())
                    .containsExactly("removed SHORT_LIVED");
        }

        @Test
        void compose_addedThenRenamed_isOneAdditionUnderTheLastName() {
            UpgradePath path = UpgradePath.compose(List.of(
                    contract("1.0.0"),
                    contract("1.1.0", optional("B", "x")),
                    contract("1.2.0", renamed("C", "B"))));

            assertThat(path.renames()).isEmpty();
            assertThat(path.added()).singleElement().satisfies(added -> {
                assertThat(added.variable().name()).isEqualTo("C");
                assertThat(added.since()).hasToString("1.1.0");
            });
        }

        @Test
        void compose_removed_saysWhereAndWhetherRollbackNeedsIt() {
            UpgradePath path = UpgradePath.compose(List.of(
                    contract("1.0.0", required("NEEDED"), optional("TUNING", "4")),
                    contract("1.1.0", required("NEEDED")),
                    contract("1.2.0")));

            assertThat(path.removed()).extracting(r -> r.variable().name() + " " + r.removedIn() + " " + r.rollbackNeedsIt())
                    .containsExactly("TUNING 1.1.0 false", "NEEDED 1.2.0 true");
        }

        @Test
        void compose_netChange_comparesOldDefinitionWithNewUnderTheNewName() {
            UpgradePath path = UpgradePath.compose(List.of(
                    contract("1.0.0", optional("A", "1")),
                    contract("1.1.0", UpgradeFixtures.variable("B", false, "1", "A", false)),
                    contract("1.2.0", UpgradeFixtures.variable("C", true, null, "B", false))));

            assertThat(path.net()).extracting(f -> f.kind() + " " + f.variable())
                    .containsExactly("now-required C", "default-removed C");
        }
    }

    @Nested
    class Find {
        ContractHistory history = ContractHistory.of(List.of(
                contract("1.10.0", required("D")), contract("1.2.0", required("A")), contract("1.9.0", required("D"))));

        @Test
        void find_versionsOrderSemantically_hopsThroughEachVersionInBetween() {
            UpgradePath path = found(UpgradePath.find(history, version("1.2"), version("1.10")));

            assertThat(path.contracts()).extracting(c -> c.version().toString()).containsExactly("1.2.0", "1.9.0", "1.10.0");
        }

        @Test
        void find_missingIntermediate_stillConnects() {
            ContractHistory gap = ContractHistory.of(List.of(contract("1.0.0", required("A")), contract("1.2.0", required("A"))));

            assertThat(found(UpgradePath.find(gap, version("1.0.0"), version("1.2.0"))).hops()).hasSize(1);
        }

        @Test
        void find_missingFromContract_namesTheFilesLookedAtAndTheVersionsFound() {
            UpgradePath.Lookup lookup = UpgradePath.find(history, version("1.1.0"), version("1.10.0"));

            assertThat(lookup).isInstanceOfSatisfying(UpgradePath.Lookup.NotFound.class, notFound -> assertThat(notFound.reason())
                    .contains("no contract for version 1.1.0").contains("contracts/app-1.9.0.yaml")
                    .contains("versions found: 1.2.0, 1.9.0, 1.10.0"));
        }

        @Test
        void find_fromNewerThanTo_isRefused() {
            assertThat(UpgradePath.find(history, version("1.10.0"), version("1.2.0")))
                    .isInstanceOfSatisfying(UpgradePath.Lookup.NotFound.class,
                            notFound -> assertThat(notFound.reason()).contains("is newer than --to"));
        }

        @Test
        void find_platformExample_goesThrough11AndMovesTheWebhookSecret() {
            UpgradePath path = UpgradeFixtures.platformPath("1.0", "1.2");

            assertThat(path.contracts()).extracting(c -> c.file().getFileName().toString())
                    .containsExactly("platform-1.0.0.yaml", "platform-1.1.0.yaml", "release.yaml");
            assertThat(path.renames()).extracting(r -> r.oldName() + " -> " + r.newName())
                    .containsExactly("STRIPE_ENDPOINT_SECRET -> STRIPE_WEBHOOK_SECRET");
            assertThat(path.added()).extracting(a -> a.variable().name() + " " + a.since()).containsExactly(
                    "STRIPE_API_VERSION 1.1.0", "UPSTASH_REDIS_REST_URL 1.2.0", "UPSTASH_REDIS_REST_TOKEN 1.2.0");
            assertThat(path.removed()).isEmpty();
        }
    }
}
