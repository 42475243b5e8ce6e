package dev.gantry.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Holds docs/plan.schema.json and the plan loader to the same plans: the examples, and the
 * fixtures under {@code plan-fixtures/}. A plan one accepts and the other refuses fails the build,
 * so the schema editors use cannot drift from what {@code gantry plan validate} says.
 *
 * <p>Each invalid fixture holds one mistake and says on its first line where the loader must
 * report it: {@code # expect: 7:5 unknown key 'titel'} (line:column, then text the message holds).
 */
class PlanSchemaTest {
    private static final Path ROOT = repositoryRoot();
    private static final Path SCHEMA_FILE = ROOT.resolve("docs/plan.schema.json");
    private static final Path FIXTURES = ROOT.resolve("gantry-core/src/test/resources/plan-fixtures");
    private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*(\\d+):(\\d+)\\s+(.+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SCHEMA_TREE = readJson(SCHEMA_FILE);
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SCHEMA_TREE);
    /** The same schema read by draft-07 rules, as the VS Code YAML extension reads it. */
    private static final JsonSchema SCHEMA_AS_DRAFT_07 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(((ObjectNode) SCHEMA_TREE.deepCopy()).put("$schema", "http://json-schema.org/draft-07/schema#"));

    @Nested
    class Examples {
        @TestFactory
        Stream<DynamicTest> validate_everyExample_acceptedBySchemaAndLoader() throws IOException {
            List<Path> examples;
            try (Stream<Path> dirs = Files.list(ROOT.resolve("examples"))) {
                examples = dirs.map(dir -> dir.resolve("release.yaml")).filter(Files::isRegularFile).sorted().toList();
            }
            assertThat(examples).as("examples/*/release.yaml").isNotEmpty();
            return examples.stream().map(plan -> DynamicTest.dynamicTest(ROOT.relativize(plan).toString(), () -> {
                assertThat(schemaErrors(plan)).as("schema errors").isEmpty();
                assertThat(loaderProblems(plan)).as("loader problems").isEmpty();
            }));
        }
    }

    @Nested
    class Fixtures {
        @TestFactory
        Stream<DynamicTest> validate_validFixture_acceptedBySchemaAndLoader() {
            return fixtures("valid").map(plan -> DynamicTest.dynamicTest(plan.getFileName().toString(), () -> {
                assertThat(schemaErrors(plan)).as("schema errors").isEmpty();
                assertThat(loaderProblems(plan)).as("loader problems").isEmpty();
            }));
        }

        @TestFactory
        Stream<DynamicTest> validate_invalidFixture_refusedByBothAndLoaderPointsAtTheMistake() {
            return fixtures("invalid").map(plan -> DynamicTest.dynamicTest(plan.getFileName().toString(), () -> {
                Expectation expected = expectation(plan);
                assertThat(schemaErrors(plan)).as("the schema accepts what the loader must refuse").isNotEmpty();
                List<Problem> problems = loaderProblems(plan);
                assertThat(problems).as("the loader's problems: exactly one, the fixture's mistake").hasSize(1);
                Problem problem = problems.get(0);
                assertThat(problem.line() + ":" + problem.column()).as(problem.format()).isEqualTo(expected.position());
                assertThat(problem.message()).contains(expected.message());
            }));
        }

        @Test
        void fixtures_bothKinds_present() {
            assertThat(fixtures("valid")).isNotEmpty();
            assertThat(fixtures("invalid")).hasSizeGreaterThanOrEqualTo(10);
        }
    }

    /**
     * Every YAML example in docs/plan-format.md is valid for both. A section example gets
     * {@code apiVersion} and a {@code release} put in front when it has none; files it names
     * resolve against examples/platform-v1.2.
     */
    @Nested
    class FormatReference {
        @TestFactory
        Stream<DynamicTest> validate_everyYamlExampleInPlanFormat_acceptedBySchemaAndLoader() {
            List<String> blocks = yamlBlocks(read(ROOT.resolve("docs/plan-format.md")));
            assertThat(blocks).hasSizeGreaterThanOrEqualTo(20);
            // A block whose first line says "(invalid)" shows a mistake; see the next test.
            Path directory = ROOT.resolve("examples/platform-v1.2");
            return blocks.stream().filter(block -> !isInvalidExample(block)).map(block ->
                    DynamicTest.dynamicTest(firstLine(block), () -> {
                        String plan = completed(block);
                        assertThat(schemaErrors("plan-format.md", plan)).as("schema errors in%n%s", plan).isEmpty();
                        assertThat(problems(PlanLoader.load("plan-format.md", plan, directory)))
                                .as("loader problems in%n%s", plan).isEmpty();
                    }));
        }

        /** The error report shown in the reference is what the loader prints for the plan shown with it. */
        @Test
        void load_invalidExampleInPlanFormat_reportsTheProblemsTheReferenceShows() {
            String markdown = read(ROOT.resolve("docs/plan-format.md"));
            List<String> invalid = yamlBlocks(markdown).stream().filter(PlanSchemaTest::isInvalidExample).toList();
            assertThat(invalid).hasSize(1);
            assertThat(schemaErrors("release.yaml", invalid.get(0))).isNotEmpty();
            List<Problem> problems = problems(PlanLoader.load("release.yaml", invalid.get(0), ROOT));
            assertThat(problems).isNotEmpty();
            for (Problem problem : problems) {
                assertThat(markdown).contains(problem.format());
            }
            assertThat(markdown).contains("release.yaml: " + problems.size() + " problems");
        }
    }

    /**
     * Editors that implement draft-07 only (the VS Code YAML extension) get the same verdicts:
     * the schema uses no keyword whose meaning changed after draft-07.
     */
    @Nested
    class Draft07Editors {
        @TestFactory
        Stream<DynamicTest> validate_validFixtureReadAsDraft07_accepted() {
            return fixtures("valid").map(plan -> DynamicTest.dynamicTest(plan.getFileName().toString(), () ->
                    assertThat(schemaErrors(SCHEMA_AS_DRAFT_07, plan.toString(), read(plan))).isEmpty()));
        }

        @TestFactory
        Stream<DynamicTest> validate_invalidFixtureReadAsDraft07_refused() {
            return fixtures("invalid").map(plan -> DynamicTest.dynamicTest(plan.getFileName().toString(), () ->
                    assertThat(schemaErrors(SCHEMA_AS_DRAFT_07, plan.toString(), read(plan)))
                            .as("draft-07 accepts an invalid plan").isNotEmpty()));
        }
    }

    /** The schema names what the loader reads; a constant added on one side only fails here. */
    @Nested
    class SameVocabulary {
        @Test
        void topLevelKeys_schemaProperties_matchLoader() {
            assertThat(names(SCHEMA_TREE.at("/properties"))).containsExactly(PlanReader.TOP_LEVEL_KEYS);
        }

        @Test
        void checkTypes_schemaEnum_matchLoader() {
            assertThat(values(SCHEMA_TREE.at("/$defs/check/properties/type/enum")))
                    .containsExactlyElementsOf(GateReader.CHECK_TYPES);
        }

        @TestFactory
        Stream<DynamicTest> enums_schemaEnum_matchLoader() {
            Map<String, Class<? extends PlanEnum>> enums = Map.ofEntries(
                    Map.entry("/$defs/release/properties/type", Release.Type.class),
                    Map.entry("/$defs/milestone/properties/status", Milestone.Status.class),
                    Map.entry("/$defs/timelineEvent/properties/kind", TimelineEvent.Kind.class),
                    Map.entry("/$defs/change/properties/type", Change.Type.class),
                    Map.entry("/$defs/change/properties/audiences/items", Change.Audience.class),
                    Map.entry("/$defs/change/properties/risk", Change.Risk.class),
                    Map.entry("/$defs/envVar/properties/type", EnvVar.Type.class),
                    Map.entry("/$defs/check-coverage/properties/counter", CheckSpec.Coverage.Counter.class),
                    Map.entry("/$defs/flag/properties/type", FlagDeclaration.Kind.class),
                    Map.entry("/$defs/guard/properties/source", Rollout.Guard.Source.class),
                    Map.entry("/$defs/guard/properties/action", Rollout.Guard.Action.class),
                    Map.entry("/$defs/rollback/properties/database", Rollback.DatabasePosture.class),
                    Map.entry("/$defs/communication/properties/medium", Communication.Medium.class),
                    Map.entry("/$defs/communication/properties/trigger", Communication.Trigger.class),
                    Map.entry("/$defs/monitoring/properties/alerts/items/properties/severity", Monitoring.Severity.class),
                    Map.entry("/$defs/successMetric/properties/source", SuccessMetric.Source.class),
                    Map.entry("/$defs/notification/properties/type", NotificationChannel.Type.class));
            return enums.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(entry ->
                    DynamicTest.dynamicTest(entry.getKey(), () -> {
                        JsonNode node = SCHEMA_TREE.at(entry.getKey() + "/enum");
                        assertThat(node.isArray()).as(entry.getKey() + "/enum exists").isTrue();
                        assertThat(values(node)).containsExactly(Arrays.stream(entry.getValue().getEnumConstants())
                                .map(PlanEnum::planName).toArray(String[]::new));
                    }));
        }

        @Test
        void schema_everyProperty_hasDescription() {
            List<String> missing = new ArrayList<>();
            undescribed(SCHEMA_TREE, "", missing);
            assertThat(missing).as("properties without a description").isEmpty();
        }

        @Test
        void schema_header_namesDraftIdAndTitle() {
            assertThat(SCHEMA_TREE.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(SCHEMA_TREE.path("$id").asText()).endsWith("plan.schema.json");
            assertThat(SCHEMA_TREE.path("title").asText()).isNotBlank();
        }
    }

    // ---- helpers

    private static List<String> schemaErrors(Path plan) {
        return schemaErrors(plan.toString(), read(plan));
    }

    /** The schema's complaints about the plan, read with the loader's YAML engine (core schema, merge keys). */
    private static List<String> schemaErrors(String source, String text) {
        return schemaErrors(SCHEMA, source, text);
    }

    private static List<String> schemaErrors(JsonSchema schema, String source, String text) {
        Problems problems = new Problems(source);
        Optional<YamlNode> root = YamlTree.parse(source, text, problems);
        if (root.isEmpty()) {
            fail("not readable YAML: " + problems.sorted());
        }
        Set<ValidationMessage> errors = schema.validate(DeliveryReader.json(root.get()));
        return errors.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static List<Problem> loaderProblems(Path plan) {
        return problems(PlanLoader.load(plan));
    }

    private static List<Problem> problems(LoadResult result) {
        return switch (result) {
            case LoadResult.Valid valid -> List.of();
            case LoadResult.Invalid invalid -> invalid.problems();
        };
    }

    /** The contents of the ```yaml fences in a Markdown text, indentation of the fence removed. */
    private static List<String> yamlBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher fence = Pattern.compile("(?m)^( *)```yaml\\n(.*?)^\\1```$", Pattern.DOTALL).matcher(markdown);
        while (fence.find()) {
            String indent = fence.group(1);
            blocks.add(fence.group(2).lines().map(line -> line.startsWith(indent) ? line.substring(indent.length()) : line)
                    .collect(java.util.stream.Collectors.joining("\n", "", "\n")));
        }
        return blocks;
    }

    private static boolean isInvalidExample(String block) {
        return block.lines().findFirst().orElse("").contains("(invalid)");
    }

    private static String completed(String block) {
        String plan = block;
        if (!Pattern.compile("(?m)^release:").matcher(plan).find()) {
            plan = "release: { product: shop, version: 1.1.0, owner: dana, target: 2026-03-02 }\n" + plan;
        }
        if (!Pattern.compile("(?m)^apiVersion:").matcher(plan).find()) {
            plan = "apiVersion: gantry/v1\n" + plan;
        }
        return plan;
    }

    private static String firstLine(String block) {
        return block.lines().filter(line -> !line.startsWith("#")).findFirst().orElse("(empty)");
    }

    private record Expectation(String position, String message) {}

    private static Expectation expectation(Path plan) {
        String first = read(plan).lines().findFirst().orElse("");
        Matcher matcher = EXPECT.matcher(first);
        if (!matcher.matches()) {
            fail(plan.getFileName() + ": the first line must be '# expect: LINE:COL message', not '" + first + "'");
        }
        return new Expectation(matcher.group(1) + ":" + matcher.group(2), matcher.group(3).strip());
    }

    private static Stream<Path> fixtures(String kind) {
        try (Stream<Path> files = Files.list(FIXTURES.resolve(kind))) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void undescribed(JsonNode node, String path, List<String> missing) {
        if (node.isObject()) {
            JsonNode properties = node.get("properties");
            boolean inCondition = path.matches(".*/(if|then|else|not)(/.*)?");
            if (properties != null && properties.isObject() && !inCondition) {
                properties.fields().forEachRemaining(field -> {
                    if (!field.getValue().has("description")) {
                        missing.add(path + "/properties/" + field.getKey());
                    }
                });
            }
            node.fields().forEachRemaining(field -> undescribed(field.getValue(), path + "/" + field.getKey(), missing));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                undescribed(node.get(i), path + "/" + i, missing);
            }
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory holding examples/, found by walking up from the working directory. */
    private static Path repositoryRoot() {
        return dev.gantry.testing.TestPlans.examples().getParent();
    }
}
