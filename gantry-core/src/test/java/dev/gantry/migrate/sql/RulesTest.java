package dev.gantry.migrate.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class RulesTest {
    @Test
    void all_ids_areUniqueAndKebabCase() {
        Set<String> ids = new HashSet<>();
        for (Rule rule : Rules.all()) {
            assertThat(ids.add(rule.id())).as("unique " + rule.id()).isTrue();
            assertThat(rule.id()).matches("[a-z][a-z0-9]*(-[a-z0-9]+)*");
        }
    }

    @Test
    void resolve_squawkIdAndAtlasCode_findGantryRule() {
        assertThat(Rules.resolve("ban-drop-column")).extracting(Rule::id).containsExactly("drop-column");
        assertThat(Rules.resolve("ds103")).extracting(Rule::id).containsExactly("drop-column");
        assertThat(Rules.resolve("renaming-column")).extracting(Rule::id).containsExactly("rename-column");
        assertThat(Rules.resolve("no-such-thing")).isEmpty();
    }

    @Test
    void severities_lockSafetyAndDataLossBlock_hygieneWarns() {
        assertThat(Rules.byId("drop-column").orElseThrow().severity()).isEqualTo(Severity.BLOCKING);
        assertThat(Rules.byId("create-index-non-concurrently").orElseThrow().severity()).isEqualTo(Severity.BLOCKING);
        assertThat(Rules.byId("prefer-text").orElseThrow().severity()).isEqualTo(Severity.WARNING);
        assertThat(Rules.byId("prefer-bigint-over-int").orElseThrow().severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void docs_migrationLint_documentsEveryRule() throws IOException {
        Path docs = null;
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && docs == null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/migration-lint.md"))) {
                docs = dir.resolve("docs/migration-lint.md");
            }
        }
        Assumptions.assumeTrue(docs != null, "docs/migration-lint.md not found above the working directory");
        String text = Files.readString(docs);
        for (Rule rule : Rules.all()) {
            assertThat(text).as("docs section for " + rule.id()).contains("### `" + rule.id() + "`");
            for (String squawk : rule.equivalents().squawk()) {
                assertThat(text).as("squawk equivalent of " + rule.id()).contains(squawk);
            }
            for (String atlas : rule.equivalents().atlas()) {
                assertThat(text).as("Atlas equivalent of " + rule.id()).contains(atlas);
            }
        }
    }
}
