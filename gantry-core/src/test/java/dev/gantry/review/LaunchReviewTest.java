package dev.gantry.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.gantry.plan.LoadResult;
import dev.gantry.plan.PlanLoader;
import dev.gantry.plan.ReleasePlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class LaunchReviewTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/review");

    static ReleasePlan example(String name) {
        LoadResult result = PlanLoader.load(dev.gantry.testing.TestPlans.examples().resolve(name).resolve("release.yaml"));
        assertThat(result).isInstanceOf(LoadResult.Valid.class);
        return ((LoadResult.Valid) result).plan();
    }

    static ReviewFacts.Measured given(double v) {
        return new ReviewFacts.Measured(v, Optional.empty(), "given");
    }

    static ReviewFacts offline(Map<String, Double> metrics, ReviewFacts.Bugs bugs) {
        Map<String, ReviewFacts.Measured> m = new java.util.HashMap<>();
        metrics.forEach((k, v) -> m.put(k, given(v)));
        return new ReviewFacts("offline inputs", m, bugs, List.of(), List.of());
    }

    /** The offline inputs of each example's golden review: one success, one failure, one needing attention. */
    static final Map<String, ReviewFacts> INPUTS = Map.of(
            "invoicing-launch", offline(Map.of("error-rate", 0.004, "email-delivery-rate", 0.95, "upload-success", 0.99,
                    "invoices-created", 620.0), new ReviewFacts.Bugs.Counted(0)),
            "platform-v1.2", offline(Map.of("upgrade-adoption", 0.72, "upgrade-tickets", 4.0), new ReviewFacts.Bugs.Counted(1)),
            "gonthia-crm-1.0", offline(Map.of("availability", 0.998, "error-rate", 0.003, "user-signups", 140.0,
                    "support-tickets", 12.0), new ReviewFacts.Bugs.Unknown()));

    @TestFactory
    Stream<DynamicTest> render_offlineExamples_matchGoldenFiles() {
        return INPUTS.keySet().stream().sorted().map(name -> DynamicTest.dynamicTest(name, () -> {
            String text = ReviewMarkdown.render(LaunchReview.of(example(name), INPUTS.get(name)));
            matchesGolden(name + ".md", text);
        }));
    }

    static void matchesGolden(String relative, String actual) throws IOException {
        Path file = GOLDEN.resolve(relative);
        if (Boolean.getBoolean("gantry.updateGolden")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.isRegularFile(file)) {
            fail("no golden file " + file + "; generate it with: ./mvnw -pl gantry-core test -Dtest=LaunchReviewTest"
                    + " -Dgantry.updateGolden=true");
        }
        assertThat(actual).as("%s (accept a deliberate change with -Dgantry.updateGolden=true, then review git diff)", file)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Nested
    class Decision {
        @Test
        void of_allTargetsMetNoBugs_success() {
            LaunchReview r = LaunchReview.of(example("invoicing-launch"), INPUTS.get("invoicing-launch"));
            assertThat(r.decision()).isEqualTo(LaunchReview.Decision.SUCCESS);
            assertThat(r.metrics()).extracting(LaunchReview.MetricResult::outcome).containsOnly(LaunchReview.Outcome.PASS);
        }

        @Test
        void of_metricMissesTarget_failedNamingIt() {
            LaunchReview r = LaunchReview.of(example("platform-v1.2"), INPUTS.get("platform-v1.2"));
            assertThat(r.decision()).isEqualTo(LaunchReview.Decision.FAILED);
            assertThat(r.reasons()).contains("Operators upgraded to 1.2 is 72%, target >= 80%",
                    "1 critical bug was reported within 48 hours of launch");
        }

        @Test
        void of_metricMissingBugsUnknown_needsAttention() {
            LaunchReview r = LaunchReview.of(example("gonthia-crm-1.0"), INPUTS.get("gonthia-crm-1.0"));
            assertThat(r.decision()).isEqualTo(LaunchReview.Decision.NEEDS_ATTENTION);
            assertThat(r.reasons()).containsExactly("Active Users was not measured",
                    "critical bugs in the first 48 hours are not known");
        }

        @Test
        void of_criticalBugJustOutsideWindow_passesWindowButOpenBugNeedsAttention() {
            ReleasePlan plan = example("invoicing-launch");
            Instant launch = LaunchReview.launch(plan);
            ReviewFacts.Bug inside = new ReviewFacts.Bug("b1", "Totals wrong", "critical", launch.plusSeconds(47 * 3600),
                    Optional.of(launch.plusSeconds(50 * 3600)));
            ReviewFacts.Bug after = new ReviewFacts.Bug("b2", "Logo blurry", "critical", launch.plusSeconds(48 * 3600),
                    Optional.empty());
            ReviewFacts base = INPUTS.get("invoicing-launch");
            LaunchReview failed = LaunchReview.of(plan, new ReviewFacts("server", base.metrics(),
                    new ReviewFacts.Bugs.Listed(List.of(inside, after)), List.of(), List.of()));
            LaunchReview attention = LaunchReview.of(plan, new ReviewFacts("server", base.metrics(),
                    new ReviewFacts.Bugs.Listed(List.of(after)), List.of(),
                    List.of(new ReviewFacts.Rollback(launch.plusSeconds(3600), "guard error-rate", true))));

            assertThat(failed.decision()).isEqualTo(LaunchReview.Decision.FAILED);
            assertThat(failed.bugWindow().inWindow()).extracting(ReviewFacts.Bug::id).containsExactly("b1");
            assertThat(attention.decision()).isEqualTo(LaunchReview.Decision.NEEDS_ATTENTION);
            assertThat(attention.reasons()).containsExactly("the release was rolled back once", "1 bug is still open");
        }
    }
}
