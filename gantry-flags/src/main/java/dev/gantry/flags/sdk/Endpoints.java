package dev.gantry.flags.sdk;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * The SDK endpoints of docs/sdk-protocol.md under a base URI, with the authentication header.
 * {@link #toString()} never shows the key.
 */
final class Endpoints {
    static final String USER_AGENT = "gantry-java/0.1.0";

    private final URI base;
    private final String sdkKey;
    private final Duration requestTimeout;

    Endpoints(URI base, String sdkKey, Duration requestTimeout) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.sdkKey = sdkKey;
        this.requestTimeout = requestTimeout;
    }

    URI flags() {
        return base.resolve("sdk/v1/flags");
    }

    URI stream() {
        return base.resolve("sdk/v1/stream");
    }

    URI metrics() {
        return base.resolve("sdk/v1/metrics");
    }

    HttpRequest.Builder request(URI uri, boolean withTimeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + sdkKey)
                .header("User-Agent", USER_AGENT);
        return withTimeout ? b.timeout(requestTimeout) : b;
    }

    static String describeStatus(int status, URI uri) {
        if (status == 401 || status == 403) {
            return "The server rejected the SDK key (HTTP " + status + " from " + uri + ").";
        }
        return "HTTP " + status + " from " + uri + ".";
    }

    @Override
    public String toString() {
        return "Endpoints[" + base + "]";
    }
}
