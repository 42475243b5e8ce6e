package dev.gantry.upgrade;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A release version, ordered the semantic-versioning way: numerically part by part ({@code 1.10}
 * after {@code 1.9}), missing parts counting as zero ({@code 1.2} equals {@code 1.2.0}), a
 * pre-release before its release ({@code 1.2.0-rc.1} before {@code 1.2.0}), build metadata
 * ignored. A leading {@code v} is accepted. Immutable and thread-safe.
 *
 * @param text the version as written
 * @param numbers its numeric parts
 * @param prerelease its pre-release identifiers, empty for a release
 */
public record Version(String text, List<Integer> numbers, List<String> prerelease) implements Comparable<Version> {
    private static final Pattern SYNTAX = Pattern.compile(
            "[vV]?(\\d{1,9}(?:\\.\\d{1,9}){0,3})(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z.-]+)?");

    public Version {
        Objects.requireNonNull(text, "text");
        numbers = List.copyOf(numbers);
        prerelease = List.copyOf(prerelease);
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException("a version has at least one number: " + text);
        }
    }

    /** {@code text} as a version, or empty when it is not one (such as {@code latest}). */
    public static Optional<Version> parse(String text) {
        var matcher = SYNTAX.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        List<Integer> numbers = new ArrayList<>();
        for (String part : matcher.group(1).split("\\.")) {
            numbers.add(Integer.parseInt(part));
        }
        List<String> prerelease = matcher.group(2) == null ? List.of() : List.of(matcher.group(2).split("\\."));
        return Optional.of(new Version(text.strip(), numbers, prerelease));
    }

    @Override
    public int compareTo(Version other) {
        int parts = Math.max(numbers.size(), other.numbers.size());
        for (int i = 0; i < parts; i++) {
            int order = Integer.compare(number(i), other.number(i));
            if (order != 0) {
                return order;
            }
        }
        if (prerelease.isEmpty() || other.prerelease.isEmpty()) {
            return Boolean.compare(prerelease.isEmpty(), other.prerelease.isEmpty());
        }
        for (int i = 0; i < Math.min(prerelease.size(), other.prerelease.size()); i++) {
            int order = compareIdentifier(prerelease.get(i), other.prerelease.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(prerelease.size(), other.prerelease.size());
    }

    /** Whether both name the same release ({@code 1.2} and {@code v1.2.0} do). */
    public boolean sameAs(Version other) {
        return compareTo(other) == 0;
    }

    @Override
    public String toString() {
        return text;
    }

    private int number(int index) {
        return index < numbers.size() ? numbers.get(index) : 0;
    }

    private static int compareIdentifier(String a, String b) {
        boolean numericA = a.chars().allMatch(Character::isDigit);
        boolean numericB = b.chars().allMatch(Character::isDigit);
        if (numericA && numericB) {
            return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
        }
        if (numericA != numericB) {
            return numericA ? -1 : 1;
        }
        return a.compareTo(b);
    }
}
