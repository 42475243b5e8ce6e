package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.server.notify.SmtpSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Notification settings from the environment: SMTP and retries. */
class ServerConfigNotificationsTest {
    @Test
    void resolve_smtpFromEnvironment_settingsWithPasswordHiddenInToString() {
        ServerConfig c = ServerConfig.resolve(Map.of(), Map.of("GANTRY_SMTP_HOST", "smtp.example.com",
                "GANTRY_SMTP_USER", "gantry", "GANTRY_SMTP_PASSWORD", "hunter2-canary", "GANTRY_SMTP_FROM",
                "releases@example.com", "GANTRY_NOTIFY_RETRY_BASE", "500ms", "GANTRY_NOTIFY_MAX_AGE", "2h"), Optional.empty());

        SmtpSettings smtp = c.notifications().smtp().orElseThrow();
        assertThat(smtp.host()).isEqualTo("smtp.example.com");
        assertThat(smtp.port()).isEqualTo(587);
        assertThat(smtp.startTls()).isTrue();
        assertThat(smtp.password()).contains("hunter2-canary");
        assertThat(c.notifications().backoff().base()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.notifications().backoff().maxAge()).isEqualTo(Duration.ofHours(2));
        assertThat(c.toString()).contains("smtp.example.com").doesNotContain("hunter2-canary");
    }

    @Test
    void resolve_noSmtpHost_noSmtp() {
        assertThat(ServerConfig.resolve(Map.of(), Map.of(), Optional.empty()).notifications().smtp()).isEmpty();
    }

    @Test
    void resolve_startTlsOff_port25() {
        ServerConfig c = ServerConfig.resolve(Map.of(), Map.of("GANTRY_SMTP_HOST", "mail", "GANTRY_SMTP_STARTTLS", "false"),
                Optional.empty());
        assertThat(c.notifications().smtp().orElseThrow().port()).isEqualTo(25);
    }

    @Test
    void resolve_badRetryDuration_saysWhatToWrite() {
        assertThatThrownBy(() -> ServerConfig.resolve(Map.of(), Map.of("GANTRY_NOTIFY_RETRY_CAP", "soon"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retry cap must be a duration such as 2s, 5m or 24h, got 'soon'");
    }
}
