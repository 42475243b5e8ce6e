package dev.gantry.server.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.plan.ConfigValue;
import dev.gantry.plan.Rollback;
import dev.gantry.server.gate.AllowedHostsHttpClient;
import dev.gantry.server.gate.OutboundHosts;
import dev.gantry.testing.TestHttpServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rollback webhooks against a real HTTP receiver: variables, allowed hosts, retries, secrets kept out of outcomes. */
class RollbackWebhooksTest {
    static final String TOKEN = "canary-webhook-token-41b7";
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    final TestHttpServer receiver = TestHttpServer.start().on("/hook", exchange -> {
        calls.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
        return failuresLeft.getAndDecrement() > 0 ? TestHttpServer.Answer.of(503, "busy") : TestHttpServer.Answer.of(204, "");
    });

    @AfterEach
    void stop() {
        receiver.close();
    }

    RollbackWebhooks webhooks(String allowed, Map<String, String> env) {
        return new RollbackWebhooks(new AllowedHostsHttpClient(OutboundHosts.parse(allowed)),
                name -> Optional.ofNullable(env.get(name)), Duration.ofMillis(10));
    }

    static Rollback.Webhook hook(String url) {
        return new Rollback.Webhook("Deploy rollback", new ConfigValue(url, true), "POST",
                Map.of("Authorization", new ConfigValue("Bearer ${TOKEN}", true)));
    }

    @Test
    void call_resolvesVariables_sendsOnceWithHeader() {
        List<RollbackWebhooks.Outcome> outcomes = webhooks("127.0.0.1", Map.of("HOOK", receiver.url() + "/hook", "TOKEN", TOKEN))
                .call(List.of(hook("${HOOK}")), "{}");

        assertThat(calls).containsExactly("POST Bearer " + TOKEN);
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.succeeded()).isTrue();
            assertThat(o.toString()).isEqualTo("Deploy rollback: answered 204");
        });
    }

    @Test
    void call_serverErrorTwice_triedAgainUntilItAnswers() {
        failuresLeft.set(2);

        List<RollbackWebhooks.Outcome> outcomes = webhooks("127.0.0.1", Map.of("HOOK", receiver.url() + "/hook", "TOKEN", TOKEN))
                .call(List.of(hook("${HOOK}")), "{}");

        assertThat(calls).hasSize(3);
        assertThat(outcomes.getFirst().succeeded()).isTrue();
    }

    @Test
    void call_alwaysFailing_givesUpAfterThreeAttempts() {
        failuresLeft.set(10);

        RollbackWebhooks.Outcome outcome = webhooks("127.0.0.1", Map.of("HOOK", receiver.url() + "/hook", "TOKEN", TOKEN))
                .call(List.of(hook("${HOOK}")), "{}").getFirst();

        assertThat(calls).hasSize(RollbackWebhooks.ATTEMPTS);
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.detail()).isEqualTo("answered 503 after 3 attempts");
    }

    @Test
    void call_missingVariableOrHostNotAllowed_notCalledAndNoSecretInTheOutcome() {
        RollbackWebhooks.Outcome missing = webhooks("127.0.0.1", Map.of("TOKEN", TOKEN))
                .call(List.of(hook("${HOOK}")), "{}").getFirst();
        RollbackWebhooks.Outcome refused = webhooks("deploy.example.com", Map.of("HOOK", receiver.url() + "/hook", "TOKEN", TOKEN))
                .call(List.of(hook("${HOOK}")), "{}").getFirst();

        assertThat(calls).isEmpty();
        assertThat(missing.detail()).isEqualTo("not called: the server's environment lacks HOOK");
        assertThat(refused.detail()).contains("not in the server's allowed outbound hosts");
        assertThat(missing + " " + refused).doesNotContain(TOKEN).doesNotContain("/hook");
    }
}
