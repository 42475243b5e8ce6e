package dev.gantry.server.migrate;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/** Flyway versioned-migration labels ({@code V5}, {@code V2.1}) and their order. */
final class MigrationLabel {
    private static final Pattern FORM = Pattern.compile("[Vv]?\\d+([._]\\d+)*");

    private MigrationLabel() {}

    static boolean valid(String label) {
        return FORM.matcher(label.strip()).matches();
    }

    /** {@code 5}, {@code v5} and {@code V5} all become {@code V5}; {@code 2_1} becomes {@code V2.1}. */
    static String normalise(String label) {
        String s = label.strip().toUpperCase(Locale.ROOT);
        return (s.startsWith("V") ? s : "V" + s).replace('_', '.');
    }

    /** Compares two labels in Flyway order (numerically, part by part). */
    static int compare(String a, String b) {
        long[] x = parts(normalise(a));
        long[] y = parts(normalise(b));
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? x[i] : 0;
            long q = i < y.length ? y[i] : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static long[] parts(String label) {
        return Arrays.stream(label.substring(1).split("\\.")).mapToLong(Long::parseLong).toArray();
    }
}
