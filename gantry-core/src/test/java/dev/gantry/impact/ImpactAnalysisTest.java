package dev.gantry.impact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.plan.Change;
import dev.gantry.plan.LoadResult;
import dev.gantry.plan.PlanLoader;
import dev.gantry.plan.ReleasePlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImpactAnalysisTest {
    static Path examples() {
        return dev.gantry.testing.TestPlans.examples();
    }

    static ReleasePlan plan(Path file) {
        return ((LoadResult.Valid) PlanLoader.load(file)).plan();
    }

    static ImpactReport.AudienceImpact audience(ImpactReport report, Change.Audience audience) {
        return report.audiences().stream().filter(a -> a.audience() == audience).findFirst().orElseThrow();
    }

    @Nested
    class Platform {
        final ImpactReport report = ImpactAnalysis.of(plan(examples().resolve("platform-v1.2/release.yaml")));

        @Test
        void of_pointOfNoReturn_isTheRenameMigrationWithGuidance() {
            ImpactReport.PointOfNoReturn point = report.pointOfNoReturn().orElseThrow();

            assertThat(point.migration()).isEqualTo("V5");
            assertThat(point.changes()).containsExactly("plan-to-price-column");
            assertThat(point.guidance()).last().asString().contains("restore-backup");
        }

        @Test
        void of_migrationsAfterTheBaseline_belongToTheRelease() {
            assertThat(report.migrations()).extracting(ImpactReport.MigrationImpact::label).containsExactly("V2", "V3", "V4", "V5");
            assertThat(report.migrations()).extracting(ImpactReport.MigrationImpact::classification)
                    .containsExactly("expand", "expand", "expand", "contract");
        }

        @Test
        void of_operators_getConfigAndContractActionsRiskiestFirst() {
            List<ImpactReport.Item> items = audience(report, Change.Audience.OPERATORS).items();

            assertThat(items).extracting(ImpactReport.Item::change).startsWith("plan-to-price-column", "run-config-v2");
            ImpactReport.Item config = items.get(1);
            assertThat(config.actions()).anyMatch(action -> action.contains("containerPort changes from 8080 to 9000"))
                    .anyMatch(action -> action.contains("memory is lowered from '1Gi' to '512Mi'"))
                    .anyMatch(action -> action.contains("comes from secret upstash/token"));
            ImpactReport.Item rename = items.stream().filter(i -> i.change().equals("webhook-secret-rename")).findFirst()
                    .orElseThrow();
            assertThat(rename.rollback()).isEqualTo(ImpactReport.RollbackSafety.CONDITIONAL);
            assertThat(rename.actions()).anyMatch(action -> action.contains("keep it set beside STRIPE_WEBHOOK_SECRET"));
        }

        @Test
        void of_contractMigration_makesItsChangeUnsafeToRollBack() {
            ImpactReport.Item column = audience(report, Change.Audience.DOWNSTREAM).items().get(0);

            assertThat(column.change()).isEqualTo("plan-to-price-column");
            assertThat(column.rollback()).isEqualTo(ImpactReport.RollbackSafety.UNSAFE);
            assertThat(column.rollbackDetail()).startsWith("past V5 (contract: renames column accounts.plan to price_id");
        }

        @Test
        void of_customerBreakingChange_reachesSupportAndFollowUpsAreListed() {
            assertThat(audience(report, Change.Audience.SUPPORT).items()).extracting(ImpactReport.Item::change)
                    .contains("stripe-2024-06-20");
            assertThat(report.followUps()).extracting(ImpactReport.FollowUp::change).containsExactly("connect-oauth");
            assertThat(report.undeclared()).isEmpty();
            assertThat(report.notes()).isEmpty();
        }
    }

    @Test
    void of_undeclaredWork_isReported(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("db/V1__base.sql"), "CREATE TABLE t (id bigint);\n");
        Files.writeString(dir.resolve("db/V2__drop.sql"), "SET lock_timeout='1s';\nALTER TABLE t DROP COLUMN id;\n");
        Files.writeString(dir.resolve("before.yaml"), "env: [{ name: A, value: x }, { name: PAY_API_VERSION, value: \"1\" }]\n");
        Files.writeString(dir.resolve("after.yaml"), "env: [{ name: A, value: x }, { name: B, value: y }, { name: PAY_API_VERSION, value: \"2\" }]\n");
        Path plan = dir.resolve("release.yaml");
        Files.writeString(plan, """
                apiVersion: gantry/v1
                release: { product: shop, version: 2.0.0, previous: 1.0.0, owner: ana, target: 2026-06-01 }
                environment:
                  A: { required: true }
                  NEW_THING: { since: 2.0.0 }
                migrations: { dir: db, baseline: "1" }
                changes:
                  - { id: deploy, title: New deployment, evidence: { configDiff: { before: before.yaml, after: after.yaml } } }
                """);

        ImpactReport report = ImpactAnalysis.of(plan(plan));

        assertThat(report.undeclared()).extracting(ImpactReport.Undeclared::kind, ImpactReport.Undeclared::subject)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("migration", "V2"),
                        org.assertj.core.groups.Tuple.tuple("environment", "NEW_THING"),
                        org.assertj.core.groups.Tuple.tuple("configuration", "B"),
                        org.assertj.core.groups.Tuple.tuple("configuration", "PAY_API_VERSION"),
                        org.assertj.core.groups.Tuple.tuple("integration", "env PAY_API_VERSION"));
        assertThat(report.pointOfNoReturn().orElseThrow().migration()).isEqualTo("V2");
        assertThat(report.pointOfNoReturn().orElseThrow().guidance()).last().asString()
                .contains("cannot be undone by rolling the application back: set rollback.database");
    }

    @Test
    void migrationGuide_isDeterministicAndRiskiestFirst() {
        ReleasePlan plan = plan(examples().resolve("platform-v1.2/release.yaml"));

        String guide = MigrationGuide.of(plan);

        assertThat(MigrationGuide.of(plan)).isEqualTo(guide);
        assertThat(guide).startsWith("# Upgrading platform from 1.0.0 to 1.2.0\n")
                .contains("This release has **5 breaking changes**")
                .contains("| 1 | accounts.plan is renamed price_id | downstream, operators | critical | unsafe |")
                .contains("### 1. accounts.plan is renamed price_id")
                .contains("**Point of no return: V5.**")
                .contains("| `STRIPE_WEBHOOK_SECRET` | yes | yes | new in 1.2.0; renamed from STRIPE_ENDPOINT_SECRET |")
                .contains("## Not in this release");
        assertThat(guide.indexOf("### 1. accounts.plan")).isLessThan(guide.indexOf("### 4. Rate limiting"));
    }
}
