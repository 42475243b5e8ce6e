package dev.gantry.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.plan.LoadResult;
import dev.gantry.plan.PlanLoader;
import dev.gantry.plan.ReleasePlan;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineTest {
    @TempDir
    Path dir;

    ReleasePlan plan() {
        String text = """
                apiVersion: gantry/v1
                release: { product: shop, version: 2.0.0, owner: ana, target: 2026-06-10 }
                milestones:
                  - { id: M1, name: Done early, due: D-20, status: done }
                  - { id: M2, name: Late, due: D-10, status: in-progress }
                  - { id: M3, name: Today, due: D-5 }
                  - { id: M4, name: Ahead, due: D-1 }
                timeline:
                  - { day: D-7, name: Code freeze, kind: code-freeze }
                  - { day: D+1, until: D+6, name: Watch, kind: phase }
                """;
        return ((LoadResult.Valid) PlanLoader.load("release.yaml", text, dir)).plan();
    }

    @Test
    void of_placesEveryEntryAgainstToday() {
        Timeline timeline = Timeline.of(plan(), LocalDate.of(2026, 6, 5));

        assertThat(timeline.todayAsReleaseDay()).isEqualTo("D-5");
        assertThat(timeline.entries()).extracting(e -> e.title() + "=" + e.status()).containsExactly(
                "M1: Done early=DONE", "M2: Late=OVERDUE", "Code freeze=PAST", "Code freeze=TODAY", "M3: Today=TODAY",
                "M4: Ahead=UPCOMING", "Watch=UPCOMING");
        assertThat(timeline.overdue()).extracting(Timeline.Entry::title).containsExactly("M2: Late");
        assertThat(timeline.next().orElseThrow().title()).isEqualTo("M4: Ahead");
    }

    @Test
    void of_resolvesRelativeDaysToDates() {
        Timeline timeline = Timeline.of(plan(), LocalDate.of(2026, 6, 12));

        Timeline.Entry watch = timeline.entries().stream().filter(e -> e.title().equals("Watch")).findFirst().orElseThrow();
        assertThat(watch.date()).isEqualTo("2026-06-11");
        assertThat(watch.until()).hasValue(LocalDate.of(2026, 6, 16));
        assertThat(watch.status()).isEqualTo(Timeline.Status.TODAY);
        assertThat(timeline.todayAsReleaseDay()).isEqualTo("D+2");
    }
}
