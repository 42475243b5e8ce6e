package dev.gantry.upgrade;

import dev.gantry.env.DotEnv;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An env file as lines, each with its own line terminator, so that a rewrite can keep every
 * untouched byte; and the variables' assignments, each spanning the lines its (possibly
 * multi-line, quoted) value takes. Reads the syntax {@link DotEnv} reads. Commented-out
 * assignments ({@code # KEY=value}) are recognised too, so their values can be masked.
 */
final class EnvFile {
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "^(\\s*(?:export[ \\t]+)?)([A-Za-z_][A-Za-z0-9_.]*)([ \\t]*=)(.*)$");
    private static final Pattern EXPORT = Pattern.compile("\\s*export[ \\t]");
    private static final Pattern COMMENTED = Pattern.compile("^\\s*#\\s?");

    /** One line: its text without the terminator, and the terminator ({@code \n}, {@code \r\n} or none). */
    record Line(String text, String terminator) {}

    /**
     * The lines a variable's assignment takes.
     *
     * @param key the variable
     * @param first the first line, from 0
     * @param last the last line, from 0
     * @param commented whether the assignment is commented out
     */
    record Assignment(String key, int first, int last, boolean commented) {}

    private final List<Line> lines;
    private final List<Assignment> assignments;

    private EnvFile(List<Line> lines, List<Assignment> assignments) {
        this.lines = List.copyOf(lines);
        this.assignments = List.copyOf(assignments);
    }

    static EnvFile parse(String text) {
        List<Line> lines = split(text);
        List<Assignment> assignments = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text0 = lines.get(i).text();
            boolean commented = text0.stripLeading().startsWith("#");
            String body = commented ? uncomment(text0) : text0;
            Matcher matcher = ASSIGNMENT.matcher(body);
            if (!matcher.matches()) {
                continue;
            }
            int last = lastLine(lines, i, matcher.group(4).stripLeading(), commented);
            assignments.add(new Assignment(matcher.group(2), i, last, commented));
            i = last;
        }
        return new EnvFile(lines, assignments);
    }

    List<Line> lines() {
        return lines;
    }

    List<Assignment> assignments() {
        return assignments;
    }

    /** The assignment in effect for {@code key}: the last one not commented out. */
    Optional<Assignment> effective(String key) {
        return assignments.stream().filter(assignment -> !assignment.commented() && assignment.key().equals(key))
                .reduce((first, second) -> second);
    }

    /** The assignments, commented out or not, that each line belongs to; empty for other lines. */
    List<Optional<Assignment>> owners() {
        List<Optional<Assignment>> owners = new ArrayList<>();
        lines.forEach(line -> owners.add(Optional.empty()));
        assignments.forEach(assignment -> {
            for (int i = assignment.first(); i <= assignment.last(); i++) {
                owners.set(i, Optional.of(assignment));
            }
        });
        return owners;
    }

    /** The value an assignment sets. */
    String value(Assignment assignment) {
        StringBuilder text = new StringBuilder();
        for (int i = assignment.first(); i <= assignment.last(); i++) {
            String line = lines.get(i).text();
            text.append(assignment.commented() ? uncomment(line) : line).append('\n');
        }
        return DotEnv.parse(text.toString()).values().getOrDefault(assignment.key(), "");
    }

    /** The assignment's lines with the key renamed, everything else (prefix, quoting, spacing) kept. */
    List<Line> renamedCopy(Assignment assignment, String name) {
        List<Line> copy = new ArrayList<>(lines.subList(assignment.first(), assignment.last() + 1));
        Line first = copy.getFirst();
        Matcher matcher = ASSIGNMENT.matcher(first.text());
        if (matcher.matches()) {
            copy.set(0, new Line(matcher.group(1) + name + matcher.group(3) + matcher.group(4), first.terminator()));
        }
        return copy;
    }

    /** Where the text of an assignment's first line starts its value: just after the '='. */
    static int valueStart(String line) {
        String body = line.stripLeading().startsWith("#") ? uncomment(line) : line;
        Matcher matcher = ASSIGNMENT.matcher(body);
        return matcher.matches() ? line.length() - body.length() + matcher.end(3) : -1;
    }

    /** The line terminator new lines should use: the file's first one. */
    String newline() {
        return lines.stream().map(Line::terminator).filter(terminator -> !terminator.isEmpty()).findFirst().orElse("\n");
    }

    /** Whether most assignments use an {@code export} prefix. */
    boolean exports() {
        long exported = assignments.stream().filter(assignment -> !assignment.commented())
                .filter(assignment -> EXPORT.matcher(lines.get(assignment.first()).text()).lookingAt()).count();
        return exported * 2 > assignments.stream().filter(assignment -> !assignment.commented()).count();
    }

    static String uncomment(String line) {
        Matcher matcher = COMMENTED.matcher(line);
        return matcher.find() ? line.substring(matcher.end()) : line;
    }

    private static int lastLine(List<Line> lines, int first, String value, boolean commented) {
        if (!value.startsWith("\"") && !value.startsWith("'")) {
            return first;
        }
        char quote = value.charAt(0);
        if (closes(value, 1, quote)) {
            return first;
        }
        for (int i = first + 1; i < lines.size(); i++) {
            String line = lines.get(i).text();
            if (commented && !line.stripLeading().startsWith("#")) {
                return first;
            }
            if (closes(commented ? uncomment(line) : line, 0, quote)) {
                return i;
            }
        }
        return first;
    }

    private static boolean closes(String text, int start, char quote) {
        for (int j = start; j < text.length(); j++) {
            char c = text.charAt(j);
            if (quote == '"' && c == '\\') {
                j++;
            } else if (c == quote) {
                return true;
            }
        }
        return false;
    }

    private static List<Line> split(String text) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                lines.add(new Line(text.substring(start, i), "\n"));
                start = i + 1;
            } else if (c == '\r') {
                boolean crlf = i + 1 < text.length() && text.charAt(i + 1) == '\n';
                lines.add(new Line(text.substring(start, i), crlf ? "\r\n" : "\r"));
                i += crlf ? 1 : 0;
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(new Line(text.substring(start), ""));
        }
        return lines;
    }
}
