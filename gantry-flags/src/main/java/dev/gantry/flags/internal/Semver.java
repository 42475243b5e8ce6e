package dev.gantry.flags.internal;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A semantic version (semver.org 2.0.0). Precedence ignores build metadata.
 *
 * @param major major
 * @param minor minor
 * @param patch patch
 * @param preRelease pre-release identifiers, empty for a release
 */
public record Semver(long major, long minor, long patch, List<String> preRelease) implements Comparable<Semver> {
    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9]\\d{0,17})\\.(0|[1-9]\\d{0,17})\\.(0|[1-9]\\d{0,17})"
                    + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    + "(?:\\+[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*)?");

    /** Copies the identifiers. */
    public Semver {
        preRelease = List.copyOf(preRelease);
    }

    /**
     * @param text candidate version
     * @return the version, if the text is a valid semantic version
     */
    public static Optional<Semver> parse(String text) {
        var m = SEMVER.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
        return Optional.of(new Semver(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3)), pre));
    }

    /** Returned by {@link #compareText} for text that is not a semantic version. */
    public static final int INVALID = Integer.MIN_VALUE;

    /**
     * Compares a version given as text with this one without allocating: the text is validated
     * and compared in place, with exactly the rules of {@link #parse} and {@link #compareTo}.
     *
     * @param text candidate version
     * @return negative, zero or positive as the text's precedence is lower, equal or higher;
     *     {@link #INVALID} when the text is not a semantic version
     */
    public int compareText(String text) {
        int n = text.length();
        int i = 0;
        long maj;
        long min;
        long pat;
        int end = numberEnd(text, i);
        if (end < 0 || end >= n || text.charAt(end) != '.') {
            return INVALID;
        }
        maj = Long.parseLong(text, i, end, 10);
        i = end + 1;
        end = numberEnd(text, i);
        if (end < 0 || end >= n || text.charAt(end) != '.') {
            return INVALID;
        }
        min = Long.parseLong(text, i, end, 10);
        i = end + 1;
        end = numberEnd(text, i);
        if (end < 0) {
            return INVALID;
        }
        pat = Long.parseLong(text, i, end, 10);
        i = end;
        int preStart = -1;
        int preEnd = -1;
        if (i < n && text.charAt(i) == '-') {
            preStart = i + 1;
            i = identifiersEnd(text, preStart, true);
            if (i < 0) {
                return INVALID;
            }
            preEnd = i;
        }
        if (i < n && text.charAt(i) == '+') {
            i = identifiersEnd(text, i + 1, false);
            if (i < 0) {
                return INVALID;
            }
        }
        if (i != n) {
            return INVALID;
        }
        int c = Long.compare(maj, major);
        if (c == 0) {
            c = Long.compare(min, minor);
        }
        if (c == 0) {
            c = Long.compare(pat, patch);
        }
        if (c != 0) {
            return c;
        }
        boolean textRelease = preStart < 0;
        if (textRelease || preRelease.isEmpty()) {
            return Boolean.compare(textRelease, preRelease.isEmpty());
        }
        int k = 0;
        int start = preStart;
        while (start <= preEnd && k < preRelease.size()) {
            int stop = text.indexOf('.', start);
            if (stop < 0 || stop > preEnd) {
                stop = preEnd;
            }
            c = compareIdentifier(text, start, stop, preRelease.get(k));
            if (c != 0) {
                return c;
            }
            k++;
            start = stop + 1;
        }
        boolean textHasMore = start <= preEnd;
        boolean opHasMore = k < preRelease.size();
        return Boolean.compare(textHasMore, opHasMore);
    }

    /** @return end of a numeric identifier (0 or no leading zero, at most 18 digits) starting at i, or -1 */
    private static int numberEnd(String s, int i) {
        int j = i;
        while (j < s.length() && isDigit(s.charAt(j))) {
            j++;
        }
        int len = j - i;
        if (len == 0 || len > 18 || (len > 1 && s.charAt(i) == '0')) {
            return -1;
        }
        return j;
    }

    /** @return end of dot-separated identifiers starting at i (stops before '+' for pre-releases), or -1 */
    private static int identifiersEnd(String s, int i, boolean preRelease) {
        int n = s.length();
        while (true) {
            int j = i;
            boolean allDigits = true;
            while (j < n) {
                char ch = s.charAt(j);
                if (isDigit(ch)) {
                    j++;
                } else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '-') {
                    allDigits = false;
                    j++;
                } else {
                    break;
                }
            }
            if (j == i || (preRelease && allDigits && j - i > 1 && s.charAt(i) == '0')) {
                return -1;
            }
            if (j < n && s.charAt(j) == '.') {
                i = j + 1;
                continue;
            }
            return j;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int compareIdentifier(String text, int start, int stop, String op) {
        boolean tn = true;
        for (int i = start; i < stop && tn; i++) {
            tn = isDigit(text.charAt(i));
        }
        boolean on = isNumeric(op);
        int tlen = stop - start;
        if (tn && on) {
            if (tlen != op.length()) {
                return Integer.compare(tlen, op.length());
            }
        } else if (tn != on) {
            return tn ? -1 : 1;
        }
        int m = Math.min(tlen, op.length());
        for (int i = 0; i < m; i++) {
            int d = text.charAt(start + i) - op.charAt(i);
            if (d != 0) {
                return d;
            }
        }
        return tlen - op.length();
    }

    @Override
    public int compareTo(Semver o) {
        int c = Long.compare(major, o.major);
        if (c == 0) {
            c = Long.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Long.compare(patch, o.patch);
        }
        if (c != 0) {
            return c;
        }
        if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty());
        }
        int n = Math.min(preRelease.size(), o.preRelease.size());
        for (int i = 0; i < n; i++) {
            c = compareIdentifier(preRelease.get(i), o.preRelease.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(preRelease.size(), o.preRelease.size());
    }

    private static int compareIdentifier(String a, String b) {
        boolean an = isNumeric(a);
        boolean bn = isNumeric(b);
        if (an && bn) {
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (an != bn) {
            return an ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static boolean isNumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
