package dev.gantry.server.notify;

import dev.gantry.gate.RequestRefusedException;
import dev.gantry.server.gate.OutboundHosts;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * POSTs a JSON body to a receiver within the server's allowed outbound hosts and says how it
 * went: 2xx delivered; 408, 429, 5xx and network failures retried (honouring
 * {@code Retry-After} in seconds); any other status, a host not allowed or a URL that is not
 * http(s) failed for good. Messages never contain the URL (it is a secret). Thread-safe.
 */
final class HttpDelivery {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int SNIPPET = 200;

    private final HttpClient client;
    private final OutboundHosts allowed;

    HttpDelivery(HttpClient client, OutboundHosts allowed) {
        this.client = client;
        this.allowed = allowed;
    }

    SendResult post(String url, String body, Map<String, String> headers) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new SendResult.Failed("the channel's URL is not a valid URL; check the plan's url value");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return new SendResult.Failed("the channel's URL is not an http(s) URL with a host; check the plan's url value");
        }
        if (!allowed.allows(uri.getHost())) {
            return new SendResult.Failed(notAllowed(uri.getHost()));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8").header("User-Agent", "Gantry")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        HttpResponse<String> response;
        try {
            response = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (RequestRefusedException e) {
            return new SendResult.Failed("not sent: " + e.getMessage()
                    + "; add it with --allowed-outbound-hosts (GANTRY_ALLOWED_OUTBOUND_HOSTS)");
        } catch (HttpTimeoutException e) {
            return new SendResult.Retry("the receiver did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            return new SendResult.Retry("cannot connect to the receiver at " + uri.getHost());
        } catch (IOException e) {
            return new SendResult.Retry("the request to " + uri.getHost() + " failed (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Retry("interrupted while sending (server shutting down)");
        }
        return classify(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"));
    }

    static SendResult classify(int status, String body, Optional<String> retryAfter) {
        if (status >= 200 && status < 300) {
            return new SendResult.Delivered();
        }
        String said = "the receiver answered " + status + snippet(body);
        if (status == 408 || status == 429 || status >= 500) {
            return new SendResult.Retry(said, retryAfter.flatMap(HttpDelivery::seconds));
        }
        return new SendResult.Failed(said);
    }

    static String notAllowed(String host) {
        return "host " + host + " is not in the server's allowed outbound hosts; add it with --allowed-outbound-hosts"
                + " (GANTRY_ALLOWED_OUTBOUND_HOSTS) and retry the notification";
    }

    private static Optional<Duration> seconds(String value) {
        try {
            long s = Long.parseLong(value.trim());
            return s >= 0 ? Optional.of(Duration.ofSeconds(s)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String one = body.strip().replaceAll("\\s+", " ");
        return ": " + (one.length() > SNIPPET ? one.substring(0, SNIPPET) + "..." : one);
    }
}
