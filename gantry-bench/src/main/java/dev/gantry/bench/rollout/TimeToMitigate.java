package dev.gantry.bench.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.gantry.flags.EvaluationContext;
import dev.gantry.flags.sdk.GantryClient;
import dev.gantry.server.GantryServer;
import dev.gantry.server.ServerConfig;
import dev.gantry.server.ServerWiring;
import dev.gantry.server.gate.OutboundHosts;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Load driver (not a test): time to mitigate. Starts a server (SQLite in a temporary directory)
 * and a health endpoint it probes; per run, rolls a fresh flag out to 100% under an {@code http}
 * guard ({@code for: 2s}, {@code action: rollback}, evaluation interval 1 s), has a streaming SDK
 * serve the new variation, then makes the endpoint answer 503 and measures when the SDK serves
 * the old variation again. Prints, over the runs, p50 and p99 of:
 * <ul>
 *   <li>breach-to-mitigation: from the breach having lasted its {@code for} (the
 *       {@code guard-breaching} event's {@code since} plus {@code for}) to the SDK serving the old
 *       variation (goal: under 1 s);</li>
 *   <li>onset-to-mitigation minus {@code for}: from the endpoint failing, plus {@code for}, to
 *       the SDK serving the old variation (goal: under one evaluation interval plus 1 s).</li>
 * </ul>
 *
 * <p>Usage: {@code java -cp gantry-bench/target/benchmarks.jar dev.gantry.bench.rollout.TimeToMitigate [runs]}
 */
public final class TimeToMitigate {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "gat_bench-admin-token-0123456789abcdefghijklmnopq";
    private static final Duration FOR = Duration.ofSeconds(2);

    private TimeToMitigate() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        HttpServer health = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        health.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        boolean[] healthy = {true};
        health.createContext("/health", exchange -> {
            int status = healthy[0] ? 200 : 503;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        health.start();
        Path dir = Files.createTempDirectory("gantry-bench-mitigate");
        ServerWiring wiring = ServerWiring.defaults().withEnvironment(Map.of(
                "APP_URL", "http://127.0.0.1:" + health.getAddress().getPort()));
        List<Long> afterFor = new ArrayList<>();
        List<Long> fromOnset = new ArrayList<>();
        try (GantryServer server = GantryServer.start(ServerConfig.defaults().withPort(0).withDataDir(dir)
                .withAdminToken(ADMIN).withAllowedOutboundHosts(OutboundHosts.parse("127.0.0.1")), Clock.systemUTC(), wiring)) {
            HttpClient http = HttpClient.newHttpClient();
            URI base = server.uri();
            String sdkKey = JSON.readTree(call(http, base, "POST", "/api/v1/environments/production/sdk-keys", null))
                    .get("key").asText();
            try (GantryClient sdk = GantryClient.builder().sdkKey(sdkKey).baseUri(base).disableMetrics().streaming().build()) {
                if (!sdk.awaitReady(Duration.ofSeconds(10))) {
                    throw new IllegalStateException("the SDK did not connect");
                }
                for (int run = 1; run <= runs; run++) {
                    String flag = "mitigate-" + run;
                    String version = "1.0." + run;
                    call(http, base, "PUT", "/api/v1/environments/production/flags/" + flag, """
                            {"type":"boolean","on":true,"salt":"s","variations":[{"name":"on","value":true},
                             {"name":"off","value":false}],"offVariation":"off","fallthrough":{"variation":"off"}}""");
                    String plan = """
                            apiVersion: gantry/v1
                            release: { product: bench, version: %s, owner: bench, target: 2026-12-02 }
                            flags: [{ key: %s }]
                            rollout:
                              flag: %s
                              phases: [{ name: everyone, percent: 100, hold: 1h }]
                              guards:
                                - { id: health, source: http, url: "${APP_URL}/health", for: %ds, action: rollback }
                              evaluationInterval: 1s
                            """.formatted(version, flag, flag, FOR.toSeconds());
                    call(http, base, "POST", "/api/v1/releases", JSON.writeValueAsString(Map.of("source", "release.yaml", "plan", plan)));
                    String path = "/api/v1/releases/bench/" + version;
                    call(http, base, "POST", path + "/rollouts", "{\"force\":true}");
                    EvaluationContext user = EvaluationContext.of("user-1");
                    waitFor(() -> sdk.booleanDetail(flag, user, false).value());
                    Thread.sleep(1500); // a healthy evaluation or two first
                    healthy[0] = false;
                    Instant onset = Instant.now();
                    waitFor(() -> !sdk.booleanDetail(flag, user, true).value());
                    Instant mitigated = Instant.now();
                    healthy[0] = true;
                    JsonNode events = JSON.readTree(call(http, base, "GET", path + "/rollout/events", null)).get("events");
                    Instant since = null;
                    for (JsonNode e : events) {
                        if (e.get("type").asText().equals("guard-breaching")) {
                            since = Instant.parse(e.get("since").asText());
                        }
                    }
                    if (since == null) {
                        throw new IllegalStateException("run " + run + ": no guard-breaching event");
                    }
                    afterFor.add(Duration.between(since.plus(FOR), mitigated).toMillis());
                    fromOnset.add(Duration.between(onset.plus(FOR), mitigated).toMillis());
                    System.out.printf("run %d: breach+for -> old variation %d ms; onset+for -> old variation %d ms%n",
                            run, afterFor.getLast(), fromOnset.getLast());
                }
            }
        } finally {
            health.stop(0);
        }
        System.out.printf("%d runs: breach lasted its for -> SDK serves old variation: p50 %d ms, p99 %d ms, max %d ms%n",
                runs, percentile(afterFor, 50), percentile(afterFor, 99), percentile(afterFor, 100));
        System.out.printf("%d runs: failure onset + for -> SDK serves old variation: p50 %d ms, p99 %d ms, max %d ms%n",
                runs, percentile(fromOnset, 50), percentile(fromOnset, 99), percentile(fromOnset, 100));
        System.exit(0);
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up after 60 s");
            }
            Thread.sleep(1);
        }
    }

    private static String call(HttpClient http, URI base, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + ADMIN);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
