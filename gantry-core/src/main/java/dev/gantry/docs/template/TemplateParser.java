package dev.gantry.docs.template;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns template text into nodes. A block tag ({@code #each}, {@code /if}, {@code else}, a
 * comment) alone on its line takes its line with it, so templates can put blocks on lines of
 * their own without leaving blank lines in the output.
 */
final class TemplateParser {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final List<String> DATA = List.of("@index", "@number", "@first", "@last");

    private final String name;
    private final String source;
    private final int[] lineStarts;

    private TemplateParser(String name, String source) {
        this.name = name;
        this.source = source;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    static List<Node> parse(String name, String source) {
        return new TemplateParser(name, source).parse();
    }

    /** A block being filled: its opening tag and the nodes of its current branch. */
    private static final class Open {
        final String kind;
        final Node.Path path;
        final Node.Mark mark;
        final List<Node> first = new ArrayList<>();
        final List<Node> second = new ArrayList<>();
        boolean inElse;

        Open(String kind, Node.Path path, Node.Mark mark) {
            this.kind = kind;
            this.path = path;
            this.mark = mark;
        }

        List<Node> target() {
            return inElse ? second : first;
        }
    }

    private List<Node> parse() {
        List<Node> root = new ArrayList<>();
        Deque<Open> open = new ArrayDeque<>();
        int pos = 0;
        while (pos < source.length()) {
            int start = source.indexOf("{{", pos);
            if (start < 0) {
                add(open, root, new Node.Text(source.substring(pos)));
                break;
            }
            Node.Mark mark = mark(start);
            boolean longComment = source.startsWith("{{!--", start);
            int close = longComment ? source.indexOf("--}}", start + 5) : source.indexOf("}}", start + 2);
            if (close < 0) {
                throw error(mark, "'{{' is never closed; end the tag with '" + (longComment ? "--}}" : "}}") + "'.");
            }
            int end = close + (longComment ? 4 : 2);
            String tag = source.substring(start + 2, close).strip();
            boolean block = tag.startsWith("#") || tag.startsWith("/") || tag.startsWith("!") || tag.equals("else");
            int textEnd = start;
            int next = end;
            if (block) {
                int lineStart = source.lastIndexOf('\n', start - 1) + 1;
                int lineEnd = source.indexOf('\n', end);
                int afterLine = lineEnd < 0 ? source.length() : lineEnd + 1;
                if (lineStart >= pos && blank(lineStart, start) && blank(end, lineEnd < 0 ? source.length() : lineEnd)) {
                    textEnd = lineStart;
                    next = afterLine;
                }
            }
            if (textEnd > pos) {
                add(open, root, new Node.Text(source.substring(pos, textEnd)));
            }
            pos = next;
            if (tag.startsWith("!")) {
                continue;
            }
            if (tag.startsWith("#")) {
                String[] words = tag.substring(1).strip().split("\\s+");
                String kind = words[0];
                if (!List.of("each", "if", "unless").contains(kind)) {
                    throw error(mark, "unknown block '{{#" + kind + "}}'; the blocks are {{#each}}, {{#if}} and {{#unless}}.");
                }
                if (words.length != 2) {
                    throw error(mark, "'{{#" + kind + "}}' takes exactly one name, as in {{#" + kind
                            + " support.knownIssues}}.");
                }
                open.push(new Open(kind, path(words[1], mark), mark));
            } else if (tag.startsWith("/")) {
                String kind = tag.substring(1).strip();
                if (open.isEmpty()) {
                    throw error(mark, "'{{/" + kind + "}}' closes no block; remove it or open one with {{#" + kind + " ...}}.");
                }
                Open closing = open.pop();
                if (!closing.kind.equals(kind)) {
                    throw error(mark, "'{{/" + kind + "}}' cannot close '{{#" + closing.kind + " " + closing.path.text()
                            + "}}' opened at " + closing.mark.line() + ":" + closing.mark.column() + "; close that with {{/"
                            + closing.kind + "}} first.");
                }
                Node node = kind.equals("each")
                        ? new Node.Each(closing.path, closing.first, closing.second, closing.mark)
                        : new Node.Conditional(closing.path, kind.equals("unless"), closing.first, closing.second, closing.mark);
                add(open, root, node);
            } else if (tag.equals("else")) {
                if (open.isEmpty()) {
                    throw error(mark, "'{{else}}' outside a block; use it inside {{#if}}, {{#unless}} or {{#each}}.");
                }
                if (open.peek().inElse) {
                    throw error(mark, "a second '{{else}}' in '{{#" + open.peek().kind + " " + open.peek().path.text()
                            + "}}'; a block has at most one.");
                }
                open.peek().inElse = true;
            } else {
                add(open, root, new Node.Variable(path(tag, mark), mark));
            }
        }
        if (!open.isEmpty()) {
            Open block = open.peek();
            throw error(block.mark, "'{{#" + block.kind + " " + block.path.text() + "}}' is never closed; add {{/"
                    + block.kind + "}} where it ends.");
        }
        return root;
    }

    private Node.Path path(String text, Node.Mark mark) {
        if (DATA.contains(text)) {
            return new Node.Path(List.of(text), text);
        }
        if (text.startsWith("@")) {
            throw error(mark, "unknown '" + text + "'; inside {{#each}} the item data are " + String.join(", ", DATA) + ".");
        }
        List<String> segments = Arrays.asList(text.split("\\.", -1));
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (!NAME.matcher(segment).matches() || (segment.equals("this") && i > 0)) {
                throw error(mark, "'{{" + text + "}}' is not a name; write a dotted path such as {{release.version}}"
                        + " (templates have no helpers, arguments or method calls).");
            }
        }
        return new Node.Path(segments, text);
    }

    private static void add(Deque<Open> open, List<Node> root, Node node) {
        (open.isEmpty() ? root : open.peek().target()).add(node);
    }

    private boolean blank(int from, int to) {
        for (int i = from; i < to; i++) {
            char c = source.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private Node.Mark mark(int offset) {
        int line = Arrays.binarySearch(lineStarts, offset);
        if (line < 0) {
            line = -line - 2;
        }
        return new Node.Mark(line + 1, offset - lineStarts[line] + 1);
    }

    private TemplateException error(Node.Mark mark, String message) {
        return new TemplateException(name, mark.line(), mark.column(), message);
    }
}
