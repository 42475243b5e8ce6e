package dev.gantry.flags;

import java.util.List;

/**
 * A flag snapshot was rejected as a whole. Each problem names the JSON path of the offending
 * value (for example {@code $.flags[2].rules[0].clauses[1].op}) and says what is wrong with it.
 * The message lists every problem found, one per line.
 */
public final class SnapshotFormatException extends FlagsException {
    private final List<String> problems;

    /** @param problems at least one problem, each "path: what is wrong" */
    public SnapshotFormatException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** @param problem one problem, "path: what is wrong" */
    public SnapshotFormatException(String problem) {
        this(List.of(problem));
    }

    /** @return every problem found, in document order, each "path: what is wrong" */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a format exception needs at least one problem");
        }
        if (problems.size() == 1) {
            return "Invalid flag snapshot: " + problems.get(0);
        }
        return "Invalid flag snapshot (" + problems.size() + " problems):\n  " + String.join("\n  ", problems);
    }
}
