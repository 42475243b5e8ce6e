package dev.gantry.docs;

import java.util.List;
import java.util.Objects;

/**
 * The commits between two tags, for release notes.
 *
 * @param from the older tag (excluded)
 * @param to the newer tag or revision (included)
 * @param commits the conventional commits between them, newest first (as {@code git log} lists them)
 * @param skipped how many commits in the range do not follow Conventional Commits
 */
public record CommitRange(String from, String to, List<ConventionalCommit> commits, int skipped) {
    public CommitRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        commits = List.copyOf(commits);
    }
}
