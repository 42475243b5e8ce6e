package dev.gantry.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one plan file while it is read; not thread-safe. */
final class Problems {
    private final String source;
    private final List<Problem> problems = new ArrayList<>();

    Problems(String source) {
        this.source = source;
    }

    void add(Position position, String message, String fix) {
        problems.add(new Problem(source, position.line(), position.column(), message, fix));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    int size() {
        return problems.size();
    }

    /** The problems in file order. */
    List<Problem> sorted() {
        return problems.stream()
                .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
                .distinct()
                .toList();
    }
}
