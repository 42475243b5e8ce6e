package dev.gantry.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every shipped example is a valid plan, and each expresses what its seed document holds. */
class ExamplesTest {
    static Path examples() {
        return dev.gantry.testing.TestPlans.examples();
    }

    static ReleasePlan load(String example) {
        LoadResult result = PlanLoader.load(examples().resolve(example).resolve("release.yaml"));
        assertThat(result).as("%s: %s", example, result instanceof LoadResult.Invalid invalid ? invalid.problems() : "")
                .isInstanceOf(LoadResult.Valid.class);
        return ((LoadResult.Valid) result).plan();
    }

    @TestFactory
    Stream<DynamicTest> everyExample_isValid() throws IOException {
        try (Stream<Path> dirs = Files.list(examples())) {
            List<Path> plans = dirs.map(dir -> dir.resolve("release.yaml")).filter(Files::isRegularFile).sorted().toList();
            assertThat(plans).hasSizeGreaterThanOrEqualTo(3);
            return plans.stream().map(plan -> DynamicTest.dynamicTest(plan.getParent().getFileName().toString(),
                    () -> load(plan.getParent().getFileName().toString())));
        }
    }

    @Test
    void platform_expressesBreakingChangesIntegrationAndPointOfNoReturn() {
        ReleasePlan plan = load("platform-v1.2");

        assertThat(plan.shippedChanges()).filteredOn(Change::breaking).extracting(Change::id)
                .contains("run-config-v2", "stripe-2024-06-20", "upstash-rate-limit", "plan-to-price-column");
        assertThat(plan.changes()).filteredOn(Change::deferred).extracting(Change::id).containsExactly("connect-oauth");
        Change stripe = plan.changes().stream().filter(c -> c.id().equals("stripe-2024-06-20")).findFirst().orElseThrow();
        assertThat(stripe.integration().orElseThrow().to()).isEqualTo("2024-06-20");
        assertThat(plan.variable("STRIPE_WEBHOOK_SECRET").orElseThrow().renamedFrom()).hasValue("STRIPE_ENDPOINT_SECRET");
        assertThat(plan.rollback().database()).isEqualTo(Rollback.DatabasePosture.RESTORE_BACKUP);
    }

    @Test
    void gonthia_expressesTheWholeGoNoGoChecklistAndSignOffs() {
        ReleasePlan plan = load("gonthia-crm-1.0");

        assertThat(plan.gates()).extracting(GateCategory::id)
                .contains("security", "reliability", "quality", "documentation", "optional");
        assertThat(plan.gates().stream().filter(c -> c.id().equals("security")).findFirst().orElseThrow().items())
                .hasSize(6).allMatch(GateCategory.Item::required);
        assertThat(plan.gates().stream().filter(c -> c.id().equals("optional")).findFirst().orElseThrow().items())
                .hasSize(4).noneMatch(GateCategory.Item::required);
        assertThat(plan.signoffs()).containsExactly("engineering-lead", "qa-lead", "security", "product-owner");
        assertThat(plan.support().knownIssues()).extracting(Support.KnownIssue::issue)
                .containsExactly("Import > 10K rows", "No email invites");
        assertThat(plan.successMetrics()).hasSize(5);
        assertThat(plan.rollout().orElseThrow().phases()).extracting(Rollout.Phase::percent).containsExactly(10.0, 50.0, 100.0);
    }

    @Test
    void invoicing_expressesPhasedActivationAndBusinessAlerts() {
        ReleasePlan plan = load("invoicing-launch");

        assertThat(plan.rollout().orElseThrow().activation()).extracting(Rollout.Activation::flag)
                .containsExactly("file-storage", "templates", "email-delivery", "analytics");
        assertThat(plan.monitoring().alerts()).extracting(alert -> alert.when().text())
                .containsExactly("> 1%", "> 2s", "< 90%", "> 5%");
        assertThat(plan.postLaunch().reviews()).extracting(review -> review.every().toHours()).containsExactly(1L, 24L);
    }
}
