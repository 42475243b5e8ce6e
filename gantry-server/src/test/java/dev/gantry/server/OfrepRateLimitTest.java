package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OFREP (served outside Javalin) refuses a client after too many unknown keys, like every other route. */
class OfrepRateLimitTest {
    @TempDir
    Path dir;

    @Test
    void unknownKeys_thenRefused429WithRetryAfter_evenForAGoodKey() {
        try (TestServer s = TestServer.start(TestServer.config("jdbc:sqlite:" + dir.resolve("limit.db"), dir))) {
            String good = s.sdkKey("staging");
            assertThat(s.put("/api/v1/environments/staging/flags/f", TestServer.ADMIN, TestServer.booleanFlag("f", true)).status())
                    .isEqualTo(201);
            assertThat(s.post("/ofrep/v1/evaluate/flags/f", good, "{}").status()).isEqualTo(200);
            for (int i = 0; i < 10; i++) {
                assertThat(s.post("/ofrep/v1/evaluate/flags/f", "gsk_wrong-" + i, "{}").status()).isEqualTo(401);
            }
            TestServer.Response refused = s.post("/ofrep/v1/evaluate/flags/f", good, "{}");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).matches("[1-9][0-9]*");
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asText()).endsWith("/too-many-failures");
            assertThat(s.get("/sdk/v1/flags", good).status()).as("the same limiter as the SDK routes").isEqualTo(429);
        }
    }
}
