package dev.gantry.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.plan.Change;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConventionalCommitTest {
    @Nested
    class Parse {
        @Test
        void parse_headerWithScopeAndBang_isBreaking() {
            ConventionalCommit commit = ConventionalCommit.parse("abc1234", "feat(api)!: drop the v1 endpoints\n").orElseThrow();

            assertThat(commit).isEqualTo(new ConventionalCommit("abc1234", "feat", "api", "drop the v1 endpoints", true, ""));
            assertThat(commit.section()).contains(Change.Type.ADDED);
        }

        @Test
        void parse_breakingFooter_givesTheNote() {
            ConventionalCommit commit = ConventionalCommit.parse("abc1234",
                    "refactor: rename the port setting\n\nLonger text.\n\nBREAKING CHANGE: PORT replaces HTTP_PORT;\nset it before upgrading\nRefs: #12\n")
                    .orElseThrow();

            assertThat(commit.breaking()).isTrue();
            assertThat(commit.breakingNote()).isEqualTo("PORT replaces HTTP_PORT; set it before upgrading");
            assertThat(commit.section()).contains(Change.Type.CHANGED);
        }

        @Test
        void parse_notConventional_isEmpty() {
            assertThat(ConventionalCommit.parse("abc1234", "Merge branch 'x'")).isEmpty();
            assertThat(ConventionalCommit.parse("abc1234", "fixed the thing")).isEmpty();
        }
    }

    @Nested
    class Sections {
        @Test
        void section_typesMapToKeepAChangelog() {
            Map<String, Optional<Change.Type>> expected = Map.of(
                    "fix: x", Optional.of(Change.Type.FIXED),
                    "fix(security): x", Optional.of(Change.Type.SECURITY),
                    "perf: x", Optional.of(Change.Type.CHANGED),
                    "deprecate: x", Optional.of(Change.Type.DEPRECATED),
                    "remove: x", Optional.of(Change.Type.REMOVED),
                    "docs: x", Optional.empty(),
                    "chore!: x", Optional.of(Change.Type.CHANGED));
            expected.forEach((message, section) ->
                    assertThat(ConventionalCommit.parse("h", message).orElseThrow().section()).as(message).isEqualTo(section));
        }
    }
}
