package dev.gantry.cli.env;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvCommandsTest {
    static final String PLATFORM = CliRun.example("platform-v1.2");
    static final String OLD_CONTRACT = CliRun.examples().resolve("platform-v1.2/contracts/platform-1.0.0.yaml").toString();
    static final String SECRET = "sk_live_CANARY0123456789abcdefXYZ";

    @TempDir
    Path dir;

    Path envFile(String text) throws Exception {
        Path file = dir.resolve("prod.env");
        Files.writeString(file, text);
        return file;
    }

    String complete() {
        return """
                DATABASE_URL=postgresql://app:pw@db.internal:6543/platform
                SESSION_SECRET=0123456789abcdef0123456789abcdef01
                STRIPE_API_KEY=%s
                STRIPE_WEBHOOK_SECRET=whsec_abc123
                UPSTASH_REDIS_REST_URL=https://eu1.upstash.io
                UPSTASH_REDIS_REST_TOKEN=token
                APP_BASE_URL=https://app.acme-platform.com
                """.formatted(SECRET);
    }

    @Test
    void check_completeEnvironment_exitsZero() throws Exception {
        CliRun run = CliRun.of("env", "check", PLATFORM, "--env-file", envFile(complete()).toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("the environment satisfies the contract (11 variables)")
                .containsPattern("STRIPE_API_VERSION\\s+defaulted\\s+not set; the default '2024-06-20' applies");
    }

    @Test
    void check_brokenEnvironment_exitsThreeWithAVerdictPerVariable() throws Exception {
        Path file = envFile(complete().replace("STRIPE_WEBHOOK_SECRET", "STRIPE_ENDPOINT_SECRET")
                .replace("UPSTASH_REDIS_REST_TOKEN=token\n", "") + "PORT=99999\nnot a line\n");

        CliRun run = CliRun.of("env", "check", PLATFORM, "--env-file", file.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains(file + ":8: this line has no '='")
                .containsPattern("STRIPE_WEBHOOK_SECRET\\s+renamed\\s+STRIPE_ENDPOINT_SECRET is set but was renamed")
                .containsPattern("UPSTASH_REDIS_REST_TOKEN\\s+missing\\s+required but not set")
                .containsPattern("PORT\\s+invalid\\s+'99999' is not a port from 1 to 65535")
                .contains("the environment does not satisfy the contract: 4 problems");
    }

    @Test
    void check_invalidSecret_neverShowsItsValueInTextOrJson() throws Exception {
        Path file = envFile(complete().replace(SECRET, SECRET.replace("sk_live_", "pk_live_")));

        CliRun text = CliRun.of("env", "check", PLATFORM, "--env-file", file.toString());
        CliRun json = CliRun.of("env", "check", PLATFORM, "--env-file", file.toString(), "--output", "json");

        assertThat(text.exitCode()).isEqualTo(3);
        assertThat(text.out()).containsPattern("STRIPE_API_KEY\\s+invalid\\s+the value does not match the pattern");
        for (String output : new String[] {text.out() + text.err(), json.out() + json.err()}) {
            assertThat(output).doesNotContain("CANARY").doesNotContain("0123456789abcdef0123");
        }
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(report.get("satisfied").asBoolean()).isFalse();
        assertThat(report.at("/variables/2/status").asText()).isEqualTo("INVALID");
        assertThat(report.at("/variables/2/secret").asBoolean()).isTrue();
    }

    @Test
    void check_missingEnvFile_isAClearError() {
        CliRun run = CliRun.of("env", "check", PLATFORM, "--env-file", dir.resolve("none.env").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("gantry: the env file").contains("does not exist.");
    }

    @Test
    void check_needsExactlyOneSource() {
        assertThat(CliRun.of("env", "check", PLATFORM).exitCode()).isEqualTo(2);
    }

    @Test
    void diff_platform10To12_listsUpgradeAndRollbackBreaks() {
        CliRun run = CliRun.of("env", "diff", OLD_CONTRACT, PLATFORM);

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("environment contract 1.0.0 -> 1.2.0")
                .contains("STRIPE_ENDPOINT_SECRET is renamed STRIPE_WEBHOOK_SECRET")
                .contains("UPSTASH_REDIS_REST_URL is new and required without a default")
                .contains("the previous version reads STRIPE_ENDPOINT_SECRET; keep it set")
                .contains("LOG_LEVEL no longer accepts trace");
    }

    @Test
    void diff_sameContract_exitsZero() {
        CliRun run = CliRun.of("env", "diff", PLATFORM, PLATFORM);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("no differences");
    }

    @Test
    void template_writesEveryVariableAndNoSecretValue() throws Exception {
        Path target = dir.resolve(".env.example");

        CliRun run = CliRun.of("env", "template", PLATFORM, "--out", target.toString());

        String template = Files.readString(target);
        assertThat(run.exitCode()).isZero();
        assertThat(template).contains("\nSESSION_SECRET=\n").contains("# string; required; secret; at least 32 characters")
                .contains("\nUPSTASH_REDIS_REST_URL=https://eu1-example.upstash.io\n")
                .contains("# LEGACY_PLAN_SYNC=false").contains("deprecated, removed in 1.3.0");
        assertThat(CliRun.of("env", "template", PLATFORM).out()).isEqualTo(template);
    }
}
