package dev.gantry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus (Debian's {@code prometheus} package) for tests: started on a free port
 * with a temporary config and TSDB directory, scraping a metrics endpoint the test serves
 * every second. Reusable by any test that needs PromQL (gates, rollout guards).
 *
 * <pre>{@code
 * try (TestHttpServer app = TestHttpServer.start().on("/metrics", ...);
 *      PrometheusServer prometheus = PrometheusServer.scraping(app.url() + "/metrics")) {
 *     prometheus.awaitQuery("up == 1");
 *     ... prometheus.url() ...
 * }
 * }</pre>
 *
 * <p>When the binary is absent the test is skipped with a message naming the package, except
 * when {@code GANTRY_CI_STRICT=true}, where it fails.
 */
public final class PrometheusServer implements AutoCloseable {
    /** How long Prometheus may take to start and to have scraped. */
    public static final Duration STARTUP = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final Path directory;
    private final int port;

    private PrometheusServer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** The Prometheus binary, if installed. */
    public static Optional<Path> binary() {
        String override = System.getenv("GANTRY_PROMETHEUS_BIN");
        Stream<String> candidates = Stream.concat(Stream.ofNullable(override),
                Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")).map(d -> d + "/prometheus"));
        return candidates.map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts Prometheus scraping {@code metricsUrl} ({@code http://host:port/path}) every second
     * and waits until it is ready. Skips the calling test when the binary is absent (fails in
     * strict CI).
     */
    public static PrometheusServer scraping(String metricsUrl) {
        return scraping(metricsUrl, "app");
    }

    /** As {@link #scraping(String)}, with the scrape job named {@code job} (its {@code job} label). */
    public static PrometheusServer scraping(String metricsUrl, String job) {
        Optional<Path> binary = binary();
        if (binary.isEmpty()) {
            String message = "Prometheus is not installed; install Debian's 'prometheus' package (apt-get install prometheus)";
            if ("true".equals(System.getenv("GANTRY_CI_STRICT"))) {
                throw new IllegalStateException(message + " (GANTRY_CI_STRICT=true: not skipping)");
            }
            Assumptions.abort(message);
        }
        URI target = URI.create(metricsUrl);
        try {
            Path directory = Files.createTempDirectory("gantry-prometheus");
            int port = freePort();
            Files.writeString(directory.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    scrape_configs:
                      - job_name: %s
                        metrics_path: %s
                        static_configs:
                          - targets: ['%s:%d']
                    """.formatted(job, target.getPath(), target.getHost(), target.getPort()));
            Process process = new ProcessBuilder(binary.get().toString(),
                    "--config.file=" + directory.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + directory.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn")
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("prometheus.log").toFile())
                    .start();
            PrometheusServer server = new PrometheusServer(process, directory, port);
            try {
                server.await("Prometheus to be ready", () -> server.get("/-/ready").filter(b -> true).isPresent());
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL, {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until {@code promql} returns at least one sample (e.g. after the first scrapes). */
    public void awaitQuery(String promql) {
        AtomicReference<String> last = new AtomicReference<>("");
        await("query '" + promql + "' to return data", () -> {
            Optional<String> body = get("/api/v1/query?query=" + java.net.URLEncoder.encode(promql, StandardCharsets.UTF_8));
            body.ifPresent(last::set);
            return body.filter(b -> b.contains("\"result\":[{") || b.contains("\"resultType\":\"scalar\"")).isPresent();
        });
    }

    private Optional<String> get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited while waiting for " + what + ": " + log());
            }
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
        throw new IllegalStateException("gave up waiting for " + what + " after " + STARTUP.toSeconds() + "s: " + log());
    }

    private String log() {
        try {
            List<String> lines = Files.readAllLines(directory.resolve("prometheus.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
