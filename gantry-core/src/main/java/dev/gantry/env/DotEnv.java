package dev.gantry.env;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A parsed {@code .env} file: the variables it sets, where, and the lines it could not read.
 *
 * <p>Reads the common dotenv syntax: blank lines and {@code #} comments, an optional
 * {@code export} prefix, {@code KEY=value} with an unquoted value (a {@code #} after a space
 * starts a comment), single-quoted values taken literally, and double-quoted values with
 * {@code \n}, {@code \t}, {@code \"} and {@code \\} escapes. Quoted values may span lines. A
 * later assignment of the same key wins, as in every dotenv loader.
 *
 * <p>Problems never quote a value: the line may hold a secret.
 *
 * @param values the variables set, in file order
 * @param lines the line each variable was set on
 * @param problems the lines that could not be read
 */
public record DotEnv(Map<String, String> values, Map<String, Integer> lines, List<Problem> problems) {
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    public DotEnv {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        lines = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lines));
        problems = List.copyOf(problems);
    }

    /**
     * A line of a {@code .env} file that could not be read.
     *
     * @param line the line, from 1
     * @param message what is wrong and how to fix it
     */
    public record Problem(int line, String message) {}

    /** Parses {@code text}. Never throws. */
    public static DotEnv parse(String text) {
        Objects.requireNonNull(text, "text");
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        String[] all = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            int lineNumber = i + 1;
            String line = all[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ") || line.startsWith("export\t")) {
                line = line.substring(7).strip();
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                problems.add(new Problem(lineNumber, "this line has no '='; write KEY=value, or start a comment with #"));
                continue;
            }
            String key = line.substring(0, equals).strip();
            if (!KEY.matcher(key).matches()) {
                problems.add(new Problem(lineNumber, "the text before '=' is not a variable name; use letters, "
                        + "digits and underscores, not starting with a digit"));
                continue;
            }
            String rest = line.substring(equals + 1).stripLeading();
            if (rest.startsWith("\"") || rest.startsWith("'")) {
                char quote = rest.charAt(0);
                StringBuilder value = new StringBuilder();
                int end = closingQuote(rest, 1, quote, value);
                int lastLine = i;
                while (end < 0 && lastLine + 1 < all.length) {
                    lastLine++;
                    value.append('\n');
                    end = closingQuote(all[lastLine], 0, quote, value);
                    if (end >= 0) {
                        rest = all[lastLine];
                    }
                }
                if (end < 0) {
                    problems.add(new Problem(lineNumber, "the value of " + key + " opens a " + (quote == '"' ? "double" : "single")
                            + " quote that is never closed; close it with " + quote));
                    break;
                }
                String after = rest.substring(end + 1).strip();
                if (!after.isEmpty() && !after.startsWith("#")) {
                    problems.add(new Problem(lastLine + 1, "there is text after the closing quote of " + key
                            + "; put it inside the quotes or start a comment with #"));
                }
                values.put(key, value.toString());
                lines.put(key, lineNumber);
                i = lastLine;
                continue;
            }
            int comment = rest.startsWith("#") ? 0 : rest.indexOf(" #");
            String value = (comment >= 0 ? rest.substring(0, comment) : rest).strip();
            values.put(key, value);
            lines.put(key, lineNumber);
        }
        return new DotEnv(values, lines, problems);
    }

    /**
     * Finds the closing quote from {@code start}, appending the value's characters; the index of
     * the quote, or -1 when the line ends first.
     */
    private static int closingQuote(String line, int start, char quote, StringBuilder value) {
        for (int j = start; j < line.length(); j++) {
            char c = line.charAt(j);
            if (c == quote) {
                return j;
            }
            if (quote == '"' && c == '\\' && j + 1 < line.length()) {
                char next = line.charAt(++j);
                switch (next) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    default -> value.append(next);
                }
                continue;
            }
            value.append(c);
        }
        return -1;
    }
}
