package dev.gantry.server.gate;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The HTTP client of server-side gate checks: every request, and every redirect it follows (up
 * to five, for GET and HEAD only), must go to an allowed outbound host, so a plan cannot reach
 * an internal address through a redirect from an allowed one. The wrapped client never follows
 * redirects itself. Only {@link #send} is supported, which is all the gate engine and the
 * notification senders use. Thread-safe.
 */
public final class AllowedHostsHttpClient extends HttpClient {
    private static final int MAX_REDIRECTS = 5;
    private final HttpClient delegate;
    private final OutboundHosts allowed;

    /** @param allowed the hosts requests and redirects may go to */
    public AllowedHostsHttpClient(OutboundHosts allowed) {
        this.allowed = allowed;
        this.delegate = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpRequest current = request;
        for (int hop = 0; ; hop++) {
            check(current.uri());
            HttpResponse<T> response = delegate.send(current, handler);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            boolean redirect = (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
                    && location.isPresent() && (current.method().equals("GET") || current.method().equals("HEAD"));
            if (!redirect || hop >= MAX_REDIRECTS) {
                return response;
            }
            URI next = current.uri().resolve(location.get());
            HttpRequest.Builder b = HttpRequest.newBuilder(next).method(current.method(), HttpRequest.BodyPublishers.noBody());
            current.timeout().ifPresent(b::timeout);
            current.headers().map().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
            current = b.build();
        }
    }

    private void check(URI uri) throws HostNotAllowedException {
        String host = uri.getHost();
        if (host == null || !allowed.allows(host)) {
            throw new HostNotAllowedException(host == null ? String.valueOf(uri.getAuthority()) : host);
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        throw new UnsupportedOperationException("server-side gate checks send synchronously");
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> push) {
        throw new UnsupportedOperationException("server-side gate checks send synchronously");
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return Redirect.NORMAL;
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return Optional.empty();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
