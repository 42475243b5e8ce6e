package dev.gantry.flags.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SemverTest {
    private static final List<String> VERSIONS = List.of("0.0.0", "1.0.0", "1.0.0-alpha", "1.0.0-alpha.1",
            "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0+build.5",
            "1.0.0-rc.1+b", "2.10.3", "10.0.0-0", "10.0.0-0a", "1.2.3----RC-SNAPSHOT.12.9.1--.12+788",
            "999999999999999999.0.0");

    @Test
    void compareTo_semverSpecExample_ordersAsPublished() {
        List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0");
        for (int i = 0; i + 1 < ordered.size(); i++) {
            Semver lower = Semver.parse(ordered.get(i)).orElseThrow();
            Semver higher = Semver.parse(ordered.get(i + 1)).orElseThrow();
            assertThat(lower.compareTo(higher)).as("%s < %s", ordered.get(i), ordered.get(i + 1)).isNegative();
            assertThat(higher.compareText(ordered.get(i))).as("text %s < %s", ordered.get(i), ordered.get(i + 1)).isNegative();
        }
    }

    @Test
    void compareText_randomAndEdgeInputs_agreesWithParseAndCompareTo() {
        Random random = new Random(42);
        String alphabet = "0123456789.-+aZx";
        for (String opText : VERSIONS) {
            Semver op = Semver.parse(opText).orElseThrow();
            for (int i = 0; i < 5_000; i++) {
                String text = i < VERSIONS.size() ? VERSIONS.get(i) : mutate(random, alphabet);
                Optional<Semver> parsed = Semver.parse(text);
                int c = op.compareText(text);
                if (parsed.isEmpty()) {
                    assertThat(c).as("'%s' is invalid", text).isEqualTo(Semver.INVALID);
                } else {
                    assertThat(Integer.signum(c)).as("'%s' vs %s", text, opText)
                            .isEqualTo(Integer.signum(parsed.get().compareTo(op)));
                }
            }
        }
    }

    private static String mutate(Random random, String alphabet) {
        StringBuilder sb = new StringBuilder(VERSIONS.get(random.nextInt(VERSIONS.size())));
        int edits = random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int pos = random.nextInt(sb.length() + 1);
            switch (random.nextInt(3)) {
                case 0 -> sb.insert(pos, alphabet.charAt(random.nextInt(alphabet.length())));
                case 1 -> {
                    if (pos < sb.length()) {
                        sb.deleteCharAt(pos);
                    }
                }
                default -> {
                    if (pos < sb.length()) {
                        sb.setCharAt(pos, alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                }
            }
        }
        return sb.toString();
    }
}
