package dev.gantry.migrate.sql;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration file and its Flyway identity. Versions compare numerically part by part, as
 * Flyway does: {@code 1.2 < 1.10}, and {@code V1_2} is version {@code 1.2}.
 *
 * @param path the file
 * @param kind versioned, undo, repeatable or other
 * @param version the version as written with underscores turned into dots; empty for
 *     repeatable and other files
 * @param description the description part of the name (or the file name for other files)
 */
public record MigrationFile(Path path, MigrationKind kind, String version, String description) {
    private static final Pattern FLYWAY = Pattern.compile("([VU])(\\d+(?:[._]\\d+)*)__(.+)\\.sql", Pattern.CASE_INSENSITIVE);
    private static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql", Pattern.CASE_INSENSITIVE);

    public MigrationFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        if ((kind == MigrationKind.VERSIONED || kind == MigrationKind.UNDO) == version.isEmpty()) {
            throw new IllegalArgumentException("versioned and undo migrations, and only they, have a version: " + path);
        }
    }

    /** Reads the Flyway identity from the file name. */
    public static MigrationFile of(Path path) {
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        Matcher flyway = FLYWAY.matcher(name);
        if (flyway.matches()) {
            MigrationKind kind = Character.toUpperCase(flyway.group(1).charAt(0)) == 'V' ? MigrationKind.VERSIONED : MigrationKind.UNDO;
            return new MigrationFile(path, kind, flyway.group(2).replace('_', '.'), flyway.group(3).replace('_', ' '));
        }
        Matcher repeatable = REPEATABLE.matcher(name);
        if (repeatable.matches()) {
            return new MigrationFile(path, MigrationKind.REPEATABLE, "", repeatable.group(1).replace('_', ' '));
        }
        return new MigrationFile(path, MigrationKind.OTHER, "", name);
    }

    /** A short label: {@code V1.2}, {@code U3}, {@code R__views.sql} or the file name. */
    public String label() {
        return switch (kind) {
            case VERSIONED -> "V" + version;
            case UNDO -> "U" + version;
            case REPEATABLE, OTHER -> String.valueOf(path.getFileName());
        };
    }

    /** Compares two Flyway versions numerically ({@code 1.2 < 1.10}, {@code 1 == 1.0}). */
    public static int compareVersions(String a, String b) {
        List<BigInteger> left = parts(a);
        List<BigInteger> right = parts(b);
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            BigInteger l = i < left.size() ? left.get(i) : BigInteger.ZERO;
            BigInteger r = i < right.size() ? right.get(i) : BigInteger.ZERO;
            int c = l.compareTo(r);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static List<BigInteger> parts(String version) {
        List<BigInteger> parts = new ArrayList<>();
        for (String part : version.split("\\.")) {
            if (!part.isEmpty()) {
                parts.add(new BigInteger(part));
            }
        }
        return parts;
    }

    /**
     * Flyway's order: versioned migrations by version, then repeatable ones by description,
     * then other files in the order given (stable sort keeps that order).
     */
    static Comparator<MigrationFile> flywayOrder() {
        return (a, b) -> {
            int rank = Integer.compare(rank(a.kind), rank(b.kind));
            if (rank != 0) {
                return rank;
            }
            return switch (a.kind) {
                case VERSIONED, UNDO -> compareVersions(a.version, b.version);
                case REPEATABLE -> a.description.compareTo(b.description);
                case OTHER -> 0;
            };
        };
    }

    private static int rank(MigrationKind kind) {
        return switch (kind) {
            case VERSIONED -> 0;
            case REPEATABLE -> 1;
            case OTHER -> 2;
            case UNDO -> 3;
        };
    }
}
