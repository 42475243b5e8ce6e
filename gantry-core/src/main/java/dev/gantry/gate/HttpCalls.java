package dev.gantry.gate;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * HTTP requests for checks, with failures turned into sentences. Messages name the URL as the
 * plan writes it (never resolved: it may hold a secret) and never echo exception text that
 * could hold the resolved URL.
 */
final class HttpCalls {
    /** The most of a body a check reads. */
    static final int MAX_BODY = 4 * 1024 * 1024;

    private HttpCalls() {}

    /** A response, or why there is none. */
    sealed interface Outcome {
        record Answered(int status, String body, Map<String, java.util.List<String>> headers, Duration latency)
                implements Outcome {}

        record Failed(String reason) implements Outcome {}
    }

    static Outcome send(HttpClient http, String method, String url, Map<String, String> headers, Duration timeout,
            String shownUrl) throws InterruptedException {
        URI uri;
        try {
            uri = URI.create(url);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                return new Outcome.Failed("'" + shownUrl + "' is not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            return new Outcome.Failed("'" + shownUrl + "' is not a valid URL");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            byte[] bytes = response.body();
            String body = new String(bytes, 0, Math.min(bytes.length, MAX_BODY), java.nio.charset.StandardCharsets.UTF_8);
            return new Outcome.Answered(response.statusCode(), body, response.headers().map(), latency);
        } catch (HttpConnectTimeoutException e) {
            return new Outcome.Failed("could not connect to '" + shownUrl + "' within the timeout");
        } catch (HttpTimeoutException e) {
            return new Outcome.Failed("'" + shownUrl + "' did not answer within " + dev.gantry.plan.Durations.format(timeout));
        } catch (SSLException e) {
            return new Outcome.Failed("TLS with '" + shownUrl + "' failed (" + e.getClass().getSimpleName()
                    + "): the certificate or protocol is not accepted");
        } catch (ConnectException e) {
            return new Outcome.Failed("'" + shownUrl + "' is unreachable: the connection was refused");
        } catch (RequestRefusedException e) {
            return new Outcome.Failed("the request to '" + shownUrl + "' was not sent: " + e.getMessage());
        } catch (IOException e) {
            Throwable root = rootCause(e);
            if (root instanceof UnknownHostException || root instanceof UnresolvedAddressException) {
                return new Outcome.Failed("'" + shownUrl + "' is unreachable: its host name does not resolve");
            }
            if (root instanceof SSLException) {
                return new Outcome.Failed("TLS with '" + shownUrl + "' failed: the certificate or protocol is not accepted");
            }
            if (root instanceof ConnectException) {
                return new Outcome.Failed("'" + shownUrl + "' is unreachable: the connection was refused");
            }
            return new Outcome.Failed("the request to '" + shownUrl + "' failed (" + root.getClass().getSimpleName() + ")");
        } catch (IllegalArgumentException e) {
            return new Outcome.Failed("the request to '" + shownUrl + "' is invalid (a header name or value is not allowed)");
        }
    }

    static Optional<String> header(Map<String, java.util.List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).reduce((a, b) -> a + ", " + b);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
