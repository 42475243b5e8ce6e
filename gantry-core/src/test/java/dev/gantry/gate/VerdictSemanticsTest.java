package dev.gantry.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.GateCategory;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The verdict rules, held to the shared data file gate/semantics/verdict-cases.json. */
class VerdictSemanticsTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TestFactory
    Stream<DynamicTest> decide_sharedCases_giveTheExpectedVerdict() throws IOException {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/gate/semantics/verdict-cases.json")) {
            cases = new ObjectMapper().readTree(in).path("cases");
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode testCase : cases) {
            tests.add(DynamicTest.dynamicTest(testCase.path("name").asText(), () -> {
                List<ItemResult> results = new ArrayList<>();
                for (JsonNode item : testCase.path("items")) {
                    results.add(result(item.get(0).asText(), item.get(1).asBoolean(),
                            CheckStatus.valueOf(item.get(2).asText())));
                }
                List<Waiver> waivers = new ArrayList<>();
                for (JsonNode waiver : testCase.path("waivers")) {
                    long hours = waiver.get(1).asLong();
                    waivers.add(new Waiver(waiver.get(0).asText(), "accepted risk", "dana",
                            NOW.minus(72, ChronoUnit.HOURS), NOW.plus(hours, ChronoUnit.HOURS)));
                }

                GateReport report = GateReport.decide(results, waivers, NOW);

                assertThat(report.verdict()).isEqualTo(Verdict.valueOf(testCase.path("verdict").asText()));
                List<String> expectedBlocking = new ArrayList<>();
                testCase.path("blocking").forEach(id -> expectedBlocking.add(id.asText()));
                assertThat(report.blocking()).extracting(r -> r.item().id()).containsExactlyElementsOf(expectedBlocking);
            }));
        }
        return tests.stream();
    }

    static ItemResult result(String id, boolean required, CheckStatus status) {
        CheckResult result = switch (status) {
            case PASS -> new CheckResult.Pass("ok", List.of());
            case FAIL -> new CheckResult.Fail("broken", List.of());
            case WARN -> new CheckResult.Warn("so-so", List.of());
            case PENDING -> new CheckResult.Pending("waiting", List.of());
            case ERROR -> new CheckResult.Error("cannot run", List.of());
            case SKIPPED -> new CheckResult.Skipped("not here", List.of());
        };
        GateCategory.Item item = new GateCategory.Item(id, id, required, new CheckSpec.Manual(Optional.empty()),
                Optional.empty(), Optional.empty());
        return new ItemResult("quality", item, result, Duration.ZERO);
    }
}
