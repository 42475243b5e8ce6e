package dev.gantry.cli.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpgradeCommandsTest {
    static final String PLATFORM = CliRun.example("platform-v1.2");
    /** The secret values of ENV_10; the webhook secret's "whsec_" prefix is public: the contract's pattern shows it. */
    static final String[] SECRETS = {"pgsql://CANARYdbuser:CANARYdbpw77@CANARYdbhost/CANARYdb",
        "0123456789abcdef0123456789abcdefCANARY", "sk_live_CANARY0123456789abcdefXYZ", "_CANARYwh42zz",
        "CANARYsentryQ9xW2e"};
    static final String ENV_10 = """
            # Production environment for platform 1.0

            export DATABASE_URL="pgsql://CANARYdbuser:CANARYdbpw77@CANARYdbhost/CANARYdb"
            SESSION_SECRET='0123456789abcdef0123456789abcdefCANARY' # rotated 2026-01
            STRIPE_API_KEY=sk_live_CANARY0123456789abcdefXYZ
            STRIPE_ENDPOINT_SECRET=whsec_CANARYwh42zz

            # public
            APP_BASE_URL=https://app.acme-platform.com
            PORT=8080
            LOG_LEVEL=debug
            LEGACY_PLAN_SYNC=true
            SENTRY_DSN=CANARYsentryQ9xW2e
            """;

    @TempDir
    Path dir;

    Path envFile(String text) throws Exception {
        Path file = dir.resolve("prod.env");
        Files.writeString(file, text);
        return file;
    }

    static CliRun upgrade(String command, Path env, String... more) {
        return CliRun.of(Stream.concat(Stream.of("upgrade", command, "--from", "1.0", "--to", "1.2.0", "--env-file",
                env.toString(), "--plan", PLATFORM), Stream.of(more)).toArray(String[]::new));
    }

    static void assertNoSecretPart(CliRun run) {
        String output = run.out() + run.err();
        for (String secret : SECRETS) {
            for (int i = 0; i + 6 <= secret.length(); i++) {
                assertThat(output).as("part of a secret value").doesNotContain(secret.substring(i, i + 6));
            }
        }
    }

    @Test
    void help_namesBothCommandsAndThePlanDefault() {
        CliRun parent = CliRun.of("upgrade");
        CliRun check = CliRun.of("upgrade", "check", "--help");

        assertThat(parent.exitCode()).isZero();
        assertThat(parent.out()).contains("check").contains("apply");
        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).contains("--plan=FILE").contains("default: release.yaml").contains("3   actions remain");
    }

    @Nested
    class Check {
        @Test
        void check_envFileFor10_exitsThreeWithEachHopThenWhatToChange() throws Exception {
            CliRun run = upgrade("check", envFile(ENV_10));

            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.out()).contains("upgrade 1.0.0 -> 1.2.0 via 1.1.0 for ")
                    .contains("Step 1: 1.0.0 -> 1.1.0\n  before upgrading: SESSION_SECRET must now have at least 32 characters")
                    .contains("Step 2: 1.1.0 -> 1.2.0\n")
                    .contains("  to do   renamed STRIPE_ENDPOINT_SECRET -> STRIPE_WEBHOOK_SECRET: set STRIPE_WEBHOOK_SECRET "
                            + "to the value of STRIPE_ENDPOINT_SECRET")
                    .contains("  to do   set UPSTASH_REDIS_REST_URL: new in 1.2.0, required, no default")
                    .contains("  not in the 1.2.0 contract: SENTRY_DSN")
                    .containsPattern("verdict: .*prod.env is not ready for 1.2.0: 3 actions remain \\('gantry upgrade apply' does 1 of them\\)");
            assertNoSecretPart(run);
        }

        @Test
        void check_readyEnvFile_exitsZero() throws Exception {
            Path env = envFile(ENV_10.replace("STRIPE_ENDPOINT_SECRET=", "STRIPE_WEBHOOK_SECRET=")
                    + "UPSTASH_REDIS_REST_URL=https://eu1.upstash.io\nUPSTASH_REDIS_REST_TOKEN=tok\n");

            CliRun run = upgrade("check", env);

            assertThat(run.exitCode()).as(run.out()).isZero();
            assertThat(run.out()).containsPattern("verdict: .*prod.env is ready for 1.2.0\n");
        }

        @Test
        void check_json_isMachineReadableAndHoldsNoSecret() throws Exception {
            CliRun run = upgrade("check", envFile(ENV_10), "--output", "json");

            JsonNode json = new ObjectMapper().readTree(run.out());
            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(json.get("ready").asBoolean()).isFalse();
            assertThat(json.at("/contracts/1/version").asText()).isEqualTo("1.1.0");
            assertThat(json.at("/steps/0/to").asText()).isEqualTo("1.1.0");
            assertThat(json.at("/actions/1/status").asText()).isEqualTo("TO_DO");
            assertNoSecretPart(run);
        }

        @Test
        void check_missingToContract_exitsTwoNamingTheFilesLookedAt() throws Exception {
            CliRun run = CliRun.of("upgrade", "check", "--from", "1.0", "--to", "1.3", "--env-file",
                    envFile(ENV_10).toString(), "--plan", PLATFORM);

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("no contract for version 1.3").contains("platform-1.1.0.yaml")
                    .contains("versions found: 1.0.0, 1.1.0, 1.2.0");
        }

        @Test
        void check_planWithoutContractsFolder_saysTheFolderIsMissing() throws Exception {
            Path plan = dir.resolve("plan.yaml");
            Files.writeString(plan, "version: 2.0.0\nenvironment:\n  A: { required: true }\n");

            CliRun run = CliRun.of("upgrade", "check", "--from", "1.0", "--to", "2.0", "--env-file",
                    envFile("A=1\n").toString(), "--plan", plan.toString());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("no contract for version 1.0 in " + plan)
                    .contains("(there is no folder " + dir.resolve("contracts") + ")").contains("versions found: 2.0.0");
        }

        @Test
        void check_badVersionOrMissingOption_exitsTwo() throws Exception {
            Path env = envFile(ENV_10);

            CliRun bad = CliRun.of("upgrade", "check", "--from", "one", "--to", "1.2", "--env-file", env.toString(),
                    "--plan", PLATFORM);

            assertThat(bad.exitCode()).isEqualTo(2);
            assertThat(bad.err()).contains("--from 'one' is not a version such as 1.2.0.");
            assertThat(CliRun.of("upgrade", "check", "--from", "1.0", "--env-file", env.toString()).exitCode()).isEqualTo(2);
        }

        @Test
        void check_unreadableFiles_exitOne() throws Exception {
            CliRun noEnv = upgrade("check", dir.resolve("none.env"));
            CliRun noPlan = CliRun.of("upgrade", "check", "--from", "1.0", "--to", "1.2", "--env-file",
                    envFile(ENV_10).toString(), "--plan", dir.resolve("release.yaml").toString());

            assertThat(noEnv.exitCode()).isEqualTo(1);
            assertThat(noEnv.err()).contains("does not exist.");
            assertThat(noPlan.exitCode()).isEqualTo(1);
            assertThat(noPlan.err()).contains("pass --plan FILE");
        }
    }

    @Nested
    class Apply {
        @Test
        void apply_rewritesKeepsABackupAndPrintsAMaskedDiff() throws Exception {
            Path env = envFile(ENV_10);

            CliRun run = upgrade("apply", env);

            String after = Files.readString(env);
            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(Files.readString(dir.resolve("prod.env.bak-1.0.0"))).isEqualTo(ENV_10);
            assertThat(after).contains("STRIPE_ENDPOINT_SECRET=whsec_CANARYwh42zz\nSTRIPE_WEBHOOK_SECRET=whsec_CANARYwh42zz\n")
                    .contains("# TODO set before upgrading\nUPSTASH_REDIS_REST_URL=\n");
            assertThat(run.out()).contains("+STRIPE_WEBHOOK_SECRET=********\n").contains(" SENTRY_DSN=********\n")
                    .contains("rewrote " + env + " for 1.2.0 (backup: ")
                    .contains("still to do before upgrading to 1.2.0:\n  set UPSTASH_REDIS_REST_URL: required but set to an empty value");
            assertNoSecretPart(run);
        }

        @Test
        void apply_twice_secondRunChangesNothingAndSaysSo() throws Exception {
            Path env = envFile(ENV_10);
            upgrade("apply", env);
            String once = Files.readString(env);

            CliRun second = upgrade("apply", env);

            assertThat(Files.readString(env)).isEqualTo(once);
            assertThat(second.out()).contains("is already up to date for 1.2.0: nothing to change.").doesNotContain("@@");
            assertThat(second.exitCode()).isEqualTo(3);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder("prod.env",
                        "prod.env.bak-1.0.0");
            }
        }

        @Test
        void apply_existingBackupWithOtherContent_isKeptAndANewNameUsed() throws Exception {
            Path env = envFile(ENV_10);
            Files.writeString(dir.resolve("prod.env.bak-1.0.0"), "an older backup\n");

            CliRun run = upgrade("apply", env);

            assertThat(Files.readString(dir.resolve("prod.env.bak-1.0.0"))).isEqualTo("an older backup\n");
            assertThat(Files.readString(dir.resolve("prod.env.bak-1.0.0.2"))).isEqualTo(ENV_10);
            assertThat(run.out()).contains("prod.env.bak-1.0.0 exists with other content; it is kept, and this backup is ");
        }

        @Test
        void apply_existingBackupWithTheSameContent_isReused() throws Exception {
            Path env = envFile(ENV_10);
            upgrade("apply", env);
            Files.writeString(env, ENV_10);

            CliRun run = upgrade("apply", env);

            assertThat(run.out()).contains("prod.env.bak-1.0.0 already holds this content; kept as it is");
            assertThat(Files.exists(dir.resolve("prod.env.bak-1.0.0.2"))).isFalse();
        }

        @Test
        void apply_symbolicLink_rewritesTheFileItPointsToAndKeepsTheLink() throws Exception {
            Path real = Files.createDirectories(dir.resolve("real")).resolve("prod.env");
            Files.writeString(real, ENV_10);
            Path link = Files.createSymbolicLink(dir.resolve("link.env"), real);

            upgrade("apply", link);

            assertThat(Files.isSymbolicLink(link)).isTrue();
            assertThat(Files.readString(real)).contains("STRIPE_WEBHOOK_SECRET=");
            assertThat(Files.readString(dir.resolve("real/prod.env.bak-1.0.0"))).isEqualTo(ENV_10);
        }

        @Test
        void apply_keepsTheFilePermissions() throws Exception {
            Path env = envFile(ENV_10);
            Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));

            upgrade("apply", env);

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("prod.env.bak-1.0.0"))))
                    .isEqualTo("rw-------");
        }

        @Test
        void apply_dryRun_writesNothing() throws Exception {
            Path env = envFile(ENV_10);

            CliRun run = upgrade("apply", env, "--dry-run");

            assertThat(Files.readString(env)).isEqualTo(ENV_10);
            assertThat(Files.exists(dir.resolve("prod.env.bak-1.0.0"))).isFalse();
            assertThat(run.out()).contains("+UPSTASH_REDIS_REST_URL=").contains("dry run: " + env + " was not changed.");
            assertNoSecretPart(run);
        }

        @Test
        void apply_completeFile_exitsZero() throws Exception {
            Path env = envFile(ENV_10 + "UPSTASH_REDIS_REST_URL=https://eu1.upstash.io\nUPSTASH_REDIS_REST_TOKEN=tok\n");

            CliRun run = upgrade("apply", env);

            assertThat(run.exitCode()).as(run.out()).isZero();
            assertThat(run.out()).contains(env + " is ready for 1.2.0.");
        }

        @Test
        void apply_unreadableLine_exitsTwoAndChangesNothing() throws Exception {
            Path env = envFile(ENV_10 + "not a line\n");

            CliRun run = upgrade("apply", env);

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("prod.env:14: this line has no '='").contains("nothing was changed");
            assertThat(Files.readString(env)).isEqualTo(ENV_10 + "not a line\n");
        }
    }
}
