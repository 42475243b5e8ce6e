package dev.gantry.docs.template;

import java.util.List;

/** A compiled piece of a template. */
sealed interface Node {
    /** Literal text, written as it is. */
    record Text(String text) implements Node {}

    /** {@code {{path}}}: the value at {@code path}. */
    record Variable(Path path, Mark mark) implements Node {}

    /** {@code {{#each path}}body{{else}}empty{{/each}}}. */
    record Each(Path path, List<Node> body, List<Node> empty, Mark mark) implements Node {
        public Each {
            body = List.copyOf(body);
            empty = List.copyOf(empty);
        }
    }

    /** {@code {{#if path}}}, or {@code {{#unless path}}} when {@code negated}. */
    record Conditional(Path path, boolean negated, List<Node> then, List<Node> otherwise, Mark mark) implements Node {
        public Conditional {
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }
    }

    /** Where a tag starts, for messages. */
    record Mark(int line, int column) {}

    /**
     * A dotted name: {@code release.version}, {@code this}, {@code this.title}, {@code @index}.
     *
     * @param segments the names, in order; {@code this} is kept as the first segment
     * @param text the path as written
     */
    record Path(List<String> segments, String text) {
        public Path {
            segments = List.copyOf(segments);
        }

        boolean isThis() {
            return segments.get(0).equals("this");
        }

        boolean isData() {
            return segments.get(0).startsWith("@");
        }
    }
}
