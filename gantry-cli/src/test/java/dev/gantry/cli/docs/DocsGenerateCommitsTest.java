package dev.gantry.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Release-note sections from Conventional Commits, on a git repository the test creates. */
class DocsGenerateCommitsTest {
    @TempDir
    Path repo;

    void git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=Test",
                "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("git %s: %s", args, output).isZero();
    }

    void commit(String message) throws IOException, InterruptedException {
        git("commit", "--allow-empty", "-q", "-m", message);
    }

    @BeforeEach
    void history() throws Exception {
        git("init", "-q");
        Files.writeString(repo.resolve("release.yaml"), """
                apiVersion: gantry/v1
                release: { product: shop, version: 1.1.0, previous: 1.0.0, owner: ana, target: 2026-06-01 }
                changes:
                  - { id: cart, title: A new cart, area: ui, type: added }
                """);
        git("add", "release.yaml");
        commit("feat: the first shop");
        git("tag", "v1.0.0");
        commit("feat(search): search by SKU");
        commit("fix: totals rounded to cents");
        commit("docs: README");
        commit("tidy things up");
        commit("refactor(api)!: orders API v2\n\nBREAKING CHANGE: /v1/orders is gone; call /v2/orders");
        git("tag", "v1.1.0");
        commit("feat: after the tag");
    }

    @Test
    void generate_fromTagToTag_addsCommitsToTheirSections() throws Exception {
        CliRun run = CliRun.of("docs", "generate", repo.resolve("release.yaml").toString(), "--out",
                repo.resolve("out").toString(), "--from-tag", "v1.0.0", "--to-tag", "v1.1.0");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String notes = Files.readString(repo.resolve("out/RELEASE-NOTES.md"));
        assertThat(notes).contains("Includes the 4 conventional commits from v1.0.0 to v1.1.0 (1 more commits do not follow Conventional Commits).")
                .containsPattern("### Added\n\n- A new cart\n- \\*\\*search:\\*\\* search by SKU \\([0-9a-f]{7,}\\)\n")
                .containsPattern("### Changed\n\n- \\*\\*api:\\*\\* orders API v2 \\*\\*\\(breaking\\)\\*\\* \\([0-9a-f]{7,}\\)\n")
                .containsPattern("### Fixed\n\n- totals rounded to cents \\([0-9a-f]{7,}\\)\n")
                .containsPattern("- \\*\\*orders API v2\\*\\* \\(api\\), commit [0-9a-f]{7,}: /v1/orders is gone; call /v2/orders")
                .doesNotContain("README").doesNotContain("after the tag").doesNotContain("the first shop")
                .doesNotContain("None: upgrading needs no action.");
    }

    @Test
    void generate_unknownTag_isAUsageError() {
        CliRun run = CliRun.of("docs", "generate", repo.resolve("release.yaml").toString(), "--out",
                repo.resolve("out").toString(), "--from-tag", "v0.9.0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'v0.9.0' is not a tag or revision of the git repository at");
    }
}
