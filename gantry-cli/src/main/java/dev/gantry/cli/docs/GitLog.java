package dev.gantry.cli.docs;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.UserFacingException;
import dev.gantry.docs.CommitRange;
import dev.gantry.docs.ConventionalCommit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Reads the commits between two tags with the {@code git} command. */
final class GitLog {
    private static final String RECORD = "\u001e";
    private static final String FIELD = "\u001f";

    private GitLog() {}

    /**
     * The conventional commits in {@code from..to} of the repository at {@code repo}.
     *
     * @throws UserFacingException with {@link ExitCodes#USAGE} when a tag is unknown or git fails
     */
    static CommitRange between(Path repo, String from, String to) {
        for (String revision : List.of(from, to)) {
            if (revision.startsWith("-")) {
                throw new UserFacingException(ExitCodes.USAGE, "'" + revision + "' is not a tag.");
            }
            git(repo, "rev-parse", "--verify", "--quiet", revision + "^{commit}")
                    .orElseThrow(() -> new UserFacingException(ExitCodes.USAGE, "'" + revision + "' is not a tag or"
                            + " revision of the git repository at " + repo + "; list the tags with 'git tag'."));
        }
        String log = git(repo, "log", "--no-merges", "--format=%h" + FIELD + "%B" + RECORD, from + ".." + to)
                .orElseThrow(() -> new UserFacingException(ExitCodes.USAGE, "git log " + from + ".." + to + " failed in "
                        + repo + "."));
        List<ConventionalCommit> commits = new ArrayList<>();
        int skipped = 0;
        for (String entry : log.split(RECORD)) {
            String record = entry.strip();
            if (record.isEmpty()) {
                continue;
            }
            int split = record.indexOf(FIELD);
            Optional<ConventionalCommit> commit = split < 0 ? Optional.empty()
                    : ConventionalCommit.parse(record.substring(0, split), record.substring(split + 1));
            if (commit.isPresent()) {
                commits.add(commit.get());
            } else {
                skipped++;
            }
        }
        return new CommitRange(from, to, commits, skipped);
    }

    private static Optional<String> git(Path repo, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            throw new UserFacingException(ExitCodes.ERROR, "cannot run git (" + e.getClass().getSimpleName()
                    + "); install git or leave out --from-tag.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
