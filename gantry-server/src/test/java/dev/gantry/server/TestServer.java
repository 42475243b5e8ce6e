package dev.gantry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** A real server on port 0 with a known admin token, and an HTTP client for it. */
final class TestServer implements AutoCloseable {
    static final String ADMIN = "gat_test-admin-token-0123456789abcdefghijklmnopqrstuv";
    static final ObjectMapper JSON = new ObjectMapper();

    final GantryServer server;
    final ServerConfig config;
    final ServerWiring wiring;
    final Clock clock;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Response(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse("");
        }
    }

    private TestServer(ServerConfig config, Clock clock, ServerWiring wiring) {
        this.config = config;
        this.clock = clock;
        this.wiring = wiring;
        this.server = GantryServer.start(config, clock, wiring);
    }

    /** A server with a test clock, environment and notifier (communications, post-launch). */
    static TestServer start(ServerConfig config, Clock clock, ServerWiring wiring) {
        return new TestServer(config, clock, wiring);
    }

    /** Closes this server and starts one on the same database and clock with {@code newWiring}. */
    TestServer restart(ServerWiring newWiring) {
        server.close();
        return new TestServer(config, clock, newWiring);
    }

    static ServerConfig config(String databaseUrl, Path dataDir) {
        return ServerConfig.defaults().withPort(0).withDataDir(dataDir).withDatabaseUrl(databaseUrl)
                .withAdminToken(ADMIN).withHeartbeat(Duration.ofMillis(300)).withMaxRequestBytes(64 * 1024);
    }

    static TestServer start(ServerConfig config) {
        return new TestServer(config, Clock.systemUTC(), ServerWiring.defaults());
    }

    /** A server with an environment and notifier of the test's own. */
    static TestServer start(ServerConfig config, ServerWiring wiring) {
        return new TestServer(config, Clock.systemUTC(), wiring);
    }

    TestServer restart() {
        server.close();
        return new TestServer(config, clock, wiring);
    }

    URI uri() {
        return server.uri();
    }

    Response call(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(b.build());
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response get(String path, String token) {
        return call("GET", path, token, null);
    }

    Response post(String path, String token, String body) {
        return call("POST", path, token, body);
    }

    Response put(String path, String token, String body) {
        return call("PUT", path, token, body);
    }

    /** @return a new SDK key for {@code env} */
    String sdkKey(String env) {
        Response r = post("/api/v1/environments/" + env + "/sdk-keys", ADMIN, null);
        if (r.status() != 201) {
            throw new IllegalStateException("SDK key not created: " + r.status() + " " + r.body());
        }
        return r.json().get("key").asText();
    }

    static String booleanFlag(String key, boolean on) {
        return """
                {"type":"boolean","on":%s,"salt":"%s",
                 "variations":[{"name":"on","value":true},{"name":"off","value":false}],
                 "offVariation":"off","fallthrough":{"variation":"on"}}""".formatted(on, key);
    }

    @Override
    public void close() {
        server.close();
    }
}
