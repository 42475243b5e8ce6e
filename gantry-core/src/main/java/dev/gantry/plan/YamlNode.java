package dev.gantry.plan;

import java.util.List;
import java.util.Optional;

/**
 * A plan document as a small tree of maps, lists and scalars, each knowing where it stands
 * in the file. Built once from SnakeYAML Engine's composed nodes by {@link YamlTree}; the
 * section readers only ever see this tree.
 */
sealed interface YamlNode {
    Position position();

    /** What the node is, in words a plan author knows: "a map", "a list", "a string". */
    String describe();

    /** A mapping; entries keep their order and their key positions. */
    record YamlMap(List<Entry> entries, Position position, boolean flow) implements YamlNode {
        public YamlMap {
            entries = List.copyOf(entries);
        }

        Optional<Entry> entry(String key) {
            for (Entry entry : entries) {
                if (entry.key().equals(key)) {
                    return Optional.of(entry);
                }
            }
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    /** A key and its value. */
    record Entry(String key, Position keyPosition, YamlNode value) {}

    /** A sequence. */
    record YamlList(List<YamlNode> items, Position position) implements YamlNode {
        public YamlList {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A scalar, with the kind the YAML 1.2 core schema resolved it to. */
    record YamlScalar(String text, Kind kind, Position position) implements YamlNode {
        enum Kind {
            STRING("a string"),
            INTEGER("a whole number"),
            FLOAT("a number"),
            BOOLEAN("true or false"),
            NULL("null");

            final String words;

            Kind(String words) {
                this.words = words;
            }
        }

        boolean isNull() {
            return kind == Kind.NULL;
        }

        @Override
        public String describe() {
            return kind == Kind.STRING ? "the string '" + abbreviate(text) + "'" : kind.words + " (" + text + ")";
        }

        private static String abbreviate(String text) {
            return text.length() <= 40 ? text : text.substring(0, 37) + "...";
        }
    }
}
