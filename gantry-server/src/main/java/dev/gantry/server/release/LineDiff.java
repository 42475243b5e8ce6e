package dev.gantry.server.release;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two texts (longest common subsequence), rendered as lines prefixed with
 * {@code "  "}, {@code "- "} or {@code "+ "}. Stateless.
 */
final class LineDiff {
    private static final int MAX_LINES = 5_000;

    private LineDiff() {}

    static List<String> diff(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        if (a.length > MAX_LINES || b.length > MAX_LINES) {
            List<String> out = new ArrayList<>();
            for (String s : a) {
                out.add("- " + s);
            }
            for (String s : b) {
                out.add("+ " + s);
            }
            return out;
        }
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i].equals(b[j])) {
                out.add("  " + a[i++]);
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add("- " + a[i++]);
            } else {
                out.add("+ " + b[j++]);
            }
        }
        while (i < a.length) {
            out.add("- " + a[i++]);
        }
        while (j < b.length) {
            out.add("+ " + b[j++]);
        }
        return out;
    }
}
