package dev.gantry.migrate.sql;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Whether a migration can be undone, and how. */
public sealed interface Reversibility {

    /** A Flyway undo file ({@code U<version>__...}) exists for the migration. */
    record UndoFile(Path path) implements Reversibility {
        public UndoFile {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * Every statement has an inverse Gantry can derive (CREATE TABLE to DROP TABLE, ADD COLUMN
     * to DROP COLUMN, CREATE INDEX to DROP INDEX, ...).
     *
     * @param inverse the inverse statements, in the order to run them
     */
    record Derivable(List<String> inverse) implements Reversibility {
        public Derivable {
            inverse = List.copyOf(inverse);
        }
    }

    /**
     * At least one statement cannot be undone from the migration alone.
     *
     * @param reason why, naming the statement
     * @param line the line of that statement
     */
    record Irreversible(String reason, int line) implements Reversibility {
        public Irreversible {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** {@code undo-file}, {@code derivable} or {@code irreversible}, as in JSON output. */
    default String label() {
        return switch (this) {
            case UndoFile u -> "undo-file";
            case Derivable d -> "derivable";
            case Irreversible i -> "irreversible";
        };
    }
}
