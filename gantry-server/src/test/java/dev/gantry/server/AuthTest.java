package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API tokens, scopes, revocation, SDK keys and the failed-authentication limit. */
class AuthTest {
    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(TestServer.config("jdbc:sqlite:" + dir.resolve("auth.db"), dir));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    String token(String creator, String scopes) {
        TestServer.Response r = server.post("/api/v1/tokens", creator, "{\"name\":\"t\",\"scopes\":[" + scopes + "]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("token").asText();
    }

    @Nested
    class Tokens {
        @Test
        void create_admin_tokenShownOnceAndWorks() {
            String t = token(TestServer.ADMIN, "\"read\"");
            assertThat(t).startsWith("gat_");
            assertThat(server.get("/api/v1/whoami", t).json().get("scopes").toString()).isEqualTo("[\"read\"]");
            TestServer.Response list = server.get("/api/v1/tokens", TestServer.ADMIN);
            assertThat(list.body()).doesNotContain(t);
        }

        @Test
        void create_scopeCreatorLacks_403() {
            String flags = token(TestServer.ADMIN, "\"flags\",\"read\"");
            TestServer.Response r = server.post("/api/v1/tokens", flags, "{\"name\":\"x\",\"scopes\":[\"admin\"]}");
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.json().get("detail").asText()).contains("admin");
            assertThat(server.post("/api/v1/tokens", flags, "{\"name\":\"x\",\"scopes\":[\"flags\"]}").status()).isEqualTo(201);
        }

        @Test
        void readToken_mutation_403() {
            String read = token(TestServer.ADMIN, "\"read\"");
            TestServer.Response r = server.put("/api/v1/environments/staging/flags/f", read, TestServer.booleanFlag("f", true));
            assertThat(r.status()).isEqualTo(403);
        }

        @Test
        void revoke_tokenStopsWorking() {
            TestServer.Response created = server.post("/api/v1/tokens", TestServer.ADMIN, "{\"name\":\"ci\",\"scopes\":[\"read\"]}");
            String t = created.json().get("token").asText();
            assertThat(server.get("/api/v1/releases", t).status()).isEqualTo(200);
            assertThat(server.call("DELETE", "/api/v1/tokens/" + created.json().get("id").asText(), TestServer.ADMIN, null)
                    .status()).isEqualTo(204);
            assertThat(server.get("/api/v1/releases", t).status()).isEqualTo(401);
        }

        @Test
        void revokedEnvironmentAdminToken_staysRevokedAfterRestart() {
            String id = server.get("/api/v1/whoami", TestServer.ADMIN).json().get("id").asText();
            String other = token(TestServer.ADMIN, "\"admin\"");
            assertThat(server.call("DELETE", "/api/v1/tokens/" + id, other, null).status()).isEqualTo(204);
            server = server.restart();
            assertThat(server.get("/api/v1/whoami", TestServer.ADMIN).status()).isEqualTo(401);
            assertThat(server.get("/api/v1/whoami", other).status()).isEqualTo(200);
        }

        @Test
        void unknownScope_400() {
            TestServer.Response r = server.post("/api/v1/tokens", TestServer.ADMIN, "{\"name\":\"x\",\"scopes\":[\"root\"]}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("detail").asText()).contains("root").contains("operate");
        }
    }

    @Nested
    class SdkKeys {
        @Test
        void sdkKey_onApi_401() {
            String key = server.sdkKey("staging");
            assertThat(server.get("/api/v1/releases", key).status()).isEqualTo(401);
        }

        @Test
        void apiToken_onSdkEndpoint_401() {
            assertThat(server.get("/sdk/v1/flags", TestServer.ADMIN).status()).isEqualTo(401);
        }

        @Test
        void revoked_sdkKey_401() {
            TestServer.Response created = server.post("/api/v1/environments/staging/sdk-keys", TestServer.ADMIN, null);
            String key = created.json().get("key").asText();
            assertThat(server.get("/sdk/v1/flags", key).status()).isEqualTo(200);
            server.call("DELETE", "/api/v1/sdk-keys/" + created.json().get("id").asText(), TestServer.ADMIN, null);
            assertThat(server.get("/sdk/v1/flags", key).status()).isEqualTo(401);
        }
    }

    @Nested
    class RateLimit {
        @Test
        void manyFailures_429WithRetryAfter_evenWithGoodToken() {
            for (int i = 0; i < 10; i++) {
                assertThat(server.get("/api/v1/releases", "gat_wrong" + i).status()).isEqualTo(401);
            }
            TestServer.Response r = server.get("/api/v1/releases", TestServer.ADMIN);
            assertThat(r.status()).isEqualTo(429);
            assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 60L);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @SuppressWarnings("unused")
    private HttpRequest raw(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
    }
}
