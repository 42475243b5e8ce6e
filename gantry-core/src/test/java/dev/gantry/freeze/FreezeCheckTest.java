package dev.gantry.freeze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.plan.ReleasePlan;
import dev.gantry.testing.TestPlans;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreezeCheckTest {
    @TempDir
    Path dir;

    private FreezeStatus at(ReleasePlan plan, String instant, Optional<String> override) {
        return FreezeCheck.evaluate(plan, Instant.parse(instant), ZoneOffset.UTC, override);
    }

    @Nested
    class DefaultFreeze {
        // launch 2026-03-02: the default freeze runs from D-7 (2026-02-23) until D+1 (2026-03-03)
        @Test
        void evaluate_dayBeforeTheFreeze_isOpenAndSaysWhenItStarts() {
            FreezeStatus status = at(TestPlans.write(dir, TestPlans.HEAD), "2026-02-22T23:59:59Z", Optional.empty());

            assertThat(status).isInstanceOf(FreezeStatus.Open.class);
            assertThat(status.describe()).contains("starts on 2026-02-23");
        }

        @Test
        void evaluate_firstFrozenDay_isFrozenUntilTheDayAfterLaunch() {
            FreezeStatus status = at(TestPlans.write(dir, TestPlans.HEAD), "2026-02-23T00:00:00Z", Optional.empty());

            assertThat(status.blocks()).isTrue();
            assertThat(status.until()).isEqualTo(LocalDate.parse("2026-03-03"));
            assertThat(status.describe()).contains("until 2026-03-03");
        }

        @Test
        void evaluate_dayAfterLaunch_isOpenAgain() {
            FreezeStatus status = at(TestPlans.write(dir, TestPlans.HEAD), "2026-03-03T00:00:00Z", Optional.empty());

            assertThat(status.blocks()).isFalse();
            assertThat(status.describe()).contains("ended");
        }

        @Test
        void evaluate_insideWithOverride_isOverriddenAndKeepsTheReason() {
            FreezeStatus status = at(TestPlans.write(dir, TestPlans.HEAD), "2026-02-25T10:00:00Z",
                    Optional.of("hotfix for login outage INC-42"));

            assertThat(status).isEqualTo(new FreezeStatus.Overridden(LocalDate.parse("2026-02-23"),
                    LocalDate.parse("2026-03-03"), "hotfix for login outage INC-42"));
            assertThat(status.blocks()).isFalse();
        }

        @Test
        void evaluate_insideWithBlankOverride_isStillFrozen() {
            assertThat(at(TestPlans.write(dir, TestPlans.HEAD), "2026-02-25T10:00:00Z", Optional.of("  ")).blocks()).isTrue();
        }
    }

    @Test
    void evaluate_planFreeze_usesItsDaysAndAllowList() {
        ReleasePlan plan = TestPlans.write(dir, TestPlans.HEAD
                + "freeze: { start: D-3, end: D0, allow: [security fixes, copy changes] }\n");

        FreezeStatus status = at(plan, "2026-02-27T08:00:00Z", Optional.empty());

        assertThat(status).isInstanceOf(FreezeStatus.Frozen.class);
        assertThat(status.describe()).contains("since 2026-02-27 until 2026-03-02").contains("security fixes, copy changes");
        assertThat(at(plan, "2026-03-02T08:00:00Z", Optional.empty()).blocks()).isFalse();
    }
}
