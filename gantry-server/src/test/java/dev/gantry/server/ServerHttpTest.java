package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

/** HTTP behaviour every client sees: health, metrics, problem details, limits, headers, auth. */
class ServerHttpTest {
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestServer.config("jdbc:sqlite:" + dir.resolve("http.db"), dir));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Nested
    class Health {
        @Test
        void healthz_always_ok() {
            assertThat(server.get("/healthz", null).status()).isEqualTo(200);
        }

        @Test
        void readyz_databaseUp_ready() {
            TestServer.Response r = server.get("/readyz", null);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("status").asText()).isEqualTo("ready");
        }

        @Test
        void metrics_prometheusText_includesStreamGauge() {
            TestServer.Response r = server.get("/metrics", null);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).startsWith("text/plain");
            assertThat(r.body()).contains("gantry_sdk_streams").contains("jvm_memory_used_bytes");
        }
    }

    @Nested
    class Errors {
        @Test
        void unknownPath_problemDetails404() {
            TestServer.Response r = server.get("/api/v1/nothing-here", TestServer.ADMIN);
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("status").asInt()).isEqualTo(404);
            assertThat(r.json().get("title").asText()).isEqualTo("Not found");
            assertThat(r.json().get("instance").asText()).isEqualTo("/api/v1/nothing-here");
        }

        @Test
        void oversizedBody_413() {
            String big = "{\"name\":\"" + "x".repeat(100_000) + "\",\"scopes\":[\"read\"]}";
            // Expect: 100-continue lets the server answer before the body is uploaded, as large
            // uploads should; without it the client can hit a reset while still sending.
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(server.uri().resolve("/api/v1/tokens"))
                    .header("Authorization", "Bearer " + TestServer.ADMIN).header("Content-Type", "application/json")
                    .expectContinue(true)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(big))
                    .build();
            TestServer.Response r = server.send(request);
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }

        @Test
        void oversizedChunkedBody_413() {
            byte[] big = ("{\"name\":\"" + "x".repeat(100_000) + "\",\"scopes\":[\"read\"]}").getBytes();
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(server.uri().resolve("/api/v1/tokens"))
                    .header("Authorization", "Bearer " + TestServer.ADMIN).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                    .build();
            TestServer.Response r = server.send(request);
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }

        @Test
        void unknownField_400NamingIt() {
            TestServer.Response r = server.post("/api/v1/tokens", TestServer.ADMIN,
                    "{\"name\":\"ci\",\"scopes\":[\"read\"],\"scopse\":[\"admin\"]}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("scopse");
            assertThat(r.json().get("detail").asText()).contains("scopse");
        }

        @Test
        void malformedJson_400WithoutStackTrace() {
            TestServer.Response r = server.post("/api/v1/tokens", TestServer.ADMIN, "{\"name\": ");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).doesNotContain("at com.").doesNotContain("Exception");
        }

        @Test
        void missingRequiredField_400() {
            TestServer.Response r = server.post("/api/v1/tokens", TestServer.ADMIN, "{\"name\":\"ci\"}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("detail").asText()).contains("scopes");
        }
    }

    @Nested
    class Headers {
        @Test
        void everyResponse_securityHeaders() {
            for (TestServer.Response r : new TestServer.Response[] {
                    server.get("/healthz", null), server.get("/api/v1/releases", null), server.get("/nope", null)}) {
                assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
                assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
                assertThat(r.header("Content-Security-Policy")).contains("default-src 'none'");
                assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
            }
        }
    }

    @Nested
    class Unauthorised {
        @Test
        void noToken_401() {
            TestServer.Response r = server.get("/api/v1/releases", null);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
        }

        @Test
        void wrongToken_401WithoutEchoingIt() {
            String secret = "gat_not-a-real-token-but-should-not-be-echoed";
            TestServer.Response r = server.get("/api/v1/releases", secret);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.body()).doesNotContain(secret);
        }
    }
}
