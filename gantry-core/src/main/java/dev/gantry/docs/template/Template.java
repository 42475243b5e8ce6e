package dev.gantry.docs.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A compiled template of Gantry's template language: logic-less and Handlebars-like
 * ({@code {{path}}}, {@code {{#each}}}, {@code {{#if}}}, {@code {{#unless}}}, {@code {{else}}},
 * comments). The language is documented in docs/templates.md.
 *
 * <p>A template only reads a context tree that the caller builds: maps with string keys, lists,
 * strings, numbers and booleans. It cannot call methods, reach Java objects or run code, so a
 * team's own template is as safe to render as Gantry's. Names are strict: a name the context
 * does not hold is an error, never an empty string. Values are inserted as they are (documents
 * are Markdown; nothing is HTML-escaped), except that in a template named {@code *.md} a value
 * inserted in a table row (a line starting with {@code |}) has {@code |} escaped and line breaks
 * turned into spaces, so plan text cannot break a table.
 *
 * <p>Compile once with {@link #compile}, render any number of times; instances are immutable and
 * safe to share between threads.
 */
public final class Template {
    private final String name;
    private final List<Node> nodes;
    private final boolean markdown;

    private Template(String name, List<Node> nodes) {
        this.name = name;
        this.nodes = List.copyOf(nodes);
        this.markdown = name.toLowerCase(java.util.Locale.ROOT).endsWith(".md");
    }

    /** Whether the line being written is a Markdown table row, where a value's {@code |} would split a cell. */
    private static boolean inTableRow(StringBuilder out) {
        int start = out.lastIndexOf("\n") + 1;
        while (start < out.length() && out.charAt(start) == ' ') {
            start++;
        }
        return start < out.length() && out.charAt(start) == '|';
    }

    /**
     * Compiles {@code source}.
     *
     * @param name how messages call the template (its file name)
     * @throws TemplateException naming {@code name:line:col} when a tag is malformed, unclosed or
     *     closes nothing
     */
    public static Template compile(String name, String source) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        return new Template(name, TemplateParser.parse(name, source.replace("\r\n", "\n")));
    }

    /** The template's name. */
    public String name() {
        return name;
    }

    /**
     * Renders the template with {@code context}.
     *
     * @param context the root of the context tree: maps with string keys, lists, strings,
     *     numbers and booleans only
     * @throws TemplateException naming {@code name:line:col} when the template names something the
     *     context does not hold, prints a list, iterates a non-list, or the context holds a value
     *     of another type
     */
    public String render(Map<String, ?> context) {
        Objects.requireNonNull(context, "context");
        StringBuilder out = new StringBuilder();
        List<Frame> frames = new ArrayList<>();
        frames.add(new Frame(context, -1, 0));
        render(nodes, frames, out);
        return out.toString();
    }

    /** One level of scope: the root, or the current item of an {@code #each}. */
    private record Frame(Object item, int index, int size) {}

    private void render(List<Node> list, List<Frame> frames, StringBuilder out) {
        for (Node node : list) {
            switch (node) {
                case Node.Text text -> out.append(text.text());
                case Node.Variable variable -> {
                    String value = text(resolve(variable.path(), variable.mark(), frames), variable.path(), variable.mark());
                    out.append(markdown && inTableRow(out) ? value.replace("|", "\\|").replace("\n", " ") : value);
                }
                case Node.Conditional conditional -> {
                    boolean truth = truthy(resolve(conditional.path(), conditional.mark(), frames), conditional.mark());
                    render(truth != conditional.negated() ? conditional.then() : conditional.otherwise(), frames, out);
                }
                case Node.Each each -> {
                    Object value = resolve(each.path(), each.mark(), frames);
                    if (!(value instanceof List<?> items)) {
                        throw error(each.mark(), "'" + each.path().text() + "' is " + kind(value)
                                + ", not a list; {{#each}} iterates lists (use {{#if}} for a single value).");
                    }
                    if (items.isEmpty()) {
                        render(each.empty(), frames, out);
                    }
                    for (int i = 0; i < items.size(); i++) {
                        frames.add(new Frame(items.get(i), i, items.size()));
                        render(each.body(), frames, out);
                        frames.remove(frames.size() - 1);
                    }
                }
            }
        }
    }

    private Object resolve(Node.Path path, Node.Mark mark, List<Frame> frames) {
        Frame innermost = frames.get(frames.size() - 1);
        List<String> segments = path.segments();
        if (path.isData()) {
            if (innermost.index() < 0) {
                throw error(mark, "'" + path.text() + "' is only defined inside {{#each}}.");
            }
            return switch (segments.get(0)) {
                case "@index" -> innermost.index();
                case "@number" -> innermost.index() + 1;
                case "@first" -> innermost.index() == 0;
                default -> innermost.index() == innermost.size() - 1;
            };
        }
        Object value;
        if (path.isThis()) {
            value = innermost.item();
        } else {
            value = null;
            for (int i = frames.size() - 1; i >= 0 && value == null; i--) {
                if (frames.get(i).item() instanceof Map<?, ?> map && map.containsKey(segments.get(0))) {
                    value = map.get(segments.get(0));
                }
            }
            if (value == null) {
                throw error(mark, "unknown name '" + segments.get(0) + "'" + suggestion(segments.get(0), names(frames))
                        + "; docs/templates.md lists the names each document can use.");
            }
        }
        for (int i = 1; i < segments.size(); i++) {
            String segment = segments.get(i);
            String parent = String.join(".", segments.subList(0, i));
            if (!(value instanceof Map<?, ?> map)) {
                throw error(mark, "'" + parent + "' is " + kind(value) + " and has no '" + segment + "'.");
            }
            if (!map.containsKey(segment)) {
                throw error(mark, "'" + parent + "' has no '" + segment + "'" + suggestion(segment, keys(map))
                        + "; it has " + String.join(", ", keys(map)) + ".");
            }
            value = map.get(segment);
        }
        check(value, path, mark);
        return value;
    }

    private void check(Object value, Node.Path path, Node.Mark mark) {
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof List<?>
                || value instanceof Map<?, ?>)) {
            throw error(mark, "'" + path.text() + "' holds a " + (value == null ? "null" : value.getClass().getSimpleName())
                    + "; a template context holds only maps, lists, strings, numbers and booleans.");
        }
    }

    private String text(Object value, Node.Path path, Node.Mark mark) {
        return switch (value) {
            case String string -> string;
            case Boolean bool -> bool.toString();
            case Integer number -> number.toString();
            case Long number -> number.toString();
            case Number number -> new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
            default -> throw error(mark, "'" + path.text() + "' is " + kind(value) + " and cannot be printed; "
                    + (value instanceof List<?> ? "iterate it with {{#each " + path.text() + "}}." : "print one of its fields, such as {{"
                            + path.text() + "." + keys((Map<?, ?>) value).stream().findFirst().orElse("name") + "}}."));
        };
    }

    private boolean truthy(Object value, Node.Mark mark) {
        return switch (value) {
            case Boolean bool -> bool;
            case String string -> !string.isEmpty();
            case Number number -> number.doubleValue() != 0;
            case List<?> items -> !items.isEmpty();
            case Map<?, ?> map -> !map.isEmpty();
            default -> throw error(mark, "a value of type " + value.getClass().getSimpleName() + " is not allowed in a context.");
        };
    }

    private static String kind(Object value) {
        return switch (value) {
            case List<?> ignored -> "a list";
            case Map<?, ?> ignored -> "an object";
            case String ignored -> "text";
            case Boolean ignored -> "a boolean";
            case Number ignored -> "a number";
            default -> "a " + value.getClass().getSimpleName();
        };
    }

    private static List<String> keys(Map<?, ?> map) {
        TreeSet<String> keys = new TreeSet<>();
        map.keySet().forEach(key -> keys.add(String.valueOf(key)));
        return List.copyOf(keys);
    }

    private static List<String> names(List<Frame> frames) {
        TreeSet<String> names = new TreeSet<>();
        for (Frame frame : frames) {
            if (frame.item() instanceof Map<?, ?> map) {
                names.addAll(keys(map));
            }
        }
        return List.copyOf(names);
    }

    private static String suggestion(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(word.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(2, word.length() / 3) ? " (did you mean '" + best + "'?)" : "";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private TemplateException error(Node.Mark mark, String message) {
        return new TemplateException(name, mark.line(), mark.column(), message);
    }
}
