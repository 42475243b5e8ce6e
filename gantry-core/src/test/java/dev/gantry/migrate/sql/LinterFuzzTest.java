package dev.gantry.migrate.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random inputs: fragments of real DDL, stray quotes and comment openers, random
 * truncation and random characters. Linting must never throw, and every finding must point
 * inside the file.
 */
class LinterFuzzTest {
    private static final List<String> FRAGMENTS = List.of(
            "ALTER TABLE ", "users ", "\"Quoted\"\"Name\" ", "ADD COLUMN ", "DROP COLUMN ", "RENAME ", "TO ", "CREATE ",
            "INDEX ", "CONCURRENTLY ", "ON ", "(", ")", ",", ";", ";\n", "'str''ing' ", "E'\\'' ", "$$ body; $$ ", "$tag$ x $tag$ ",
            "-- comment\n", "/* block /* nested */ */", "BEGIN;", "COMMIT;", "NOT NULL ", "DEFAULT ", "random() ", "int ",
            "varchar(10) ", "CHECK ", "FOREIGN KEY ", "REFERENCES ", "NOT VALID ", "VALIDATE CONSTRAINT ", "SET ", "lock_timeout ",
            "= ", "'1s' ", "TYPE ", "USING ", "DO ", "TRUNCATE ", "CASCADE ", "VACUUM ", "FULL ", "REINDEX ", "\n", "\r\n",
            "'", "\"", "$", "/*", "$$", "-- gantry:allow drop-column\n", "-- gantry:allow x because y\n", "-- atlas:nolint\n",
            "SELECT ", "INSERT INTO ", "UPDATE ", "VALUES ", "BEGIN ATOMIC ", "END ", "CASE ", "::", ".", "*", "é", "\t", "`");

    static IntStream seeds() {
        return IntStream.rangeClosed(1, 300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void lint_randomInput_neverThrowsAndFindingsPointInsideTheFile(int seed) {
        Random random = new Random(seed);
        StringBuilder sql = new StringBuilder();
        int pieces = 1 + random.nextInt(60);
        for (int i = 0; i < pieces; i++) {
            if (random.nextInt(10) == 0) {
                sql.append((char) (random.nextInt(0x250)));
            } else {
                sql.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
            }
        }
        String text = random.nextBoolean() ? sql.toString() : sql.substring(0, random.nextInt(sql.length() + 1));
        LintSettings settings = new LintSettings(10 + random.nextInt(8), random.nextBoolean());
        assertThatCode(() -> MigrationLinter.lintSql("V1__fuzz.sql", text, settings)).doesNotThrowAnyException();
        LintReport report = MigrationLinter.lintSql("V1__fuzz.sql", text, settings);
        long lines = text.lines().count() + 1;
        assertThat(report.findings()).allSatisfy(f -> {
            assertThat(f.line()).isBetween(1, (int) lines);
            assertThat(f.column()).isPositive();
        });
        assertThat(report.migrations()).hasSize(1);
    }

    static IntStream mutationSeeds() {
        return IntStream.rangeClosed(1, 200);
    }

    /** Real fixture files, cut at a random point and with random characters flipped. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("mutationSeeds")
    void lint_mutatedFixture_neverThrows(int seed) throws Exception {
        Random random = new Random(seed);
        java.nio.file.Path root = java.nio.file.Path.of(LinterFuzzTest.class.getResource("/migrate-lint/rules").toURI());
        List<java.nio.file.Path> files;
        try (var walk = java.nio.file.Files.walk(root)) {
            files = walk.filter(java.nio.file.Files::isRegularFile).sorted().toList();
        }
        char[] text = java.nio.file.Files.readString(files.get(random.nextInt(files.size()))).toCharArray();
        for (int i = 0; i < 1 + random.nextInt(5) && text.length > 0; i++) {
            String specials = "'\"$;()/*-\n`";
            text[random.nextInt(text.length)] = specials.charAt(random.nextInt(specials.length()));
        }
        String mutated = new String(text, 0, random.nextInt(text.length + 1));
        assertThatCode(() -> MigrationLinter.lintSql("V2__mutated.sql", mutated, LintSettings.defaults())).doesNotThrowAnyException();
    }
}
