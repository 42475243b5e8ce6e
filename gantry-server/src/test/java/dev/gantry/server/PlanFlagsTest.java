package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Pushing a plan creates the flags it declares, off at their default, never touching existing ones: SQLite and PostgreSQL. */
class PlanFlagsTest {
    static final String PLAN = """
            apiVersion: gantry/v1
            release: { product: shop, version: 1.1.0, owner: dana, target: 2026-03-02 }
            flags:
              - { key: shop-1-1 }
              - { key: rate-limit, default: true, temporary: false }
              - { key: payment-provider, type: string, variations: { old: legacy, new: v2 }, default: v2 }
              - { key: max-items, type: number, variations: { few: 10, many: 100 } }
              - { key: new-search }
            rollout:
              flag: shop-1-1
              phases: [{ percent: 10, hold: 1d }, { percent: 100 }]
              activation: [{ flag: new-search }]
            """;

    @TempDir
    Path dir;

    static String push(String plan) {
        return TestServer.JSON.createObjectNode().put("source", "release.yaml").put("plan", plan).toString();
    }

    static List<String> created(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.get("flagsCreated").forEach(f -> out.add(f.get("environment").asText() + "/" + f.get("key").asText()));
        return out;
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void push_createsMissingFlagsOffAtDefault_keepsExisting(TestDatabases.Kind kind) {
        try (TestDatabases.TestDb db = TestDatabases.create(kind, dir); TestServer s = TestServer.start(TestServer.config(db.url(), dir))) {
            String existing = """
                    {"type":"boolean","on":true,"salt":"x","variations":[{"name":"yes","value":true},{"name":"no","value":false}],
                     "offVariation":"no","fallthrough":{"variation":"yes"}}""";
            assertThat(s.put("/api/v1/environments/production/flags/rate-limit", TestServer.ADMIN, existing).status()).isEqualTo(201);
            String ci = s.post("/api/v1/tokens", TestServer.ADMIN, "{\"name\":\"ci\",\"scopes\":[\"read\",\"operate\"]}")
                    .json().get("token").asText();

            TestServer.Response pushed = s.post("/api/v1/releases", ci, push(PLAN));
            assertThat(pushed.status()).as(pushed.body()).isEqualTo(201);
            assertThat(created(pushed.json())).containsExactlyInAnyOrder(
                    "production/shop-1-1", "production/payment-provider", "production/max-items", "production/new-search",
                    "staging/shop-1-1", "staging/rate-limit", "staging/payment-provider", "staging/max-items", "staging/new-search");

            JsonNode kept = s.get("/api/v1/environments/production/flags/rate-limit", TestServer.ADMIN).json();
            assertThat(kept.get("version").asLong()).isEqualTo(1);
            assertThat(kept.get("definition").get("on").asBoolean()).isTrue();
            assertThat(kept.get("updatedBy").asText()).startsWith("admin");

            String sdkKey = s.sdkKey("staging");
            assertThat(eval(s, sdkKey, "shop-1-1")).isEqualTo("false/DISABLED");
            assertThat(eval(s, sdkKey, "rate-limit")).isEqualTo("true/DISABLED");
            assertThat(eval(s, sdkKey, "payment-provider")).isEqualTo("v2/DISABLED");
            assertThat(eval(s, sdkKey, "max-items")).isEqualTo("10/DISABLED");
            assertThat(eval(s, sdkKey, "new-search")).isEqualTo("false/DISABLED");

            JsonNode audit = s.get("/api/v1/audit?target=flag:staging/payment-provider", TestServer.ADMIN).json().get("entries");
            assertThat(audit).hasSize(1);
            assertThat(audit.get(0).get("action").asText()).isEqualTo("flag.create");
            assertThat(audit.get(0).get("actor").asText()).startsWith("ci (");

            assertThat(s.post("/api/v1/environments/staging/flags/shop-1-1/toggle", TestServer.ADMIN, "{\"on\":true}").status())
                    .isEqualTo(200);
            TestServer.Response again = s.post("/api/v1/releases", ci, push(PLAN + "# revised\n"));
            assertThat(again.status()).isEqualTo(201);
            assertThat(created(again.json())).isEmpty();
            assertThat(eval(s, sdkKey, "shop-1-1")).as("still on: the second push left it alone").isEqualTo("false/DEFAULT");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void push_newEnvironmentLater_createdThereOnNextPush(TestDatabases.Kind kind) {
        try (TestDatabases.TestDb db = TestDatabases.create(kind, dir); TestServer s = TestServer.start(TestServer.config(db.url(), dir))) {
            assertThat(created(s.post("/api/v1/releases", TestServer.ADMIN, push(PLAN)).json())).hasSize(10);
            assertThat(s.post("/api/v1/environments", TestServer.ADMIN, "{\"name\":\"qa\"}").status()).isEqualTo(201);
            TestServer.Response unchanged = s.post("/api/v1/releases", TestServer.ADMIN, push(PLAN));
            assertThat(unchanged.status()).isEqualTo(200);
            assertThat(created(unchanged.json())).hasSize(5).allMatch(k -> k.startsWith("qa/"));
        }
    }

    static String eval(TestServer s, String sdkKey, String flag) {
        JsonNode j = s.post("/ofrep/v1/evaluate/flags/" + flag, sdkKey, "{\"context\":{\"targetingKey\":\"u\"}}").json();
        return j.get("value").asText() + "/" + j.get("reason").asText();
    }
}
