package dev.gantry.docs;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Golden files under src/test/resources/golden: a generated text must equal its pinned copy byte
 * for byte. Run with {@code -Dgantry.updateGolden=true} to rewrite the pinned copies after a
 * deliberate change, then read the diff before committing it.
 */
final class Golden {
    static final Path ROOT = Path.of("src/test/resources/golden");
    static final boolean UPDATE = Boolean.getBoolean("gantry.updateGolden");

    private Golden() {}

    static void assertMatches(String relative, String actual) {
        Path file = ROOT.resolve(relative);
        try {
            if (UPDATE) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.isRegularFile(file)) {
                fail("no golden file " + file + "; generate it with: ./mvnw -pl gantry-core test -Dgantry.updateGolden=true");
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            if (!expected.equals(actual)) {
                fail(file + " differs from the generated text (to accept the new text: ./mvnw -pl gantry-core test"
                        + " -Dtest=DocumentSetTest -Dgantry.updateGolden=true, then review git diff):\n" + diff(expected, actual));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first differing line with three lines of context, as {@code -} expected and {@code +} actual. */
    static String diff(String expected, String actual) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        int first = 0;
        while (first < a.size() && first < b.size() && a.get(first).equals(b.get(first))) {
            first++;
        }
        StringBuilder out = new StringBuilder("@@ line " + (first + 1) + " @@\n");
        for (int i = Math.max(0, first - 3); i < first; i++) {
            out.append("  ").append(a.get(i)).append('\n');
        }
        for (int i = first; i < Math.min(a.size(), first + 4); i++) {
            out.append("- ").append(a.get(i)).append('\n');
        }
        for (int i = first; i < Math.min(b.size(), first + 4); i++) {
            out.append("+ ").append(b.get(i)).append('\n');
        }
        if (a.size() == b.size() && first == a.size()) {
            out.append("(the texts differ only in line endings or a final newline)\n");
        }
        return out.toString();
    }
}
