package dev.gantry.plan;

import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;

/** A place in a plan file: line and column counting from 1. */
record Position(int line, int column) {
    static final Position START = new Position(1, 1);

    Position {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("positions count from 1");
        }
    }

    static Position of(Optional<Mark> mark) {
        return mark.map(m -> new Position(m.getLine() + 1, m.getColumn() + 1)).orElse(START);
    }
}
