package dev.gantry.env;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DotEnvTest {
    @Test
    void parse_commonSyntax_readsEveryForm() {
        DotEnv env = DotEnv.parse("""
                # a comment
                export A=plain
                B = spaced   # trailing comment
                C="double \\"quoted\\"\\nnext"
                D='single $literal \\n'
                E=
                F="first line
                second line"
                G=a#b
                A=again
                """);

        assertThat(env.problems()).isEmpty();
        assertThat(env.values()).containsEntry("A", "again").containsEntry("B", "spaced")
                .containsEntry("C", "double \"quoted\"\nnext").containsEntry("D", "single $literal \\n")
                .containsEntry("E", "").containsEntry("F", "first line\nsecond line").containsEntry("G", "a#b");
        assertThat(env.lines()).containsEntry("F", 7).containsEntry("G", 9);
    }

    @Test
    void parse_malformedLines_areReportedByLineWithoutTheirText() {
        DotEnv env = DotEnv.parse("OK=1\nsk_live_123secret\n9BAD=x\nQ=\"unterminated-xyzzy\nOTHER=2\n");

        assertThat(env.problems()).extracting(DotEnv.Problem::line).containsExactly(2, 3, 4);
        assertThat(env.problems()).extracting(DotEnv.Problem::message)
                .noneMatch(message -> message.contains("sk_live") || message.contains("9BAD") || message.contains("xyzzy"));
        assertThat(env.values()).containsOnlyKeys("OK");
    }

    @Test
    void parse_emptyValueWithComment_isEmpty() {
        assertThat(DotEnv.parse("TOKEN= # set before upgrading\n").values()).containsEntry("TOKEN", "");
    }

    @Test
    void parse_windowsLineEndings_areHandled() {
        assertThat(DotEnv.parse("A=1\r\nB=2\r\n").values()).containsEntry("A", "1").containsEntry("B", "2");
    }
}
