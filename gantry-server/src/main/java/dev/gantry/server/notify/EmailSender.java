package dev.gantry.server.notify;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Email over SMTP (Jakarta Mail): a plain-text part and an HTML alternative, to the channel's
 * {@code to}, from the channel's {@code from} or the server's {@code GANTRY_SMTP_FROM}. The
 * {@code Message-ID} is derived from the idempotency key, and {@code X-Gantry-Idempotency-Key}
 * carries it, so a repeated delivery is recognisable. SMTP 5xx replies and refused logins are
 * permanent; connection failures and 4xx replies are retried. Thread-safe.
 */
final class EmailSender implements Sender {
    private static final String TIMEOUT_MS = "10000";

    private final Optional<SmtpSettings> smtp;
    private final Clock clock;

    EmailSender(Optional<SmtpSettings> smtp, Clock clock) {
        this.smtp = smtp;
        this.clock = clock;
    }

    @Override
    public SendResult send(Notification n, Function<String, Optional<String>> environment) {
        if (smtp.isEmpty()) {
            return new SendResult.Failed("the server has no SMTP server configured; set GANTRY_SMTP_HOST (and"
                    + " GANTRY_SMTP_PORT, GANTRY_SMTP_FROM) and retry the notification");
        }
        SmtpSettings s = smtp.get();
        if (n.channel().to().isEmpty()) {
            return new SendResult.Failed("channel " + n.channel().id() + " has no 'to' addresses");
        }
        Optional<String> from = n.channel().from().or(s::from);
        if (from.isEmpty()) {
            return new SendResult.Failed("channel " + n.channel().id() + " has no 'from' and the server has no"
                    + " GANTRY_SMTP_FROM; set one");
        }
        try {
            Session session = Session.getInstance(properties(s));
            MimeMessage message = new IdentifiedMessage(session, messageId(n));
            message.setFrom(new InternetAddress(from.get(), true));
            message.setRecipients(Message.RecipientType.TO,
                    InternetAddress.parse(String.join(",", n.channel().to()), true));
            message.setSubject(subject(n), "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            message.setHeader("X-Gantry-Idempotency-Key", n.idempotencyKey());
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(plain(n), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(html(n), "UTF-8", "html");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            message.setContent(alternative);
            if (s.username().isPresent()) {
                Transport.send(message, s.username().get(), s.password().orElse(""));
            } else {
                Transport.send(message);
            }
            return new SendResult.Delivered();
        } catch (AddressException e) {
            return new SendResult.Failed("an address of channel " + n.channel().id() + " is not a valid email address");
        } catch (AuthenticationFailedException e) {
            return new SendResult.Failed("the SMTP server " + s.host() + " refused the login; check GANTRY_SMTP_USER"
                    + " and GANTRY_SMTP_PASSWORD and retry the notification");
        } catch (MessagingException e) {
            return classify(e, s);
        }
    }

    private static SendResult classify(MessagingException e, SmtpSettings s) {
        for (Throwable t = e; t != null; t = next(t)) {
            int code = t instanceof SMTPSendFailedException f ? f.getReturnCode()
                    : t instanceof SMTPAddressFailedException a ? a.getReturnCode() : -1;
            if (code >= 500) {
                return new SendResult.Failed("the SMTP server " + s.host() + " refused the message (" + code + ")");
            }
            if (code >= 400) {
                return new SendResult.Retry("the SMTP server " + s.host() + " deferred the message (" + code + ")");
            }
        }
        if (e instanceof SendFailedException) {
            return new SendResult.Failed("the SMTP server " + s.host() + " refused the recipients");
        }
        return new SendResult.Retry("cannot send through the SMTP server " + s.host() + ":" + s.port() + " ("
                + e.getClass().getSimpleName() + ")");
    }

    private static Throwable next(Throwable t) {
        Throwable n = t instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : t.getCause();
        return n == t ? null : n;
    }

    private static Properties properties(SmtpSettings s) {
        Properties p = new Properties();
        p.put("mail.smtp.host", s.host());
        p.put("mail.smtp.port", Integer.toString(s.port()));
        p.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
        p.put("mail.smtp.timeout", TIMEOUT_MS);
        p.put("mail.smtp.writetimeout", TIMEOUT_MS);
        if (s.startTls()) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (s.username().isPresent()) {
            p.put("mail.smtp.auth", "true");
        }
        return p;
    }

    static String subject(Notification n) {
        String prefix = switch (NotificationJson.kind(n)) {
            case RESOLVE -> "[resolved] ";
            case TRIGGER -> "[" + NotificationJson.lower(NotificationJson.severity(n)) + "] ";
            case MESSAGE -> "";
        };
        return prefix + NotificationJson.title(n);
    }

    static String plain(Notification n) {
        StringBuilder b = new StringBuilder(NotificationJson.title(n)).append("\n\n");
        if (n.text() != null && !n.text().isBlank()) {
            b.append(n.text()).append("\n\n");
        }
        for (Map.Entry<String, String> f : n.facts().entrySet()) {
            b.append(f.getKey()).append(": ").append(f.getValue()).append('\n');
        }
        n.link().ifPresent(l -> b.append("\nDetails: ").append(l).append('\n'));
        return b.append("\n-- \nSent by Gantry\n").toString();
    }

    static String html(Notification n) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        b.append("<h2>").append(escape(NotificationJson.title(n))).append("</h2>");
        if (n.text() != null && !n.text().isBlank()) {
            for (String para : n.text().split("\n\\s*\n")) {
                b.append("<p>").append(escape(para).replace("\n", "<br>")).append("</p>");
            }
        }
        if (!n.facts().isEmpty()) {
            b.append("<table cellpadding=\"4\">");
            n.facts().forEach((k, v) -> b.append("<tr><th align=\"left\">").append(escape(k)).append("</th><td>")
                    .append(escape(v)).append("</td></tr>"));
            b.append("</table>");
        }
        n.link().filter(l -> l.startsWith("https://") || l.startsWith("http://"))
                .ifPresent(l -> b.append("<p><a href=\"").append(escape(l)).append("\">Details</a></p>"));
        return b.append("<p style=\"color:#888\">Sent by Gantry</p></body></html>").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    static String messageId(Notification n) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(n.idempotencyKey().getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(digest, 0, 16) + ".notification@gantry>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A message whose Message-ID is ours, so a repeated delivery has the same one. */
    private static final class IdentifiedMessage extends MimeMessage {
        private final String id;

        IdentifiedMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
