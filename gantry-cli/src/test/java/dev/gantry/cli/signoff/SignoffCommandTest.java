package dev.gantry.cli.signoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignoffCommandTest {
    @TempDir
    Path dir;

    private Path plan;

    @BeforeEach
    void copyExample() throws Exception {
        Path example = Path.of(CliRun.example("gonthia-crm-1.0")).getParent();
        try (java.util.stream.Stream<Path> files = Files.walk(example)) {
            for (Path source : files.toList()) {
                Path target = dir.resolve(example.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        plan = dir.resolve("release.yaml");
    }

    private CliRun sign(String role, String by) {
        return CliRun.of("signoff", plan.toString(), role, "--by", by);
    }

    @Test
    void signoff_noRole_listsOutstandingRolesAndExitsThree() {
        CliRun run = CliRun.of("signoff", plan.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("outstanding  qa-lead (fatima.zahra)", "4 of 4 sign-offs outstanding.");
    }

    @Test
    void signoff_everyRoleByItsMember_completes() {
        assertThat(sign("engineering-lead", "daniel.kim").exitCode()).isZero();
        assertThat(sign("qa-lead", "fatima.zahra").exitCode()).isZero();
        assertThat(sign("security", "tom.berg").exitCode()).isZero();
        CliRun last = sign("product-owner", "priya.raman");

        assertThat(last.exitCode()).isZero();
        assertThat(last.out()).contains("All 4 sign-offs are in.");
        assertThat(CliRun.of("signoff", plan.toString()).exitCode()).isZero();
    }

    @Test
    void signoff_samePersonForASecondRole_isRefused() throws Exception {
        Files.writeString(plan, Files.readString(plan).replace("security: { title: Security, members: [tom.berg] }",
                "security: { title: Security, members: [tom.berg, daniel.kim] }"));
        sign("engineering-lead", "daniel.kim");

        CliRun run = sign("security", "daniel.kim");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Not recorded: daniel.kim already signed role 'engineering-lead'");
    }

    @Test
    void signoff_notAMember_isRefusedNamingTheMembers() {
        CliRun run = sign("qa-lead", "mallory");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("its members are fatima.zahra");
    }

    @Test
    void signoff_planChangedAfterSigning_voidsTheSignOff() throws Exception {
        sign("qa-lead", "fatima.zahra");
        Files.writeString(plan, Files.readString(plan) + "\n# launch moved a day\n");

        CliRun run = CliRun.of("signoff", plan.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("outstanding  qa-lead").contains("1 sign-offs of an earlier revision");
    }
}
