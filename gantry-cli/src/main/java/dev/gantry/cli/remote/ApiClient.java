package dev.gantry.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.UserFacingException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A small client of the control plane's JSON API. The server and token come from
 * {@code --server}, then {@code GANTRY_URL} / {@code GANTRY_TOKEN}, then {@code gantry login}'s
 * file. Problem details from the server become one-sentence {@link UserFacingException}s: 4xx
 * input errors exit 2, refused tokens and server errors exit 1. The token never appears in
 * messages.
 */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The environment, replaceable in tests. */
    public static Map<String, String> environment = System.getenv();

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ApiClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /**
     * @param server the {@code --server} option, if given
     * @throws UserFacingException when no server or token is known
     */
    public static ApiClient connect(Optional<String> server) {
        Optional<Credentials> stored = Credentials.load(environment);
        String url = server.or(() -> Optional.ofNullable(environment.get("GANTRY_URL")).filter(s -> !s.isBlank()))
                .or(() -> stored.map(Credentials::url))
                .orElseThrow(() -> new UserFacingException(ExitCodes.USAGE,
                        "No server given: run 'gantry login URL' first, or set GANTRY_URL and GANTRY_TOKEN."));
        String token = Optional.ofNullable(environment.get("GANTRY_TOKEN")).filter(s -> !s.isBlank())
                .or(() -> stored.filter(c -> c.url().equals(url)).map(Credentials::token))
                .orElseThrow(() -> new UserFacingException(ExitCodes.USAGE,
                        "No API token for " + url + ": run 'gantry login " + url + "', or set GANTRY_TOKEN."));
        return of(url, token);
    }

    /** @return a client of {@code url} with {@code token} */
    public static ApiClient of(String url, String token) {
        URI u;
        try {
            u = URI.create(url.endsWith("/") ? url : url + "/");
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(ExitCodes.USAGE, "'" + url + "' is not a URL.");
        }
        if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
            throw new UserFacingException(ExitCodes.USAGE, "The server URL must start with http:// or https://, got '" + url + "'.");
        }
        return new ApiClient(u, token);
    }

    /** @return the server's base URI */
    public URI base() {
        return base;
    }

    /** GET a JSON resource. */
    public JsonNode get(String path) {
        return send("GET", path, Optional.empty());
    }

    /** POST JSON (or nothing). */
    public JsonNode post(String path, Optional<Object> body) {
        return send("POST", path, body);
    }

    /** PUT JSON. */
    public JsonNode put(String path, Object body) {
        return send("PUT", path, Optional.of(body));
    }

    /** DELETE a resource. */
    public JsonNode delete(String path) {
        return send("DELETE", path, Optional.empty());
    }

    private JsonNode send(String method, String path, Optional<Object> body) {
        URI uri = base.resolve(path.startsWith("/") ? path.substring(1) : path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        try {
            if (body.isPresent()) {
                byte[] bytes = body.get() instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                        : JSON.writeValueAsBytes(body.get());
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 200 && r.statusCode() < 300) {
                return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
            }
            throw failure(method, uri, r);
        } catch (IOException e) {
            throw new UserFacingException(ExitCodes.ERROR, "Cannot reach the server at " + base + " ("
                    + e.getClass().getSimpleName() + "); check the URL and that 'gantry serve' runs there.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserFacingException(ExitCodes.ERROR, "Interrupted while waiting for the server.");
        }
    }

    /**
     * Reads the server-sent-event stream at {@code path}, handing each event's JSON data to
     * {@code onData} until it returns false or the server ends the stream.
     *
     * @throws UserFacingException when the server refuses or cannot be reached
     */
    public void stream(String path, java.util.function.Predicate<JsonNode> onData) {
        URI uri = base.resolve(path.startsWith("/") ? path.substring(1) : path);
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").GET().build();
        try {
            HttpResponse<java.util.stream.Stream<String>> r = http.send(request, HttpResponse.BodyHandlers.ofLines());
            if (r.statusCode() < 200 || r.statusCode() >= 300) {
                String body = String.join("\n", r.body().toList());
                throw failure("GET", uri, new StringResponse(r, body));
            }
            try (java.util.stream.Stream<String> lines = r.body()) {
                StringBuilder data = new StringBuilder();
                for (java.util.Iterator<String> it = lines.iterator(); it.hasNext();) {
                    String line = it.next();
                    if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    } else if (line.isEmpty() && !data.isEmpty()) {
                        JsonNode node = JSON.readTree(data.toString());
                        data.setLength(0);
                        if (!onData.test(node)) {
                            return;
                        }
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UserFacingException(ExitCodes.ERROR, "Cannot reach the server at " + base + " ("
                    + e.getClass().getSimpleName() + "); check the URL and that 'gantry serve' runs there.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserFacingException(ExitCodes.ERROR, "Interrupted while waiting for the server.");
        }
    }

    /** A streamed answer's status with its body read, for {@link #failure}. */
    private record StringResponse(HttpResponse<?> original, String body) implements HttpResponse<String> {
        @Override
        public int statusCode() {
            return original.statusCode();
        }

        @Override
        public HttpRequest request() {
            return original.request();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return original.headers();
        }

        @Override
        public URI uri() {
            return original.uri();
        }

        @Override
        public java.net.http.HttpClient.Version version() {
            return original.version();
        }

        @Override
        public Optional<javax.net.ssl.SSLSession> sslSession() {
            return original.sslSession();
        }
    }

    /** A failed answer, with the server's problem details when it sent them. */
    public static final class ServerProblem extends RuntimeException {
        private final transient JsonNode problem;

        ServerProblem(JsonNode problem) {
            super(problem.path("detail").asText(), null, false, false);
            this.problem = problem;
        }

        /** @return the problem document */
        public JsonNode problem() {
            return problem;
        }
    }

    private static UserFacingException failure(String method, URI uri, HttpResponse<String> r) {
        String detail;
        try {
            JsonNode p = JSON.readTree(r.body());
            detail = p.path("detail").asText(p.path("errorDetails").asText(""));
            if (p.has("problems")) {
                StringBuilder sb = new StringBuilder(detail);
                p.get("problems").forEach(x -> sb.append(System.lineSeparator()).append(x.path("formatted").asText()));
                detail = sb.toString();
            }
        } catch (IOException | RuntimeException e) {
            detail = "";
        }
        int status = r.statusCode();
        String what = method + " " + uri.getPath() + " answered " + status + (detail.isEmpty() ? "." : ": " + detail);
        int code = status == 401 || status == 403 || status == 429 || status >= 500 ? ExitCodes.ERROR : ExitCodes.USAGE;
        return new UserFacingException(code, what);
    }
}
