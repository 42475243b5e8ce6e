package dev.gantry.migrate.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Data-driven rule tests: {@code src/test/resources/migrate-lint/rules/<rule-id>/unsafe-*.sql}
 * must raise the rule (on the line marked {@code -- expect}, when one is), {@code safe-*.sql}
 * must not. A first line {@code -- fixture: pg-version=N assume-in-transaction} sets the
 * settings.
 */
class RuleFixturesTest {
    /** Rules that need more than one file; tested in {@link MigrationLinterTest}. */
    private static final Set<String> MULTI_FILE_RULES = Set.of("duplicate-migration-version");
    private static final Pattern PG = Pattern.compile("pg-version=(\\d+)");

    private static Path root() throws URISyntaxException {
        return Path.of(RuleFixturesTest.class.getResource("/migrate-lint/rules").toURI());
    }

    @Test
    void fixtures_everyRule_hasUnsafeAndSafeForms() throws Exception {
        for (Rule rule : Rules.all()) {
            if (MULTI_FILE_RULES.contains(rule.id())) {
                continue;
            }
            Path dir = root().resolve(rule.id());
            assertThat(dir).as("fixtures for rule " + rule.id()).isDirectory();
            try (Stream<Path> files = Files.list(dir)) {
                List<String> names = files.map(p -> p.getFileName().toString()).toList();
                assertThat(names).as("unsafe fixture for " + rule.id()).anyMatch(n -> n.startsWith("unsafe"));
                assertThat(names).as("safe fixture for " + rule.id()).anyMatch(n -> n.startsWith("safe"));
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> fixtures_eachFile_raisesItsRuleOnlyWhenUnsafe() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root())) {
            for (Path dir : dirs.sorted().toList()) {
                String ruleId = dir.getFileName().toString();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.sorted().toList()) {
                        tests.add(DynamicTest.dynamicTest(ruleId + "/" + file.getFileName(), () -> check(ruleId, file)));
                    }
                }
            }
        }
        return tests.stream();
    }

    private static void check(String ruleId, Path file) throws IOException {
        assertThat(Rules.byId(ruleId)).as("fixture directory names a rule").isPresent();
        String sql = Files.readString(file, StandardCharsets.UTF_8);
        String header = sql.lines().findFirst().orElse("");
        int pg = LintSettings.DEFAULT_PG_VERSION;
        boolean assume = false;
        if (header.startsWith("-- fixture:")) {
            Matcher m = PG.matcher(header);
            if (m.find()) {
                pg = Integer.parseInt(m.group(1));
            }
            assume = header.contains("assume-in-transaction");
        }
        LintReport report = MigrationLinter.lint(List.of(file), new LintSettings(pg, assume));
        List<Finding> hits = report.findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
        boolean unsafe = file.getFileName().toString().startsWith("unsafe");
        if (!unsafe) {
            assertThat(hits).as("safe form must not raise " + ruleId + "; all findings: " + report.findings()).isEmpty();
            return;
        }
        assertThat(hits).as("unsafe form must raise " + ruleId + "; all findings: " + report.findings()).isNotEmpty();
        List<String> lines = sql.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("-- expect")) {
                int line = i + 1;
                assertThat(hits).as(ruleId + " reported on line " + line).anyMatch(f -> f.line() == line);
            }
        }
        assertThat(hits).allSatisfy(f -> {
            assertThat(f.column()).isPositive();
            assertThat(f.message()).isNotBlank();
        });
    }
}
