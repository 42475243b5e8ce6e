package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OFREP single and bulk evaluation, per the OFREP OpenAPI specification. */
class OfrepTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static String sdkKey;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestServer.config("jdbc:sqlite:" + dir.resolve("ofrep.db"), dir));
        sdkKey = server.sdkKey("staging");
        server.put("/api/v1/environments/staging/flags/new-checkout", TestServer.ADMIN, TestServer.booleanFlag("new-checkout", true));
        server.put("/api/v1/environments/staging/flags/banner", TestServer.ADMIN, """
                {"type":"string","on":true,"salt":"b",
                 "variations":[{"name":"red","value":"#f00"},{"name":"blue","value":"#00f"}],"offVariation":"blue",
                 "rules":[{"id":"staff","clauses":[{"attribute":"email","op":"endsWith","values":["@gantry.dev"]}],
                           "serve":{"variation":"red"}}],
                 "fallthrough":{"variation":"blue"}}""");
        server.put("/api/v1/environments/staging/flags/limit", TestServer.ADMIN, """
                {"type":"number","on":true,"salt":"l","variations":[{"name":"low","value":10},{"name":"high","value":2.5}],
                 "offVariation":"low","fallthrough":{"variation":"low"}}""");
        server.put("/api/v1/environments/staging/flags/half", TestServer.ADMIN, TestServer.booleanFlag("half", true));
        server.post("/api/v1/environments/staging/flags/half/rollout", TestServer.ADMIN, "{\"percent\":50}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static TestServer.Response evaluate(String key, String body) {
        return server.post("/ofrep/v1/evaluate/flags/" + key, sdkKey, body);
    }

    @Nested
    class Single {
        @Test
        void booleanFlag_valueReasonVariant() {
            TestServer.Response r = evaluate("new-checkout", "{\"context\":{\"targetingKey\":\"u1\"}}");
            assertThat(r.status()).isEqualTo(200);
            JsonNode j = r.json();
            assertThat(j.get("key").asText()).isEqualTo("new-checkout");
            assertThat(j.get("value").isBoolean()).isTrue();
            assertThat(j.get("value").asBoolean()).isTrue();
            assertThat(j.get("variant").asText()).isEqualTo("on");
            assertThat(j.get("reason").asText()).isEqualTo("DEFAULT");
            assertThat(j.get("metadata").isObject()).isTrue();
        }

        @Test
        void ruleMatch_targetingMatch() {
            JsonNode j = evaluate("banner", "{\"context\":{\"targetingKey\":\"u1\",\"email\":\"ana@gantry.dev\"}}").json();
            assertThat(j.get("value").asText()).isEqualTo("#f00");
            assertThat(j.get("reason").asText()).isEqualTo("TARGETING_MATCH");
            assertThat(j.get("metadata").get("ruleId").asText()).isEqualTo("staff");
        }

        @Test
        void numberFlag_integerValue() {
            JsonNode j = evaluate("limit", "{\"context\":{\"targetingKey\":\"u1\"}}").json();
            assertThat(j.get("value").isIntegralNumber()).isTrue();
            assertThat(j.get("value").asInt()).isEqualTo(10);
        }

        @Test
        void unknownFlag_404FlagNotFound() {
            TestServer.Response r = evaluate("nope", "{\"context\":{}}");
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.json().get("errorCode").asText()).isEqualTo("FLAG_NOT_FOUND");
            assertThat(r.json().get("key").asText()).isEqualTo("nope");
        }

        @Test
        void malformedBody_400ParseError() {
            TestServer.Response r = evaluate("new-checkout", "{\"context\":");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("errorCode").asText()).isEqualTo("PARSE_ERROR");
        }

        @Test
        void contextNotObject_400InvalidContext() {
            TestServer.Response r = evaluate("new-checkout", "{\"context\":[1]}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("errorCode").asText()).isEqualTo("INVALID_CONTEXT");
        }

        @Test
        void splitWithoutTargetingKey_400TargetingKeyMissing() {
            TestServer.Response r = evaluate("half", "{\"context\":{\"email\":\"x@y.z\"}}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("errorCode").asText()).isEqualTo("TARGETING_KEY_MISSING");
            assertThat(evaluate("half", "{\"context\":{\"targetingKey\":\"k\"}}").json().get("reason").asText()).isEqualTo("SPLIT");
        }

        @Test
        void apiKeyHeader_accepted_apiTokenRejected() {
            TestServer.Response viaHeader = server.send(HttpRequest.newBuilder(server.uri().resolve("/ofrep/v1/evaluate/flags/new-checkout"))
                    .header("X-API-Key", sdkKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"context\":{\"targetingKey\":\"u\"}}"))
                    .timeout(Duration.ofSeconds(5)).build());
            assertThat(viaHeader.status()).isEqualTo(200);
            assertThat(server.post("/ofrep/v1/evaluate/flags/new-checkout", TestServer.ADMIN, "{}").status()).isEqualTo(401);
        }
    }

    @Nested
    class Bulk {
        @Test
        void bulk_everyFlagWithEtag_304WhenUnchanged() {
            TestServer.Response r = server.post("/ofrep/v1/evaluate/flags", sdkKey, "{\"context\":{\"targetingKey\":\"u1\"}}");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("flags")).extracting(f -> f.get("key").asText())
                    .contains("new-checkout", "banner", "limit", "half");
            String etag = r.header("ETag");
            assertThat(etag).startsWith("\"");
            TestServer.Response again = server.send(HttpRequest.newBuilder(server.uri().resolve("/ofrep/v1/evaluate/flags"))
                    .header("Authorization", "Bearer " + sdkKey).header("If-None-Match", etag)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"context\":{\"targetingKey\":\"u1\"}}")).build());
            assertThat(again.status()).isEqualTo(304);
            TestServer.Response otherContext = server.send(HttpRequest.newBuilder(server.uri().resolve("/ofrep/v1/evaluate/flags"))
                    .header("Authorization", "Bearer " + sdkKey).header("If-None-Match", etag)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"context\":{\"targetingKey\":\"u2\"}}")).build());
            assertThat(otherContext.status()).isEqualTo(200);
        }

        @Test
        void bulk_missingTargetingKey_perFlagError() {
            JsonNode flags = server.post("/ofrep/v1/evaluate/flags", sdkKey, "{\"context\":{}}").json().get("flags");
            for (JsonNode f : flags) {
                if (f.get("key").asText().equals("half")) {
                    assertThat(f.get("errorCode").asText()).isEqualTo("TARGETING_KEY_MISSING");
                } else {
                    assertThat(f.has("value")).isTrue();
                }
            }
        }

        @Test
        void bulk_badBody_400WithErrorCode() {
            TestServer.Response r = server.post("/ofrep/v1/evaluate/flags", sdkKey, "[]");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("errorCode").asText()).isEqualTo("PARSE_ERROR");
        }
    }

    @Nested
    class Http {
        @Test
        void evaluation_carriesSecurityHeaders() {
            TestServer.Response r = evaluate("new-checkout", "{\"context\":{\"targetingKey\":\"u1\"}}");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("Content-Security-Policy")).contains("default-src 'none'");
            assertThat(r.header("Cache-Control")).isEqualTo("no-store");
            assertThat(r.header("Content-Type")).startsWith("application/json");
        }

        @Test
        void unknownKey_401ProblemDetailsWithoutTheKey() {
            String canary = "gsk_canary-not-a-real-key-0123456789";
            TestServer.Response r = server.post("/ofrep/v1/evaluate/flags/new-checkout", canary, "{}");
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("instance").asText()).isEqualTo("/ofrep/v1/evaluate/flags/new-checkout");
            assertThat(r.body()).doesNotContain(canary);
            assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
        }

        @Test
        void bodyOverLimit_413ProblemDetails() {
            String big = "{\"context\":{\"targetingKey\":\"" + "x".repeat(70 * 1024) + "\"}}";
            TestServer.Response r = evaluate("new-checkout", big);
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.json().get("type").asText()).endsWith("/too-large");
        }

        @Test
        void trailingSlashAndEncodedKey_answeredTheSame() {
            TestServer.Response bulk = server.post("/ofrep/v1/evaluate/flags/", sdkKey, "{\"context\":{\"targetingKey\":\"u1\"}}");
            assertThat(bulk.status()).isEqualTo(200);
            assertThat(bulk.json().get("flags").size()).isGreaterThanOrEqualTo(4);
            TestServer.Response encoded = evaluate("new%2Dcheckout", "{\"context\":{\"targetingKey\":\"u1\"}}");
            assertThat(encoded.status()).isEqualTo(200);
            assertThat(encoded.json().get("key").asText()).isEqualTo("new-checkout");
        }

        @Test
        void otherMethod_goesToTheApi_405Problem() {
            TestServer.Response r = server.call("GET", "/ofrep/v1/evaluate/flags/new-checkout", sdkKey, null);
            assertThat(r.status()).isIn(404, 405);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
    }
}
