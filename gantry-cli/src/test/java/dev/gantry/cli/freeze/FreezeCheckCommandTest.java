package dev.gantry.cli.freeze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.cli.CliRun;
import org.junit.jupiter.api.Test;

class FreezeCheckCommandTest {
    // gonthia-crm-1.0 launches 2027-01-15 with a freeze from D-1 until D+1
    private static final String PLAN = CliRun.example("gonthia-crm-1.0");

    @Test
    void check_insideTheFreeze_exitsFourSayingUntilWhen() {
        CliRun run = CliRun.of("freeze", "check", PLAN, "--at", "2027-01-14T10:00:00Z");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.out()).contains("frozen since 2027-01-14 until 2027-01-16").contains("critical bug fixes");
    }

    @Test
    void check_insideTheFreezeWithOverride_exitsZeroAndShowsTheReason() {
        CliRun run = CliRun.of("freeze", "check", PLAN, "--at", "2027-01-15", "--override-reason", "fix for INC-12");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("overridden: fix for INC-12");
    }

    @Test
    void check_beforeTheFreeze_exitsZeroSayingWhenItStarts() {
        CliRun run = CliRun.of("freeze", "check", PLAN, "--at", "2027-01-10");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("not frozen: the code freeze starts on 2027-01-14");
    }

    @Test
    void check_unreadableTime_exitsTwo() {
        CliRun run = CliRun.of("freeze", "check", PLAN, "--at", "next tuesday");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--at 'next tuesday' is not a time");
    }
}
