package dev.gantry.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.gantry.server.gate.AllowedHostsHttpClient;
import dev.gantry.server.gate.OutboundHosts;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each sender against a real receiver: what arrives, and how refusals are classified. */
class SendersTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-08T10:15:30Z"), ZoneOffset.UTC);
    static final OutboundHosts LOCAL = OutboundHosts.parse("127.0.0.1");
    static final Function<String, Optional<String>> NO_ENV = name -> Optional.empty();

    Receiver receiver = new Receiver(200);

    @AfterEach
    void stop() {
        receiver.close();
    }

    static HttpDelivery http(OutboundHosts allowed) {
        return new HttpDelivery(new AllowedHostsHttpClient(allowed), allowed);
    }

    static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    @Nested
    class Webhook {
        @Test
        void send_withSecret_receiverVerifiesSignatureOverTimestampAndBody() throws Exception {
            Map<String, String> env = Map.of("HOOK_URL", receiver.url("/hook"), "HOOK_SECRET", "s3cret-signing-key");
            Notification n = Channels.trigger("k-1", Channels.webhook("${HOOK_URL}", "${HOOK_SECRET}"));

            SendResult result = new WebhookSender(http(LOCAL), CLOCK).send(n, name -> Optional.ofNullable(env.get(name)));

            assertThat(result).isInstanceOf(SendResult.Delivered.class);
            Receiver.Request r = receiver.requests().getFirst();
            assertThat(r.header("Idempotency-Key")).isEqualTo("k-1");
            assertThat(r.header("X-Gantry-Timestamp")).isEqualTo("1796724930");
            // what a receiver does: HMAC-SHA256 of timestamp + "." + raw body with the shared secret
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("s3cret-signing-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = "sha256=" + HexFormat.of().formatHex(
                    mac.doFinal((r.header("X-Gantry-Timestamp") + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
            assertThat(MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    r.header("X-Gantry-Signature").getBytes(StandardCharsets.UTF_8))).isTrue();
            JsonNode body = json(r.body());
            assertThat(body.get("kind").asText()).isEqualTo("trigger");
            assertThat(body.get("title").asText()).isEqualTo("Rollout of platform 1.2.0 rolled back");
            assertThat(body.at("/facts/guard").asText()).isEqualTo("error-rate");
            assertThat(body.get("dedupKey").asText()).isEqualTo("platform/1.2.0/error-rate");
            assertThat(r.body()).doesNotContain("s3cret-signing-key");
        }

        @Test
        void send_bodyAlteredInTransit_signatureNoLongerMatches() throws Exception {
            Notification n = Channels.trigger("k-2", Channels.webhook(receiver.url("/hook"), "key-one"));
            new WebhookSender(http(LOCAL), CLOCK).send(n, NO_ENV);
            Receiver.Request r = receiver.requests().getFirst();

            String forged = WebhookSender.sign("key-one", r.header("X-Gantry-Timestamp"), r.body().replace("rolled back", "fine"));

            assertThat("sha256=" + forged).isNotEqualTo(r.header("X-Gantry-Signature"));
        }

        @Test
        void send_withoutSecret_noSignatureHeader() {
            new WebhookSender(http(LOCAL), CLOCK).send(Channels.trigger("k-3", Channels.webhook(receiver.url("/h"), null)), NO_ENV);
            assertThat(receiver.requests().getFirst().headers()).doesNotContainKey("x-gantry-signature");
        }

        @Test
        void send_variableNotSet_failsNamingTheVariable() {
            SendResult result = new WebhookSender(http(LOCAL), CLOCK)
                    .send(Channels.trigger("k-4", Channels.webhook("${HOOK_URL}", null)), NO_ENV);
            assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class,
                    f -> assertThat(f.reason()).contains("variable HOOK_URL").contains("not set"));
            assertThat(receiver.requests()).isEmpty();
        }
    }

    @Nested
    class Classification {
        @ParameterizedTest
        @ValueSource(ints = {408, 429, 500, 502, 503})
        void send_transientStatus_retried(int status) {
            receiver.answer(status);
            SendResult result = new WebhookSender(http(LOCAL), CLOCK)
                    .send(Channels.trigger("k", Channels.webhook(receiver.url("/h"), null)), NO_ENV);
            assertThat(result).isInstanceOfSatisfying(SendResult.Retry.class,
                    r -> assertThat(r.reason()).contains("answered " + status));
        }

        @ParameterizedTest
        @ValueSource(ints = {400, 401, 403, 404, 410})
        void send_clientError_failsForGood(int status) {
            receiver.answer(status);
            SendResult result = new WebhookSender(http(LOCAL), CLOCK)
                    .send(Channels.trigger("k", Channels.webhook(receiver.url("/h"), null)), NO_ENV);
            assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class,
                    f -> assertThat(f.reason()).contains("answered " + status).contains("receiver said no"));
        }

        @Test
        void send_hostNotAllowed_failsForGoodWithoutSending() {
            SendResult result = new SlackSender(http(OutboundHosts.parse("hooks.slack.com")))
                    .send(Channels.trigger("k", Channels.slack(receiver.url("/services/T0/B0/XYZ"))), NO_ENV);
            assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, f -> assertThat(f.reason())
                    .contains("host 127.0.0.1 is not in the server's allowed outbound hosts")
                    .contains("--allowed-outbound-hosts").doesNotContain("/services/"));
            assertThat(receiver.requests()).isEmpty();
        }

        @Test
        void send_receiverDown_retriedWithoutTheUrl() {
            receiver.down();
            SendResult result = new SlackSender(http(LOCAL))
                    .send(Channels.trigger("k", Channels.slack(receiver.url("/services/SECRET-PATH"))), NO_ENV);
            assertThat(result).isInstanceOfSatisfying(SendResult.Retry.class,
                    r -> assertThat(r.reason()).doesNotContain("SECRET-PATH"));
        }
    }

    @Nested
    class Slack {
        @Test
        void send_trigger_blocksWithHeaderTextFieldsAndFallback() throws Exception {
            SendResult result = new SlackSender(http(LOCAL))
                    .send(Channels.trigger("k-s", Channels.slack(receiver.url("/services/T0/B0/X"))), NO_ENV);

            assertThat(result).isInstanceOf(SendResult.Delivered.class);
            JsonNode body = json(receiver.requests().getFirst().body());
            assertThat(body.get("text").asText()).startsWith("Rollout of platform 1.2.0 rolled back");
            assertThat(body.at("/blocks/0/type").asText()).isEqualTo("header");
            assertThat(body.at("/blocks/0/text/text").asText()).isEqualTo("Rollout of platform 1.2.0 rolled back");
            assertThat(body.at("/blocks/1/text/text").asText()).contains("Guard error-rate breached");
            assertThat(body.at("/blocks/2/fields/1/text").asText()).isEqualTo("*guard*\nerror-rate");
            assertThat(body.at("/blocks/3/elements/0/text").asText())
                    .contains("<https://gantry.example.com/releases/platform/1.2.0|Details>");
            assertThat(body.at("/blocks/2/fields/2/text").asText()).contains("0.12 &gt; 0.05");
        }

        @Test
        void send_resolve_headerSaysResolved() throws Exception {
            new SlackSender(http(LOCAL)).send(Channels.resolve("k-r", Channels.slack(receiver.url("/s"))), NO_ENV);
            assertThat(json(receiver.requests().getFirst().body()).at("/blocks/0/text/text").asText())
                    .isEqualTo("Resolved: Error rate back to normal");
        }
    }

    @Nested
    class PagerDuty {
        Receiver pd = new Receiver(202);

        @AfterEach
        void stopPd() {
            pd.close();
        }

        @Test
        void send_triggerThenResolve_sameDedupKeyAndRoutingKey() throws Exception {
            PagerDutySender sender = new PagerDutySender(http(LOCAL), CLOCK, URI.create(pd.url("/v2/enqueue")));
            Map<String, String> env = Map.of("PD_KEY", "R0UT1NGKEY0123456789abcdef012345");
            Function<String, Optional<String>> lookup = name -> Optional.ofNullable(env.get(name));

            SendResult t = sender.send(Channels.trigger("k-t", Channels.pagerDuty("${PD_KEY}", null)), lookup);
            SendResult r = sender.send(Channels.resolve("k-r", Channels.pagerDuty("${PD_KEY}", null)), lookup);

            assertThat(t).isInstanceOf(SendResult.Delivered.class);
            assertThat(r).isInstanceOf(SendResult.Delivered.class);
            List<Receiver.Request> got = pd.requests();
            assertThat(got).extracting(Receiver.Request::path).containsExactly("/v2/enqueue", "/v2/enqueue");
            JsonNode trigger = json(got.get(0).body());
            assertThat(trigger.get("routing_key").asText()).isEqualTo("R0UT1NGKEY0123456789abcdef012345");
            assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
            assertThat(trigger.get("dedup_key").asText()).isEqualTo("platform/1.2.0/error-rate");
            assertThat(trigger.at("/payload/summary").asText()).isEqualTo("Rollout of platform 1.2.0 rolled back");
            assertThat(trigger.at("/payload/severity").asText()).isEqualTo("critical");
            assertThat(trigger.at("/payload/source").asText()).isEqualTo("platform 1.2.0");
            assertThat(trigger.at("/payload/custom_details/guard").asText()).isEqualTo("error-rate");
            JsonNode resolve = json(got.get(1).body());
            assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
            assertThat(resolve.get("dedup_key").asText()).isEqualTo("platform/1.2.0/error-rate");
            assertThat(got.get(0).header("Idempotency-Key")).isEqualTo("k-t");
        }

        @Test
        void send_channelUrl_overridesTheEventsEndpoint() {
            PagerDutySender sender = new PagerDutySender(http(LOCAL), CLOCK, PagerDutySender.EVENTS_URL);
            SendResult result = sender.send(Channels.trigger("k", Channels.pagerDuty("key", pd.url("/custom"))), NO_ENV);
            assertThat(result).isInstanceOf(SendResult.Delivered.class);
            assertThat(pd.requests().getFirst().path()).isEqualTo("/custom");
        }

        @Test
        void send_defaultEndpointNotAllowed_failsNamingPagerDutysHost() {
            PagerDutySender sender = new PagerDutySender(http(LOCAL), CLOCK, PagerDutySender.EVENTS_URL);
            SendResult result = sender.send(Channels.trigger("k", Channels.pagerDuty("key", null)), NO_ENV);
            assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class,
                    f -> assertThat(f.reason()).contains("events.pagerduty.com"));
        }
    }

    @Nested
    class Email {
        @RegisterExtension
        static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP);

        SmtpSettings smtp() {
            return new SmtpSettings("127.0.0.1", ServerSetupTest.SMTP.getPort(), Optional.empty(), Optional.empty(),
                    Optional.of("gantry@example.com"), false);
        }

        @Test
        void send_trigger_plainTextAndHtmlAlternativeToEveryRecipient() throws Exception {
            Notification n = Channels.trigger("k-mail", Channels.email(List.of("ops@example.com", "lead@example.com"),
                    "releases@example.com"));

            SendResult result = new EmailSender(Optional.of(smtp()), CLOCK).send(n, NO_ENV);

            assertThat(result).isInstanceOf(SendResult.Delivered.class);
            MimeMessage[] got = mail.getReceivedMessages();
            assertThat(got).hasSize(2);
            MimeMessage m = got[0];
            assertThat(m.getSubject()).isEqualTo("[critical] Rollout of platform 1.2.0 rolled back");
            assertThat(m.getFrom()[0].toString()).isEqualTo("releases@example.com");
            assertThat(m.getHeader("X-Gantry-Idempotency-Key")[0]).isEqualTo("k-mail");
            assertThat(m.getMessageID()).isEqualTo(EmailSender.messageId(n));
            MimeMultipart parts = (MimeMultipart) m.getContent();
            assertThat(parts.getContentType()).startsWith("multipart/alternative");
            assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
            assertThat(GreenMailUtil.getBody(parts.getBodyPart(0))).contains("guard: error-rate");
            assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
            assertThat(GreenMailUtil.getBody(parts.getBodyPart(1))).contains("<td>0.12 &gt; 0.05</td>");
        }

        @Test
        void send_noSmtpConfigured_failsSayingWhatToSet() {
            SendResult result = new EmailSender(Optional.empty(), CLOCK)
                    .send(Channels.trigger("k", Channels.email(List.of("ops@example.com"), null)), NO_ENV);
            assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class,
                    f -> assertThat(f.reason()).contains("GANTRY_SMTP_HOST"));
        }

        @Test
        void send_channelWithoutFrom_usesTheServersSender() throws Exception {
            new EmailSender(Optional.of(smtp()), CLOCK).send(Channels.message("k", Channels.email(List.of("a@example.com"),
                    null), "Phase 2 started"), NO_ENV);
            assertThat(mail.getReceivedMessages()[0].getFrom()[0].toString()).isEqualTo("gantry@example.com");
            assertThat(mail.getReceivedMessages()[0].getSubject()).isEqualTo("Phase 2 started");
        }

        @Test
        void send_smtpServerDown_retried() {
            SmtpSettings nowhere = new SmtpSettings("127.0.0.1", 1, Optional.empty(), Optional.empty(),
                    Optional.of("gantry@example.com"), false);
            SendResult result = new EmailSender(Optional.of(nowhere), CLOCK)
                    .send(Channels.trigger("k", Channels.email(List.of("ops@example.com"), null)), NO_ENV);
            assertThat(result).isInstanceOf(SendResult.Retry.class);
        }
    }
}
