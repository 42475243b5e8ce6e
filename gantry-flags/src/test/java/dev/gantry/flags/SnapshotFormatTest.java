package dev.gantry.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SnapshotFormatTest {

    private static final String FLAG = """
            {"key":"f","type":"boolean","on":true,
             "variations":[{"name":"on","value":true},{"name":"off","value":false}],
             "offVariation":"off","fallthrough":{"variation":"on"}}""";

    private static String doc(String flags) {
        return "{\"format\":1,\"version\":\"7\",\"flags\":[" + flags + "]}";
    }

    private static String flagWith(String search, String replacement) {
        String f = FLAG.replace(search, replacement);
        if (f.equals(FLAG)) {
            throw new IllegalArgumentException("fixture edit did not apply: " + search);
        }
        return f;
    }

    private static String rule(String clause) {
        return flagWith("\"fallthrough\"", "\"rules\":[{\"id\":\"r\",\"clauses\":[" + clause
                + "],\"serve\":{\"variation\":\"on\"}}],\"fallthrough\"");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not JSON", "{\"format\":1,", "$: not well-formed JSON at line 1"),
                Arguments.of("empty", "", "$: the document is empty"),
                Arguments.of("array root", "[]", "$: expected an object, got array"),
                Arguments.of("missing format", "{\"version\":\"1\",\"flags\":[]}", "$: missing required field 'format'"),
                Arguments.of("future format", "{\"format\":2,\"version\":\"1\",\"flags\":[]}", "$.format: this SDK reads format 1, got 2"),
                Arguments.of("bad version", "{\"format\":1,\"version\":\"a b\",\"flags\":[]}", "$.version: 'a b' is not a valid version"),
                Arguments.of("duplicate JSON key", "{\"format\":1,\"format\":1,\"version\":\"1\",\"flags\":[]}", "Duplicate field 'format'"),
                Arguments.of("unknown field", doc(flagWith("\"on\":true", "\"on\":true,\"enabled\":true")),
                        "$.flags[0].enabled: unknown field 'enabled'"),
                Arguments.of("wrong JSON type", doc(flagWith("\"on\":true", "\"on\":\"yes\"")),
                        "$.flags[0].on: expected true or false, got string"),
                Arguments.of("unknown type", doc(flagWith("\"boolean\"", "\"bool\"")),
                        "$.flags[0].type: unknown flag type 'bool'"),
                Arguments.of("variation value of wrong type", doc(flagWith("\"value\":false", "\"value\":0")),
                        "$.flags[0].variations[1].value: a boolean flag needs boolean values, not number"),
                Arguments.of("duplicate variation", doc(flagWith("\"name\":\"off\"", "\"name\":\"on\"")),
                        "$.flags[0].variations[1].name: duplicate variation name 'on'"),
                Arguments.of("unknown off variation", doc(flagWith("\"offVariation\":\"off\"", "\"offVariation\":\"of\"")),
                        "$.flags[0].offVariation: flag 'f' has no variation 'of' (it has 'on', 'off')"),
                Arguments.of("duplicate flag key", doc(FLAG + "," + FLAG), "$.flags[1].key: duplicate flag key 'f'"),
                Arguments.of("unknown operator", doc(rule("{\"attribute\":\"a\",\"op\":\"startWith\",\"values\":[\"x\"]}")),
                        "$.flags[0].rules[0].clauses[0].op: unknown operator 'startWith'; expected one of in, notIn"),
                Arguments.of("invalid regex", doc(rule("{\"attribute\":\"a\",\"op\":\"matches\",\"values\":[\"(ab\"]}")),
                        "$.flags[0].rules[0].clauses[0].values[0]: invalid regular expression '(ab'"),
                Arguments.of("invalid semver", doc(rule("{\"attribute\":\"a\",\"op\":\"semverLessThan\",\"values\":[\"1.2\"]}")),
                        "$.flags[0].rules[0].clauses[0].values[0]: '1.2' is not a semantic version"),
                Arguments.of("invalid date", doc(rule("{\"attribute\":\"a\",\"op\":\"before\",\"values\":[\"tomorrow\"]}")),
                        "$.flags[0].rules[0].clauses[0].values[0]: 'tomorrow' is not an RFC 3339 date-time"),
                Arguments.of("number op with string", doc(rule("{\"attribute\":\"a\",\"op\":\"lessThan\",\"values\":[\"5\"]}")),
                        "$.flags[0].rules[0].clauses[0].values[0]: lessThan needs a number, not string"),
                Arguments.of("empty values", doc(rule("{\"attribute\":\"a\",\"op\":\"in\",\"values\":[]}")),
                        "$.flags[0].rules[0].clauses[0].values: a clause needs at least one value"),
                Arguments.of("unknown segment", doc(rule("{\"op\":\"inSegment\",\"values\":[\"beta\"]}")),
                        "$.flags[0].rules[0].clauses[0].values[0]: no segment with key 'beta' in this snapshot"),
                Arguments.of("split not summing to 100000", doc(flagWith("{\"variation\":\"on\"}}",
                        "{\"split\":[{\"variation\":\"on\",\"weight\":10000},{\"variation\":\"off\",\"weight\":80000}]}}")),
                        "$.flags[0].fallthrough.split: weights sum to 90000 but must sum to 100000"),
                Arguments.of("fractional weight", doc(flagWith("{\"variation\":\"on\"}}",
                        "{\"split\":[{\"variation\":\"on\",\"weight\":10.5},{\"variation\":\"off\",\"weight\":89999.5}]}}")),
                        "$.flags[0].fallthrough.split[0].weight: must be a whole number from 0 to 100000"),
                Arguments.of("variation and split", doc(flagWith("{\"variation\":\"on\"}}",
                        "{\"variation\":\"on\",\"split\":[]}}")),
                        "$.flags[0].fallthrough: give exactly one of 'variation' (a fixed variation) or 'split'"),
                Arguments.of("unknown split variation", doc(flagWith("{\"variation\":\"on\"}}",
                        "{\"split\":[{\"variation\":\"maybe\",\"weight\":100000}]}}")),
                        "$.flags[0].fallthrough.split[0].variation: flag 'f' has no variation 'maybe'"),
                Arguments.of("unknown prerequisite flag", doc(flagWith("\"fallthrough\"",
                        "\"prerequisites\":[{\"flag\":\"g\",\"variation\":\"on\"}],\"fallthrough\"")),
                        "$.flags[0].prerequisites[0].flag: no flag with key 'g' in this snapshot"),
                Arguments.of("unknown prerequisite variation", doc(FLAG + "," + flagWith("\"key\":\"f\"", "\"key\":\"g\"")
                        .replace("\"fallthrough\"", "\"prerequisites\":[{\"flag\":\"f\",\"variation\":\"yes\"}],\"fallthrough\"")),
                        "$.flags[1].prerequisites[0].variation: flag 'f' has no variation 'yes' (it has 'on', 'off')"),
                Arguments.of("nested segments", "{\"format\":1,\"version\":\"1\",\"flags\":[],\"segments\":[{\"key\":\"s\","
                        + "\"rules\":[{\"id\":\"r\",\"clauses\":[{\"op\":\"inSegment\",\"values\":[\"s\"]}]}]}]}",
                        "$.segments[0].rules[0].clauses[0].op: segment rules cannot use inSegment (segments do not nest)"),
                Arguments.of("target variation unknown", doc(flagWith("\"fallthrough\"",
                        "\"targets\":[{\"variation\":\"x\",\"keys\":[\"a\"]}],\"fallthrough\"")),
                        "$.flags[0].targets[0].variation: flag 'f' has no variation 'x'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void parse_malformedDocument_isRejectedWithPathAndReason(String name, String json, String expected) {
        assertThatThrownBy(() -> Snapshot.parse(json))
                .isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining(expected);
    }

    @Nested
    class Problems {
        @Test
        void parse_severalCrossReferenceProblems_listsEveryOne() {
            String json = doc(flagWith("\"offVariation\":\"off\"", "\"offVariation\":\"nope\"")
                    .replace("{\"variation\":\"on\"}}", "{\"variation\":\"gone\"}}"));

            SnapshotFormatException e = org.junit.jupiter.api.Assertions.assertThrows(SnapshotFormatException.class,
                    () -> Snapshot.parse(json));

            assertThat(e.problems()).containsExactly(
                    "$.flags[0].offVariation: flag 'f' has no variation 'nope' (it has 'on', 'off')",
                    "$.flags[0].fallthrough.variation: flag 'f' has no variation 'gone' (it has 'on', 'off')");
            assertThat(e.getMessage()).startsWith("Invalid flag snapshot (2 problems):");
        }

        @Test
        void parse_minimalDocument_isAccepted() {
            Snapshot s = Snapshot.parse(doc(FLAG));

            assertThat(s.flags()).hasSize(1);
            assertThat(s.segments()).isEmpty();
            assertThat(s.flag("f").orElseThrow().salt()).isEqualTo("f");
        }
    }
}
