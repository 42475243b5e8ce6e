package dev.gantry.bench.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.server.GantryServer;
import dev.gantry.server.ServerConfig;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long the dashboard takes to answer a release page for a plan with 100 gate items (five
 * categories of 20, each with a result and evidence from a posted gate run), 12 milestones and
 * events, 10 changes, 6 communications and 4 sign-off roles: a real server on SQLite, signed in,
 * one GET per invocation over loopback HTTP, so the figure is server time plus the loopback round
 * trip. See docs/benchmarks.md for the command and the figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class ReleasePageBenchmark {
    static final String ADMIN = "gat_bench-admin-token-0123456789abcdefghijklmnopqrstuv";
    static final int ITEMS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    Path dir;
    GantryServer server;
    HttpClient http;
    HttpRequest page;

    /** The plan: 100 manual gate items in five categories, with enough of everything else to fill the page. */
    static String plan() {
        StringBuilder y = new StringBuilder("""
                apiVersion: gantry/v1
                release: { product: bench, version: 1.0.0, previous: 0.9.0, owner: olivia, target: 2026-12-20 }
                roles:
                  engineering-lead: { title: Engineering Lead, members: [erin] }
                  qa-lead: { title: QA Lead, members: [quinn] }
                  security: { title: Security, members: [sam] }
                  product-owner: { title: Product Owner, members: [olivia] }
                milestones:
                """);
        for (int i = 1; i <= 6; i++) {
            y.append("  - { id: M").append(i).append(", name: Milestone ").append(i).append(", due: D-")
                    .append(40 - i * 6).append(", status: ").append(i < 3 ? "done" : "pending").append(" }\n");
        }
        y.append("timeline:\n");
        for (int i = 1; i <= 6; i++) {
            y.append("  - { day: D").append(i < 4 ? "-" + (i * 3) : "+" + i).append(", name: Event ").append(i)
                    .append(" }\n");
        }
        y.append("changes:\n");
        for (int i = 1; i <= 10; i++) {
            y.append("  - { id: change-").append(i).append(", title: Change number ").append(i)
                    .append(", area: api, type: changed, breaking: ").append(i % 3 == 0)
                    .append(", audiences: [customers, operators], migration: Update the client to call the new endpoint ")
                    .append(i).append(" }\n");
        }
        y.append("gates:\n");
        for (int c = 1; c <= 5; c++) {
            y.append("  category").append(c).append(":\n");
            for (int i = 1; i <= ITEMS / 5; i++) {
                y.append("    - { id: item-").append(c).append('-').append(i).append(", title: Check ").append(i)
                        .append(" of category ").append(c).append(" is done, check: { type: manual } }\n");
            }
        }
        y.append("signoffs: [engineering-lead, qa-lead, security, product-owner]\n");
        y.append("communications:\n");
        for (int i = 1; i <= 6; i++) {
            y.append("  - { id: comm-").append(i).append(", audience: existing-users, medium: email, when: D-")
                    .append(i * 2).append(", subject: Message ").append(i).append(" }\n");
        }
        return y.toString();
    }

    @Setup(Level.Trial)
    public void start() throws Exception {
        dir = Files.createTempDirectory("gantry-page-bench");
        server = GantryServer.start(ServerConfig.defaults().withPort(0).withDataDir(dir)
                .withDatabaseUrl("jdbc:sqlite:" + dir.resolve("bench.db")).withAdminToken(ADMIN), Clock.systemUTC());
        http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        JsonNode pushed = api("POST", "/api/v1/releases", JSON.createObjectNode().put("source", "bench/release.yaml")
                .put("plan", plan()).toString());
        String hash = "sha256:" + pushed.path("revision").path("contentHash").asText();
        ObjectNode run = JSON.createObjectNode().put("planHash", hash);
        ArrayNode items = run.putArray("items");
        for (int c = 1; c <= 5; c++) {
            for (int i = 1; i <= ITEMS / 5; i++) {
                ObjectNode item = items.addObject().put("category", "category" + c).put("id", "item-" + c + "-" + i)
                        .put("status", i % 7 == 0 ? "FAIL" : "PASS").put("reason", "checked by hand on staging")
                        .put("durationMs", 12);
                item.putArray("evidence").add("ticket QA-" + (c * 100 + i)).add("run https://ci.example.com/" + i);
            }
        }
        api("POST", "/api/v1/releases/bench/1.0.0/gate-runs", run.toString());
        signIn();
        page = HttpRequest.newBuilder(server.uri().resolve("/releases/bench/1.0.0")).GET().build();
        HttpResponse<String> check = http.send(page, HttpResponse.BodyHandlers.ofString());
        if (check.statusCode() != 200 || !check.body().contains("item-5-20")) {
            throw new IllegalStateException("the release page did not render: " + check.statusCode());
        }
    }

    private JsonNode api(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve(path))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private void signIn() throws IOException, InterruptedException {
        URI login = server.uri().resolve("/login");
        String form = http.send(HttpRequest.newBuilder(login).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
        if (!m.find()) {
            throw new IllegalStateException("no sign-in form");
        }
        String body = "_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8) + "&next=%2F&token="
                + URLEncoder.encode(ADMIN, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(login)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 303) {
            throw new IllegalStateException("sign-in answered " + r.statusCode());
        }
    }

    @Benchmark
    public int releasePage() throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(page, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the release page answered " + r.statusCode());
        }
        return r.body().length;
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        server.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
