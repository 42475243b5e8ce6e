package dev.gantry.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.flags.internal.JsonTree;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class EvaluatorTest {

    /** A snapshot document with the given flags (JSON objects) and segments. */
    static Snapshot snapshot(String flagsJson, String segmentsJson) {
        return Snapshot.parse("{\"format\":1,\"version\":\"1\",\"flags\":[" + flagsJson + "],\"segments\":[" + segmentsJson + "]}");
    }

    static Snapshot snapshot(String flagsJson) {
        return snapshot(flagsJson, "");
    }

    /** A boolean flag named key with on/off variations; extra holds additional members. */
    static String boolFlag(String key, String extra) {
        return """
                {"key":"%s","type":"boolean","on":true,
                 "variations":[{"name":"on","value":true},{"name":"off","value":false}],
                 "offVariation":"off","fallthrough":{"variation":"on"}%s}""".formatted(key, extra.isEmpty() ? "" : "," + extra);
    }

    private static final EvaluationContext ALICE = EvaluationContext.builder("alice").set("country", "NL").build();

    @Nested
    class Reasons {
        @Test
        void evaluate_flagOff_servesOffVariationWithOff() {
            Snapshot s = snapshot(boolFlag("f", "").replace("\"on\":true,", "\"on\":false,"));

            EvaluationDetail<Boolean> d = s.booleanDetail("f", ALICE, true);

            assertThat(d.value()).isFalse();
            assertThat(d.variant()).contains("off");
            assertThat(d.reason()).isEqualTo(Reason.OFF);
            assertThat(d.errorCode()).isEmpty();
        }

        @Test
        void evaluate_targetedKey_servesTargetBeforeRules() {
            Snapshot s = snapshot(boolFlag("f", """
                    "targets":[{"variation":"off","keys":["alice","bob"]}],
                    "rules":[{"id":"nl","clauses":[{"attribute":"country","op":"in","values":["NL"]}],"serve":{"variation":"on"}}]"""));

            EvaluationDetail<Boolean> d = s.booleanDetail("f", ALICE, true);

            assertThat(d.value()).isFalse();
            assertThat(d.reason()).isEqualTo(Reason.TARGET_MATCH);
        }

        @Test
        void evaluate_secondRuleMatches_servesItWithRuleIdAndIndex() {
            Snapshot s = snapshot(boolFlag("f", """
                    "fallthrough":{"variation":"off"},
                    "rules":[{"id":"us","clauses":[{"attribute":"country","op":"in","values":["US"]}],"serve":{"variation":"off"}},
                             {"id":"nl","clauses":[{"attribute":"country","op":"in","values":["NL"]}],"serve":{"variation":"on"}}]""")
                    .replace("\"fallthrough\":{\"variation\":\"on\"},", ""));

            EvaluationDetail<Boolean> d = s.booleanDetail("f", ALICE, false);

            assertThat(d.value()).isTrue();
            assertThat(d.reason()).isEqualTo(Reason.RULE_MATCH);
            assertThat(d.ruleId()).contains("nl");
            assertThat(d.ruleIndex()).isEqualTo(1);
        }

        @Test
        void evaluate_ruleWithTwoClauses_needsBoth() {
            Snapshot s = snapshot(boolFlag("f", """
                    "rules":[{"id":"nl-pro","clauses":[{"attribute":"country","op":"in","values":["NL"]},
                                                       {"attribute":"plan","op":"in","values":["pro"]}],"serve":{"variation":"off"}}]"""));

            assertThat(s.booleanDetail("f", ALICE, true).reason()).isEqualTo(Reason.DEFAULT);
            EvaluationContext pro = EvaluationContext.builder("carol").set("country", "NL").set("plan", "pro").build();
            assertThat(s.booleanDetail("f", pro, true).reason()).isEqualTo(Reason.RULE_MATCH);
        }

        @Test
        void evaluate_noMatchFixedFallthrough_servesDefault() {
            EvaluationDetail<Boolean> d = snapshot(boolFlag("f", "")).booleanDetail("f", ALICE, false);

            assertThat(d.value()).isTrue();
            assertThat(d.reason()).isEqualTo(Reason.DEFAULT);
            assertThat(d.ruleId()).isEmpty();
        }

        @Test
        void evaluate_splitFallthrough_reportsSplit() {
            Snapshot s = Fixtures.example();

            EvaluationDetail<String> d = s.stringDetail("checkout-theme",
                    EvaluationContext.builder("u").set("accountId", "acct-9").build(), "none");

            assertThat(d.reason()).isEqualTo(Reason.SPLIT);
            assertThat(d.value()).isIn("classic", "dark", "neon");
            assertThat(d.variant()).contains(d.value());
        }

        @Test
        void evaluate_splitByAttribute_sameAttributeSameVariationWhateverTheKey() {
            Snapshot s = Fixtures.example();
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                seen.add(s.stringValue("checkout-theme",
                        EvaluationContext.builder("user-" + i).set("accountId", "acct-1").build(), "none"));
            }
            assertThat(seen).containsOnly(seen.get(0));
            assertThat(seen.get(0)).isEqualTo(
                    Bucketing.bucket("checkout-theme", "acct-1") < 33334 ? "classic"
                            : Bucketing.bucket("checkout-theme", "acct-1") < 66667 ? "dark" : "neon");
        }

        @Test
        void evaluate_prerequisiteServesOtherVariation_failsWithPrerequisiteKey() {
            Snapshot s = snapshot(boolFlag("parent", "\"fallthrough\":{\"variation\":\"off\"}").replace(
                    "\"fallthrough\":{\"variation\":\"on\"},", "") + ","
                    + boolFlag("child", "\"prerequisites\":[{\"flag\":\"parent\",\"variation\":\"on\"}]"));

            EvaluationDetail<Boolean> d = s.booleanDetail("child", ALICE, true);

            assertThat(d.value()).isFalse();
            assertThat(d.variant()).contains("off");
            assertThat(d.reason()).isEqualTo(Reason.PREREQUISITE_FAILED);
            assertThat(d.prerequisiteKey()).contains("parent");
        }

        @Test
        void evaluate_prerequisiteOff_failsEvenIfOffVariationMatches() {
            Snapshot s = snapshot(boolFlag("parent", "").replace("\"on\":true,", "\"on\":false,") + ","
                    + boolFlag("child", "\"prerequisites\":[{\"flag\":\"parent\",\"variation\":\"off\"}]"));

            assertThat(s.booleanDetail("child", ALICE, true).reason()).isEqualTo(Reason.PREREQUISITE_FAILED);
        }

        @Test
        void evaluate_prerequisiteMet_continuesToTargetingAndCountsOnlyOnce() {
            Snapshot s = Fixtures.example();
            EvaluationContext staff = EvaluationContext.builder("bob").set("email", "bob@gantry.dev").build();

            EvaluationDetail<Boolean> d = s.booleanDetail("express-shipping", staff, false);

            assertThat(d.value()).isTrue();
            assertThat(d.reason()).isEqualTo(Reason.RULE_MATCH);
            assertThat(d.ruleId()).contains("beta-segment");
        }

        @Test
        void evaluate_unknownFlag_returnsDefaultWithFlagNotFound() {
            EvaluationDetail<Boolean> d = Fixtures.example().booleanDetail("nope", ALICE, true);

            assertThat(d.value()).isTrue();
            assertThat(d.reason()).isEqualTo(Reason.ERROR);
            assertThat(d.errorCode()).contains(ErrorCode.FLAG_NOT_FOUND);
            assertThat(d.errorMessage()).hasValueSatisfying(m -> assertThat(m).contains("'nope'"));
            assertThat(d.variant()).isEmpty();
        }

        @Test
        void evaluate_nullKeyAndNullContext_neverThrow() {
            Snapshot s = Fixtures.example();

            assertThat(s.booleanDetail(null, null, true).errorCode()).contains(ErrorCode.FLAG_NOT_FOUND);
            assertThat(s.booleanDetail("new-checkout", null, true).isError()).isFalse();
            assertThat(s.stringDetail("checkout-theme", EvaluationContext.empty(), null).reason()).isEqualTo(Reason.SPLIT);
        }
    }

    @Nested
    class Types {
        @Test
        void evaluate_eachTypedMethodOnOtherType_returnsDefaultWithTypeMismatch() {
            Snapshot s = Fixtures.example();

            EvaluationDetail<String> asString = s.stringDetail("new-checkout", ALICE, "dflt");
            EvaluationDetail<Boolean> asBool = s.booleanDetail("checkout-theme", ALICE, true);
            EvaluationDetail<Double> asNumber = s.numberDetail("banner", ALICE, 7);
            EvaluationDetail<JsonValue> asJson = s.jsonDetail("max-items", ALICE, JsonValue.of("d"));

            assertThat(asString.value()).isEqualTo("dflt");
            assertThat(asBool.value()).isTrue();
            assertThat(asNumber.value()).isEqualTo(7.0);
            assertThat(asJson.value()).isEqualTo(JsonValue.of("d"));
            for (EvaluationDetail<?> d : List.of(asString, asBool, asNumber, asJson)) {
                assertThat(d.reason()).isEqualTo(Reason.ERROR);
                assertThat(d.errorCode()).contains(ErrorCode.TYPE_MISMATCH);
            }
            assertThat(asString.errorMessage()).contains(
                    "Flag 'new-checkout' is of type boolean but was evaluated as string.");
        }

        @Test
        void evaluate_numberAndJsonFlags_returnTheirValues() {
            Snapshot s = Fixtures.example();

            assertThat(s.numberValue("max-items", ALICE, -1)).isEqualTo(10.0);
            JsonValue banner = s.jsonValue("banner", ALICE, JsonValue.NULL);
            assertThat(banner).isInstanceOf(JsonValue.JsonObject.class);
            assertThat(((JsonValue.JsonObject) banner).members()).containsEntry("text", JsonValue.of("Hello"))
                    .containsEntry("size", JsonValue.of(3));
        }
    }

    @Nested
    class Operators {
        @TestFactory
        Stream<DynamicTest> clause_sharedCases_matchAsSpecified() {
            JsonValue.JsonObject doc = (JsonValue.JsonObject) JsonTree.parse(
                    Fixtures.text("operator-cases.json").getBytes(StandardCharsets.UTF_8));
            List<JsonValue> cases = ((JsonValue.JsonArray) doc.members().get("cases")).elements();
            return cases.stream().map(c -> {
                Map<String, JsonValue> m = ((JsonValue.JsonObject) c).members();
                String op = ((JsonValue.JsonString) m.get("op")).value();
                JsonValue attribute = m.get("attribute");
                boolean negate = m.containsKey("negate") && ((JsonValue.JsonBoolean) m.get("negate")).value();
                boolean expected = ((JsonValue.JsonBoolean) m.get("matches")).value();
                String name = op + (negate ? " (negated) " : " ") + JsonTree.toJson(m.get("values")) + " vs "
                        + JsonTree.toJson(attribute) + " -> " + expected;
                return DynamicTest.dynamicTest(name, () -> {
                    Snapshot s = snapshot(boolFlag("f", """
                            "fallthrough":{"variation":"off"},
                            "rules":[{"id":"r","clauses":[{"attribute":"a","op":"%s","values":%s,"negate":%s}],
                                      "serve":{"variation":"on"}}]""".formatted(op, JsonTree.toJson(m.get("values")), negate))
                            .replace("\"fallthrough\":{\"variation\":\"on\"},", ""));
                    EvaluationContext.Builder ctx = EvaluationContext.builder("k");
                    if (!(attribute instanceof JsonValue.JsonString str && str.value().equals("missing"))) {
                        ctx.setObject("a", plain(attribute));
                    }

                    EvaluationDetail<Boolean> d = s.booleanDetail("f", ctx.build(), false);

                    assertThat(d.isError()).isFalse();
                    assertThat(d.reason()).isEqualTo(expected ? Reason.RULE_MATCH : Reason.DEFAULT);
                });
            });
        }

        private static Object plain(JsonValue v) {
            return switch (v) {
                case JsonValue.JsonString s -> s.value();
                case JsonValue.JsonNumber n -> n.value();
                case JsonValue.JsonBoolean b -> b.value();
                case JsonValue.JsonArray a -> a.elements().stream().map(Operators::plain).toList();
                default -> throw new IllegalArgumentException("unsupported attribute in operator-cases.json: " + v);
            };
        }

        @Test
        void before_instantAttribute_comparesInstants() {
            Snapshot s = snapshot(boolFlag("f", """
                    "fallthrough":{"variation":"off"},
                    "rules":[{"id":"r","clauses":[{"attribute":"signup","op":"before","values":["2026-03-02T00:00:00Z"]}],
                              "serve":{"variation":"on"}}]""").replace("\"fallthrough\":{\"variation\":\"on\"},", ""));

            assertThat(s.booleanValue("f", EvaluationContext.builder("k")
                    .set("signup", Instant.parse("2026-01-01T00:00:00Z")).build(), false)).isTrue();
            assertThat(s.booleanValue("f", EvaluationContext.builder("k")
                    .set("signup", Instant.parse("2026-04-01T00:00:00Z")).build(), false)).isFalse();
        }

        @Test
        void matches_onPlatformAndVirtualThreads_givesTheSameAnswers() throws Exception {
            Snapshot s = snapshot(boolFlag("f", """
                    "fallthrough":{"variation":"off"},
                    "rules":[{"id":"r","clauses":[{"attribute":"email","op":"matches","values":["^[a-z]+@(corp|ops)\\\\.example$"]}],
                              "serve":{"variation":"on"}}]""").replace("\"fallthrough\":{\"variation\":\"on\"},", ""));
            List<String> emails = List.of("ann@corp.example", "bob@ops.example", "eve@corpXexample", "Ann@corp.example", "x@ops.example.com");
            List<Boolean> expected = List.of(true, true, false, false, false);
            List<Boolean> platform = new ArrayList<>();
            List<Boolean> virtual = new java.util.concurrent.CopyOnWriteArrayList<>();

            for (String e : emails) {
                platform.add(s.booleanValue("f", EvaluationContext.builder("k").set("email", e).build(), false));
            }
            Thread t = Thread.ofVirtual().start(() -> {
                for (String e : emails) {
                    virtual.add(s.booleanValue("f", EvaluationContext.builder("k").set("email", e).build(), false));
                }
            });
            t.join();

            assertThat(platform).isEqualTo(expected);
            assertThat(virtual).isEqualTo(expected);
        }

        @Test
        void clause_onTargetingKeyAttribute_readsTheKey() {
            Snapshot s = snapshot(boolFlag("f", """
                    "fallthrough":{"variation":"off"},
                    "rules":[{"id":"r","clauses":[{"attribute":"targetingKey","op":"startsWith","values":["svc-"]}],
                              "serve":{"variation":"on"}}]""").replace("\"fallthrough\":{\"variation\":\"on\"},", ""));

            assertThat(s.booleanValue("f", EvaluationContext.of("svc-billing"), false)).isTrue();
            assertThat(s.booleanValue("f", EvaluationContext.of("user-1"), false)).isFalse();
        }
    }

    @Nested
    class Segments {
        private final Snapshot s = Fixtures.example();

        private boolean inBeta(EvaluationContext ctx) {
            // express-shipping requires new-checkout=on; staff e-mail gives that via a rule.
            return s.booleanDetail("express-shipping", ctx, false).reason() == Reason.RULE_MATCH;
        }

        @Test
        void inSegment_includedKey_matches() {
            assertThat(inBeta(EvaluationContext.builder("bob").set("email", "b@gantry.dev").build())).isTrue();
        }

        @Test
        void inSegment_excludedKeyMatchingRule_doesNotMatch() {
            assertThat(inBeta(EvaluationContext.builder("mallory").set("email", "m@gantry.dev")
                    .set("country", "NL").set("plan", "pro").build())).isFalse();
        }

        @Test
        void inSegment_ruleMatch_matches() {
            assertThat(inBeta(EvaluationContext.builder("dave").set("email", "d@gantry.dev")
                    .set("country", "BE").set("plan", "pro").build())).isTrue();
            assertThat(inBeta(EvaluationContext.builder("erin").set("email", "e@gantry.dev")
                    .set("country", "BE").set("plan", "free").build())).isFalse();
        }

        @Test
        void notInSegment_member_doesNotMatch() {
            Snapshot t = snapshot(boolFlag("f", """
                    "fallthrough":{"variation":"off"},
                    "rules":[{"id":"r","clauses":[{"op":"notInSegment","values":["staff"]}],"serve":{"variation":"on"}}]""")
                    .replace("\"fallthrough\":{\"variation\":\"on\"},", ""),
                    "{\"key\":\"staff\",\"included\":[\"ann\"]}");

            assertThat(t.booleanValue("f", EvaluationContext.of("ann"), false)).isFalse();
            assertThat(t.booleanValue("f", EvaluationContext.of("zed"), false)).isTrue();
        }
    }

    @Nested
    class Prerequisites {
        @Test
        void evaluate_twoFlagCycle_isMalformedNotStackOverflow() {
            Snapshot s = snapshot(boolFlag("a", "\"prerequisites\":[{\"flag\":\"b\",\"variation\":\"on\"}]") + ","
                    + boolFlag("b", "\"prerequisites\":[{\"flag\":\"a\",\"variation\":\"on\"}]") + ","
                    + boolFlag("c", "\"prerequisites\":[{\"flag\":\"a\",\"variation\":\"on\"}]") + ","
                    + boolFlag("d", ""));

            EvaluationDetail<Boolean> a = s.booleanDetail("a", ALICE, true);
            EvaluationDetail<Boolean> c = s.booleanDetail("c", ALICE, true);

            assertThat(a.value()).isTrue();
            assertThat(a.errorCode()).contains(ErrorCode.MALFORMED_FLAG);
            assertThat(a.errorMessage()).contains("Flag 'a' has a prerequisite cycle: a -> b -> a.");
            assertThat(c.errorCode()).contains(ErrorCode.MALFORMED_FLAG);
            assertThat(c.errorMessage()).hasValueSatisfying(m -> assertThat(m).contains("a -> b -> a"));
            assertThat(s.booleanDetail("d", ALICE, false).reason()).isEqualTo(Reason.DEFAULT);
        }

        @Test
        void evaluate_selfPrerequisite_isMalformed() {
            Snapshot s = snapshot(boolFlag("a", "\"prerequisites\":[{\"flag\":\"a\",\"variation\":\"on\"}]"));

            assertThat(s.booleanDetail("a", ALICE, false).errorCode()).contains(ErrorCode.MALFORMED_FLAG);
        }

        @Test
        void evaluate_chainLongerThanLimit_isMalformedAndShorterChainWorks() {
            StringBuilder flags = new StringBuilder(boolFlag("f0", ""));
            for (int i = 1; i <= 40; i++) {
                flags.append(',').append(boolFlag("f" + i, "\"prerequisites\":[{\"flag\":\"f" + (i - 1) + "\",\"variation\":\"on\"}]"));
            }
            Snapshot s = snapshot(flags.toString());

            assertThat(s.booleanDetail("f10", ALICE, false).reason()).isEqualTo(Reason.DEFAULT);
            assertThat(s.booleanDetail("f40", ALICE, false).errorCode()).contains(ErrorCode.MALFORMED_FLAG);
        }
    }
}
