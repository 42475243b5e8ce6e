package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.plan.LoadResult;
import dev.gantry.plan.PlanLoader;
import dev.gantry.plan.Problem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushing plans, revisions, overview and diff. */
class ReleaseApiTest {
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestServer.config("jdbc:sqlite:" + dir.resolve("releases.db"), dir));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static TestServer.Response push(String source, String plan) {
        return server.post("/api/v1/releases", TestServer.ADMIN, PersistenceTest.pushBody(source, plan));
    }

    @Nested
    class Push {
        @Test
        void invalidPlan_422WithSameProblemsAsCli() {
            String plan = "apiVersion: gantry/v1\nrelease: { product: shop, versoin: 1.0.0 }\n";
            TestServer.Response r = push("shop/release.yaml", plan);
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            LoadResult cli = PlanLoader.load("shop/release.yaml", plan, dir);
            List<String> expected = ((LoadResult.Invalid) cli).problems().stream().map(Problem::format).toList();
            List<String> got = new ArrayList<>();
            r.json().get("problems").forEach(p -> got.add(p.get("formatted").asText()));
            assertThat(got).isEqualTo(expected).isNotEmpty();
            assertThat(got.getFirst()).startsWith("shop/release.yaml:2:");
        }

        @Test
        void samePlanTwice_oneRevision_changedPlan_nextRevisionAndDiff() throws IOException {
            String plan = PersistenceTest.platformPlan().replace("version: 1.2.0", "version: 1.2.9");
            TestServer.Response first = push("release.yaml", plan);
            assertThat(first.status()).isEqualTo(201);
            assertThat(first.json().get("revision").get("revision").asLong()).isEqualTo(1);
            assertThat(first.json().get("revision").get("contentHash").asText()).hasSize(64);
            TestServer.Response same = push("release.yaml", plan);
            assertThat(same.status()).isEqualTo(200);
            assertThat(same.json().get("created").asBoolean()).isFalse();
            String changed = plan.replace("owner: maya.chen\n  target", "owner: omar.haddad\n  target");
            assertThat(changed).isNotEqualTo(plan);
            TestServer.Response second = push("release.yaml", changed);
            assertThat(second.status()).isEqualTo(201);
            assertThat(second.json().get("revision").get("revision").asLong()).isEqualTo(2);

            JsonNode release = server.get("/api/v1/releases/platform/1.2.9", TestServer.ADMIN).json();
            assertThat(release.get("revisions").asInt()).isEqualTo(2);
            assertThat(release.get("overview").get("owner").asText()).isEqualTo("omar.haddad");
            JsonNode old = server.get("/api/v1/releases/platform/1.2.9?revision=1", TestServer.ADMIN).json();
            assertThat(old.get("overview").get("owner").asText()).isEqualTo("maya.chen");

            JsonNode diff = server.get("/api/v1/releases/platform/1.2.9/diff?from=1&to=2", TestServer.ADMIN).json();
            List<String> changes = new ArrayList<>();
            diff.get("lines").forEach(l -> {
                if (!l.asText().startsWith("  ")) {
                    changes.add(l.asText());
                }
            });
            assertThat(changes).containsExactly("-   owner: maya.chen", "+   owner: omar.haddad");
        }

        @Test
        void operateScopeNeeded_readToken403() {
            String read = server.post("/api/v1/tokens", TestServer.ADMIN, "{\"name\":\"r\",\"scopes\":[\"read\"]}")
                    .json().get("token").asText();
            assertThat(server.post("/api/v1/releases", read, PersistenceTest.pushBody("r.yaml", "x: 1")).status()).isEqualTo(403);
        }

        @Test
        void unknownRelease_404() {
            assertThat(server.get("/api/v1/releases/nope/0.0.1", TestServer.ADMIN).status()).isEqualTo(404);
        }
    }
}
