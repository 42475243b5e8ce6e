package dev.gantry.flags;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The snapshot examples in docs/flags-format.md load, so the documentation cannot drift from the code. */
class DocsExamplesTest {
    private static final Path DOCS = Path.of("..", "docs");

    private static List<String> jsonBlocks(String file) throws IOException {
        Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOCS.resolve(file)));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @Test
    void flagsFormat_exampleSnapshot_loadsAndEvaluatesAsDescribed() throws IOException {
        List<String> blocks = jsonBlocks("flags-format.md");
        assertThat(blocks).isNotEmpty();

        Snapshot s = Snapshot.parse(blocks.get(0));

        EvaluationContext bob = EvaluationContext.builder("bob").set("email", "bob@gantry.dev").build();
        assertThat(s.booleanDetail("express-shipping", bob, false).reason()).isEqualTo(Reason.RULE_MATCH);
        assertThat(s.booleanDetail("new-checkout", EvaluationContext.of("qa-alice"), false).reason())
                .isEqualTo(Reason.TARGET_MATCH);
    }

    @Test
    void schema_isWellFormedJsonListingEveryOperator() throws IOException {
        String schema = Files.readString(DOCS.resolve("flags.schema.json"));
        dev.gantry.flags.internal.JsonTree.parse(schema.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (Operator op : Operator.values()) {
            assertThat(schema).contains("\"" + op.jsonName() + "\"");
        }
    }
}
