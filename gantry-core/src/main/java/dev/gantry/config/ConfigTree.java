package dev.gantry.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A deployment configuration file (YAML or JSON) flattened to leaf paths, so two versions can
 * be compared value by value. List items that carry an identity ({@code name},
 * {@code revisionName}, {@code tag}, {@code containerPort}) are addressed by it
 * ({@code containers[api]}), so reordering a list is not a change; other items by index.
 *
 * @param leaves every scalar leaf by path, in file order
 */
public record ConfigTree(Map<String, Object> leaves) {
    private static final List<String> IDENTITIES = List.of("name", "revisionName", "tag", "containerPort", "mountPath");

    public ConfigTree {
        leaves = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(leaves));
    }

    /** The tree of {@code text}, or a one-sentence reason it cannot be read. */
    public static Result parse(String text) {
        LoadSettings settings = LoadSettings.builder().setMaxAliasesForCollections(50).setCodePointLimit(8 * 1024 * 1024)
                .setAllowDuplicateKeys(false).build();
        Object root;
        try {
            List<Object> documents = new ArrayList<>();
            new Load(settings).loadAllFromString(text).forEach(documents::add);
            root = documents.size() == 1 ? documents.get(0) : documents;
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(mark -> mark.getLine() + 1).orElse(1);
            return new Result.Unreadable("line " + line + ": not valid YAML or JSON (" + e.getProblem() + ")");
        } catch (YamlEngineException e) {
            return new Result.Unreadable("not valid YAML or JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        Map<String, Object> leaves = new LinkedHashMap<>();
        flatten("", root, leaves, 0);
        return new Result.Read(new ConfigTree(leaves));
    }

    /** A parse outcome. */
    public sealed interface Result {
        /** The file was read. */
        record Read(ConfigTree tree) implements Result {}

        /** The file could not be read, and why. */
        record Unreadable(String reason) implements Result {}
    }

    private static void flatten(String path, Object node, Map<String, Object> leaves, int depth) {
        if (depth > 64) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                leaves.put(path, Map.of());
            }
            map.forEach((key, value) -> flatten(path.isEmpty() ? String.valueOf(key) : path + "." + key, value, leaves,
                    depth + 1));
        } else if (node instanceof List<?> list) {
            if (list.isEmpty()) {
                leaves.put(path, List.of());
            }
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                flatten(path + "[" + identity(item).orElse(Integer.toString(i)) + "]", item, leaves, depth + 1);
            }
        } else {
            leaves.put(path, node == null ? "null" : node);
        }
    }

    private static Optional<String> identity(Object item) {
        if (item instanceof Map<?, ?> map) {
            for (String key : IDENTITIES) {
                Object value = map.get(key);
                if (value != null && !(value instanceof Map) && !(value instanceof List)) {
                    return Optional.of(String.valueOf(value));
                }
            }
            if (Boolean.TRUE.equals(map.get("latestRevision"))) {
                return Optional.of("latest");
            }
        }
        return Optional.empty();
    }
}
