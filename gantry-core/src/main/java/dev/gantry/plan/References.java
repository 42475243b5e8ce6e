package dev.gantry.plan;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Declared ids and the references to them, checked once the whole plan is read: duplicate ids
 * are reported where the second one stands, dangling references where the reference stands,
 * with the nearest declared id suggested.
 */
final class References {
    /** The kinds of thing a plan declares and refers to. */
    enum Kind {
        ROLE("role", "roles"),
        FLAG("flag", "flags"),
        CHANNEL("notification channel", "notifications"),
        GUARD("guard", "rollout.guards"),
        COMMUNICATION("communication", "communications"),
        CHANGE("change", "changes"),
        MILESTONE("milestone", "milestones"),
        GATE_ITEM("gate item", "gates"),
        ALERT("alert", "monitoring.alerts"),
        METRIC("metric", "monitoring.metrics or successMetrics"),
        VARIABLE("environment variable", "environment"),
        STAGE("deploy stage", "deploy.stages");

        final String words;
        final String section;

        Kind(String words, String section) {
            this.words = words;
            this.section = section;
        }
    }

    private record Use(Kind kind, String id, Position position, String where) {}

    private final Problems problems;
    private final Map<Kind, Map<String, Position>> declared = new EnumMap<>(Kind.class);
    private final List<Use> uses = new ArrayList<>();

    References(Problems problems) {
        this.problems = problems;
    }

    void declare(Kind kind, String id, Position position) {
        if (id.isEmpty()) {
            return;
        }
        Map<String, Position> ids = declared.computeIfAbsent(kind, k -> new LinkedHashMap<>());
        Position first = ids.putIfAbsent(id, position);
        if (first != null) {
            problems.add(position, "duplicate " + kind.words + " id '" + id + "' (first declared at line "
                    + first.line() + ", column " + first.column() + ")", "give each " + kind.words + " its own id");
        }
    }

    void use(Kind kind, String id, Position position, String where) {
        if (!id.isEmpty()) {
            uses.add(new Use(kind, id, position, where));
        }
    }

    boolean isDeclared(Kind kind, String id) {
        return declared.getOrDefault(kind, Map.of()).containsKey(id);
    }

    /** Reports every reference to an id that was never declared. */
    void check() {
        for (Use use : uses) {
            Map<String, Position> ids = declared.getOrDefault(use.kind(), Map.of());
            if (ids.containsKey(use.id())) {
                continue;
            }
            Optional<String> nearest = Suggestions.nearest(use.id(), ids.keySet());
            String fix = nearest.map(id -> "did you mean '" + id + "'?")
                    .orElse(ids.isEmpty()
                            ? "declare it under '" + use.kind().section + "'"
                            : "declare it under '" + use.kind().section + "' or use one of: "
                                    + String.join(", ", ids.keySet()));
            problems.add(use.position(), use.where() + " refers to " + use.kind().words + " '" + use.id()
                    + "', which the plan does not declare", fix);
        }
    }
}
