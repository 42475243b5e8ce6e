package dev.gantry.plan;

import dev.gantry.plan.YamlNode.Entry;
import dev.gantry.plan.YamlNode.YamlList;
import dev.gantry.plan.YamlNode.YamlMap;
import dev.gantry.plan.YamlNode.YamlScalar;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Turns plan text into a {@link YamlNode} tree, refusing hostile documents.
 *
 * <p>YAML anchors and aliases work, and so do merge keys ({@code <<: *defaults}). What does not
 * get through: documents over {@link #MAX_CHARACTERS}, more than {@link #MAX_ALIASES} aliases,
 * an expansion of more than {@link #MAX_EXPANDED_NODES} nodes (the "billion laughs" document
 * stays small on disk and explodes when its aliases are followed), nesting deeper than
 * {@link #MAX_DEPTH}, and recursive aliases. Each refusal is a {@link Problem}, found in
 * milliseconds, before anything is expanded.
 */
final class YamlTree {
    static final int MAX_CHARACTERS = 2 * 1024 * 1024;
    static final int MAX_ALIASES = 200;
    static final int MAX_EXPANDED_NODES = 200_000;
    static final int MAX_DEPTH = 64;

    private final String source;
    private final Problems problems;
    private final Map<Node, YamlNode> converted = new IdentityHashMap<>();
    private final Map<Node, Boolean> inProgress = new IdentityHashMap<>();
    private final Map<Node, Long> sizes = new IdentityHashMap<>();

    private YamlTree(String source, Problems problems) {
        this.source = source;
        this.problems = problems;
    }

    /**
     * Parses {@code text}; returns the document's root, or empty when the text is not a YAML
     * document Gantry will read (the reason is in {@code problems}).
     */
    static Optional<YamlNode> parse(String source, String text, Problems problems) {
        if (text.length() > MAX_CHARACTERS) {
            problems.add(Position.START, "the file is " + text.length() / 1024 + " KiB, larger than the "
                    + MAX_CHARACTERS / 1024 / 1024 + " MiB a release plan may be",
                    "split generated content (long SQL, templates) into the files the plan references");
            return Optional.empty();
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(true) // reported by us, with both positions
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_CHARACTERS + 1)
                .build();
        Optional<Node> root;
        try {
            Iterable<Node> documents = new Compose(settings).composeAllFromString(text);
            List<Node> all = new ArrayList<>();
            for (Node document : documents) {
                all.add(document);
                if (all.size() > 1) {
                    problems.add(Position.of(document.getStartMark()), "the file holds more than one YAML document",
                            "keep one release plan per file and remove the '---' separator");
                    return Optional.empty();
                }
            }
            root = all.stream().findFirst();
        } catch (MarkedYamlEngineException e) {
            Position at = Position.of(e.getProblemMark().or(e::getContextMark));
            problems.add(at, "this is not valid YAML: " + describeYamlProblem(e), yamlFix(e));
            return Optional.empty();
        } catch (YamlEngineException e) {
            problems.add(Position.START, "this is not valid YAML: " + firstLine(e.getMessage()),
                    aliasLimitHit(e) ? "use fewer aliases (at most " + MAX_ALIASES + ")" : "fix the YAML syntax");
            return Optional.empty();
        }
        if (root.isEmpty()) {
            problems.add(Position.START, "the file is empty",
                    "start the plan with 'apiVersion: gantry/v1' and a 'release:' section");
            return Optional.empty();
        }
        YamlTree tree = new YamlTree(source, problems);
        long expanded = tree.expandedSize(root.get(), 0);
        if (expanded < 0) {
            return Optional.empty();
        }
        if (expanded > MAX_EXPANDED_NODES) {
            problems.add(Position.of(root.get().getStartMark()),
                    "the document expands to more than " + MAX_EXPANDED_NODES + " nodes when its aliases are followed",
                    "a release plan needs far fewer; remove the nested aliases that multiply it");
            return Optional.empty();
        }
        return Optional.of(tree.convert(root.get()));
    }

    /** Counts the nodes the document has once aliases are expanded, or -1 after a problem. */
    private long expandedSize(Node node, int depth) {
        if (depth > MAX_DEPTH) {
            problems.add(Position.of(node.getStartMark()), "the document nests deeper than " + MAX_DEPTH + " levels",
                    "flatten the structure; a release plan needs only a few levels");
            return -1;
        }
        Long known = sizes.get(node);
        if (known != null) {
            return known;
        }
        if (inProgress.put(node, Boolean.TRUE) != null) {
            problems.add(Position.of(node.getStartMark()), "a YAML alias refers to a node that contains it",
                    "an anchor cannot be used inside its own value; copy the part you need instead");
            return -1;
        }
        long size = 1;
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                long key = expandedSize(tuple.getKeyNode(), depth + 1);
                long value = key < 0 ? -1 : expandedSize(tuple.getValueNode(), depth + 1);
                if (value < 0) {
                    return -1;
                }
                size = Math.min(Long.MAX_VALUE / 4, size + key + value);
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                long itemSize = expandedSize(item, depth + 1);
                if (itemSize < 0) {
                    return -1;
                }
                size = Math.min(Long.MAX_VALUE / 4, size + itemSize);
            }
        }
        inProgress.remove(node);
        sizes.put(node, size);
        return size;
    }

    private YamlNode convert(Node node) {
        YamlNode done = converted.get(node);
        if (done != null) {
            return done;
        }
        Position position = Position.of(node.getStartMark());
        YamlNode result;
        if (node instanceof MappingNode mapping) {
            result = convertMapping(mapping, position);
        } else if (node instanceof SequenceNode sequence) {
            List<YamlNode> items = new ArrayList<>(sequence.getValue().size());
            for (Node item : sequence.getValue()) {
                items.add(convert(item));
            }
            result = new YamlList(items, position);
        } else {
            ScalarNode scalar = (ScalarNode) node;
            result = new YamlScalar(scalar.getValue(), kindOf(scalar.getTag()), position);
        }
        converted.put(node, result);
        return result;
    }

    private YamlMap convertMapping(MappingNode mapping, Position position) {
        Map<String, Entry> explicit = new LinkedHashMap<>();
        List<YamlMap> merged = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            Position keyPosition = Position.of(keyNode.getStartMark());
            if (!(keyNode instanceof ScalarNode keyScalar)) {
                problems.add(keyPosition, "a key here is " + convert(keyNode).describe() + ", not a name",
                        "use plain names as keys");
                continue;
            }
            String key = keyScalar.getValue();
            YamlNode value = convert(tuple.getValueNode());
            if (key.equals("<<") && keyScalar.getScalarStyle() == ScalarStyle.PLAIN) {
                collectMerge(value, merged);
                continue;
            }
            Entry previous = explicit.get(key);
            if (previous != null) {
                problems.add(keyPosition, "duplicate key '" + key + "' (first at line " + previous.keyPosition().line()
                        + ", column " + previous.keyPosition().column() + ")",
                        "keep one of them; YAML does not merge repeated keys");
                continue;
            }
            explicit.put(key, new Entry(key, keyPosition, value));
        }
        List<Entry> entries = new ArrayList<>(explicit.values());
        for (YamlMap source : merged) {
            for (Entry entry : source.entries()) {
                if (!explicit.containsKey(entry.key())) {
                    explicit.put(entry.key(), entry);
                    entries.add(entry);
                }
            }
        }
        return new YamlMap(entries, position, mapping.getFlowStyle() == org.snakeyaml.engine.v2.common.FlowStyle.FLOW);
    }

    private void collectMerge(YamlNode value, List<YamlMap> merged) {
        if (value instanceof YamlMap map) {
            merged.add(map);
        } else if (value instanceof YamlList list && list.items().stream().allMatch(YamlMap.class::isInstance)) {
            list.items().forEach(item -> merged.add((YamlMap) item));
        } else {
            problems.add(value.position(), "a merge key '<<' takes a map or a list of maps, not " + value.describe(),
                    "write '<<: *anchor' where the anchor names a map");
        }
    }

    private static YamlScalar.Kind kindOf(Tag tag) {
        if (tag.equals(Tag.INT)) {
            return YamlScalar.Kind.INTEGER;
        } else if (tag.equals(Tag.FLOAT)) {
            return YamlScalar.Kind.FLOAT;
        } else if (tag.equals(Tag.BOOL)) {
            return YamlScalar.Kind.BOOLEAN;
        } else if (tag.equals(Tag.NULL)) {
            return YamlScalar.Kind.NULL;
        }
        return YamlScalar.Kind.STRING;
    }

    private static String describeYamlProblem(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? firstLine(e.getMessage()) : e.getProblem();
        String context = e.getContext();
        return context == null || context.isBlank() ? problem : problem + " (" + context + ")";
    }

    private static String yamlFix(MarkedYamlEngineException e) {
        String text = String.valueOf(e.getProblem()).toLowerCase(java.util.Locale.ROOT);
        if (text.contains("tab")) {
            return "indent with spaces, not tabs";
        } else if (text.contains("mapping values are not allowed")) {
            return "quote the value if it contains ': ', or fix the indentation";
        } else if (text.contains("found undefined alias") || text.contains("anchor")) {
            return "define the anchor (&name) before using the alias (*name)";
        } else if (text.contains("aliases") || text.contains("alias")) {
            return "use fewer aliases (at most " + MAX_ALIASES + ")";
        }
        return "check the indentation and quoting around this place";
    }

    private static boolean aliasLimitHit(YamlEngineException e) {
        return String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("alias");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public String toString() {
        return "YamlTree[" + source + "]";
    }
}
