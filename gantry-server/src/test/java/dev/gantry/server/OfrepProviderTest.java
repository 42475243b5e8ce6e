package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.openfeature.contrib.providers.ofrep.OfrepProvider;
import dev.openfeature.contrib.providers.ofrep.OfrepProviderOptions;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.MutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Value;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenFeature's own Java OFREP provider ({@code dev.openfeature.contrib.providers:ofrep}) against
 * a real Gantry: what an application using the generic provider sees.
 */
class OfrepProviderTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static Client client;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestServer.config("jdbc:sqlite:" + dir.resolve("ofrep-provider.db"), dir));
        String sdkKey = server.sdkKey("production");
        String base = "/api/v1/environments/production/flags/";
        server.put(base + "new-checkout", TestServer.ADMIN, TestServer.booleanFlag("new-checkout", true));
        server.put(base + "dark-mode", TestServer.ADMIN, TestServer.booleanFlag("dark-mode", false));
        server.put(base + "kill-me", TestServer.ADMIN, TestServer.booleanFlag("kill-me", true));
        server.put(base + "banner", TestServer.ADMIN, """
                {"type":"string","on":true,"salt":"b",
                 "variations":[{"name":"red","value":"#f00"},{"name":"blue","value":"#00f"}],"offVariation":"blue",
                 "rules":[{"id":"staff","clauses":[{"attribute":"email","op":"endsWith","values":["@gantry.dev"]}],
                           "serve":{"variation":"red"}}],
                 "fallthrough":{"variation":"blue"}}""");
        server.put(base + "limit", TestServer.ADMIN, """
                {"type":"number","on":true,"salt":"l","variations":[{"name":"low","value":10},{"name":"high","value":2.5}],
                 "offVariation":"low","rules":[{"id":"pro","clauses":[{"attribute":"plan","op":"in","values":["pro"]}],
                 "serve":{"variation":"high"}}],"fallthrough":{"variation":"low"}}""");
        server.put(base + "checkout-config", TestServer.ADMIN, """
                {"type":"json","on":true,"salt":"c",
                 "variations":[{"name":"v1","value":{"steps":3,"provider":"stripe","express":true}},{"name":"off","value":{}}],
                 "offVariation":"off","fallthrough":{"variation":"v1"}}""");
        OfrepProvider provider = OfrepProvider.constructProvider(OfrepProviderOptions.builder()
                .baseUrl(server.uri().toString().replaceAll("/$", ""))
                .headers(ImmutableMap.of("Authorization", ImmutableList.of("Bearer " + sdkKey)))
                .build());
        OpenFeatureAPI api = OpenFeatureAPI.getInstance();
        api.setProviderAndWait("gantry-ofrep-test", provider);
        client = api.getClient("gantry-ofrep-test");
    }

    @AfterAll
    static void stop() {
        OpenFeatureAPI.getInstance().shutdown();
        server.close();
    }

    static MutableContext user(String key) {
        return new MutableContext(key);
    }

    @Nested
    class Types {
        @Test
        void booleanFlag_valueVariantReason() {
            FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("new-checkout", false, user("u1"));
            assertThat(d.getValue()).isTrue();
            assertThat(d.getVariant()).isEqualTo("on");
            assertThat(d.getReason()).isEqualTo("DEFAULT");
            assertThat(d.getErrorCode()).isNull();
            assertThat(d.getFlagMetadata().getString("gantryReason")).isEqualTo("DEFAULT");
        }

        @Test
        void stringFlag_ruleMatch_targetingMatch() {
            MutableContext staff = user("u2").add("email", "ana@gantry.dev");
            FlagEvaluationDetails<String> d = client.getStringDetails("banner", "none", staff);
            assertThat(d.getValue()).isEqualTo("#f00");
            assertThat(d.getVariant()).isEqualTo("red");
            assertThat(d.getReason()).isEqualTo("TARGETING_MATCH");
            assertThat(d.getFlagMetadata().getString("ruleId")).isEqualTo("staff");
            assertThat(client.getStringValue("banner", "none", user("u3").add("email", "bo@example.com"))).isEqualTo("#00f");
        }

        @Test
        void numberFlag_integerAndDouble() {
            FlagEvaluationDetails<Integer> whole = client.getIntegerDetails("limit", -1, user("u4"));
            assertThat(whole.getValue()).isEqualTo(10);
            assertThat(whole.getVariant()).isEqualTo("low");
            FlagEvaluationDetails<Double> fraction = client.getDoubleDetails("limit", -1.0, user("u4").add("plan", "pro"));
            assertThat(fraction.getValue()).isEqualTo(2.5);
            assertThat(fraction.getVariant()).isEqualTo("high");
            assertThat(fraction.getReason()).isEqualTo("TARGETING_MATCH");
        }

        @Test
        void objectFlag_structure() {
            FlagEvaluationDetails<Value> d = client.getObjectDetails("checkout-config", new Value("none"), user("u5"));
            assertThat(d.getErrorCode()).isNull();
            assertThat(d.getValue().isStructure()).isTrue();
            assertThat(d.getValue().asStructure().getValue("provider").asString()).isEqualTo("stripe");
            assertThat(d.getValue().asStructure().getValue("steps").asInteger()).isEqualTo(3);
            assertThat(d.getValue().asStructure().getValue("express").asBoolean()).isTrue();
            assertThat(d.getVariant()).isEqualTo("v1");
        }
    }

    @Nested
    class States {
        @Test
        void missingFlag_defaultWithFlagNotFound() {
            FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("no-such-flag", true, user("u6"));
            assertThat(d.getValue()).isTrue();
            assertThat(d.getErrorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
        }

        @Test
        void disabledFlag_offVariationDisabled() {
            FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("dark-mode", true, user("u7"));
            assertThat(d.getValue()).isFalse();
            assertThat(d.getVariant()).isEqualTo("off");
            assertThat(d.getReason()).isEqualTo("DISABLED");
        }

        @Test
        void killedFlag_seenOnTheNextEvaluation() {
            assertThat(client.getBooleanValue("kill-me", false, user("u8"))).isTrue();
            TestServer.Response killed = server.post("/api/v1/environments/production/flags/kill-me/kill", TestServer.ADMIN, null);
            assertThat(killed.status()).isEqualTo(200);
            FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("kill-me", true, user("u8"));
            assertThat(d.getValue()).isFalse();
            assertThat(d.getReason()).isEqualTo("DISABLED");
        }

        @Test
        void wrongType_defaultWithTypeMismatch() {
            FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("banner", true, user("u9"));
            assertThat(d.getValue()).isTrue();
            assertThat(d.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
        }
    }
}
