package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.flags.EvaluationContext;
import dev.gantry.flags.sdk.GantryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real PostgreSQL outage: the server's database stops accepting connections and its sessions
 * are terminated. Writes answer 503, readiness fails, and SDKs keep their snapshot (stream and
 * snapshot endpoint); after the database returns, writes work and reach the streams again.
 */
class DatabaseOutageTest {
    @TempDir
    Path dir;
    String base;
    String database;
    String url;

    @BeforeEach
    void createDatabase() {
        base = TestDatabases.postgresBaseUrl();
        database = "gantry_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        TestDatabases.exec(base, "CREATE DATABASE " + database);
        url = base.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
    }

    @AfterEach
    void dropDatabase() {
        TestDatabases.exec(base, "ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS true",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'",
                "DROP DATABASE IF EXISTS " + database);
    }

    void outage(boolean down) {
        TestDatabases.exec(base, "ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS " + !down);
        if (down) {
            TestDatabases.exec(base, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
        }
    }

    @Nested
    class DatabaseDown {
        @Test
        void outage_writes503_streamsKeepSnapshot_thenRecover() throws Exception {
            try (TestServer s = TestServer.start(TestServer.config(url, dir))) {
                String key = s.sdkKey("production");
                assertThat(s.put("/api/v1/environments/production/flags/checkout", TestServer.ADMIN,
                        TestServer.booleanFlag("checkout", true)).status()).isEqualTo(201);
                try (GantryClient client = GantryClient.builder().sdkKey(key).baseUri(s.uri()).streaming()
                        .disableMetrics().build()) {
                    assertThat(client.awaitReady(Duration.ofSeconds(10))).isTrue();

                    outage(true);
                    TestServer.Response write = s.post("/api/v1/environments/production/flags/checkout/kill", TestServer.ADMIN, null);
                    assertThat(write.status()).isEqualTo(503);
                    assertThat(write.header("Content-Type")).startsWith("application/problem+json");
                    assertThat(write.header("Retry-After")).isNotEmpty();
                    assertThat(write.body()).doesNotContain("SQLException").doesNotContain("postgresql://");
                    assertThat(s.get("/readyz", null).status()).isEqualTo(503);
                    TestServer.Response snapshot = s.get("/sdk/v1/flags", key);
                    assertThat(snapshot.status()).isEqualTo(200);
                    assertThat(snapshot.json().get("flags").get(0).get("key").asText()).isEqualTo("checkout");
                    assertThat(client.booleanDetail("checkout", EvaluationContext.of("u"), false).value()).isTrue();

                    outage(false);
                    await().atMost(Duration.ofSeconds(15)).until(() ->
                            s.post("/api/v1/environments/production/flags/checkout/kill", TestServer.ADMIN, null).status() == 200);
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> !client.booleanDetail("checkout", EvaluationContext.of("u"), true).value());
                    assertThat(s.get("/readyz", null).status()).isEqualTo(200);
                }
            }
        }
    }
}
