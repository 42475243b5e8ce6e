package dev.gantry.server.rollout;

import dev.gantry.gate.RequestRefusedException;
import dev.gantry.plan.ConfigValue;
import dev.gantry.plan.Rollback;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a plan's rollback webhooks ({@code rollback.webhooks}): HTTP only, to the server's allowed
 * outbound hosts, with {@code ${VAR}} in the URL and headers resolved from the server's own
 * environment. The body is a small JSON document naming the release and the cause. A call that
 * fails for a network error or a 5xx answer is tried up to three times. URLs and header values
 * are never logged nor returned: outcomes name the webhook. Thread-safe.
 */
final class RollbackWebhooks {
    private static final Logger LOG = LoggerFactory.getLogger(RollbackWebhooks.class);
    static final int ATTEMPTS = 3;

    private final HttpClient http;
    private final Function<String, Optional<String>> environment;
    private final Duration backoff;

    /**
     * @param http the allowed-hosts client
     * @param environment the server's environment
     * @param backoff the wait before a retry (doubled each time)
     */
    RollbackWebhooks(HttpClient http, Function<String, Optional<String>> environment, Duration backoff) {
        this.http = http;
        this.environment = environment;
        this.backoff = backoff;
    }

    /** What one webhook call came to, in words fit to show ("Cloud Deploy rollback: 200"). */
    record Outcome(String webhook, boolean succeeded, String detail) {
        @Override
        public String toString() {
            return webhook + ": " + detail;
        }
    }

    /** Calls every webhook in order; never throws. */
    List<Outcome> call(List<Rollback.Webhook> webhooks, String body) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Rollback.Webhook webhook : webhooks) {
            Outcome outcome = call(webhook, body);
            if (outcome.succeeded()) {
                LOG.info("Rollback webhook '{}' called: {}", webhook.name(), outcome.detail());
            } else {
                LOG.warn("Rollback webhook '{}' failed: {}", webhook.name(), outcome.detail());
            }
            outcomes.add(outcome);
        }
        return outcomes;
    }

    private Outcome call(Rollback.Webhook webhook, String body) {
        Optional<String> url = webhook.url().resolve(environment);
        if (url.isEmpty()) {
            return new Outcome(webhook.name(), false, "not called: the server's environment lacks "
                    + String.join(", ", webhook.url().variables()));
        }
        URI uri;
        try {
            uri = URI.create(url.get());
        } catch (IllegalArgumentException e) {
            return new Outcome(webhook.name(), false, "not called: its URL is not a URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            return new Outcome(webhook.name(), false, "not called: only http and https URLs are called");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(webhook.method().toUpperCase(java.util.Locale.ROOT), HttpRequest.BodyPublishers.ofString(body));
        for (Map.Entry<String, ConfigValue> header : webhook.headers().entrySet()) {
            Optional<String> value = header.getValue().resolve(environment);
            if (value.isEmpty()) {
                return new Outcome(webhook.name(), false, "not called: header " + header.getKey()
                        + " needs " + String.join(", ", header.getValue().variables()) + " in the server's environment");
            }
            request.header(header.getKey(), value.get());
        }
        String last = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new Outcome(webhook.name(), true, "answered " + status);
                }
                last = "answered " + status;
                if (status < 500) {
                    return new Outcome(webhook.name(), false, last);
                }
            } catch (RequestRefusedException e) {
                return new Outcome(webhook.name(), false, "not called: " + e.getMessage());
            } catch (IOException e) {
                last = "no answer (" + e.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(webhook.name(), false, "interrupted");
            }
            if (attempt < ATTEMPTS) {
                try {
                    Thread.sleep(backoff.multipliedBy(1L << (attempt - 1)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Outcome(webhook.name(), false, "interrupted");
                }
            }
        }
        return new Outcome(webhook.name(), false, last + " after " + ATTEMPTS + " attempts");
    }
}
