package dev.gantry.cli.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.state.StateFile;
import dev.gantry.gate.GateReport;
import dev.gantry.json.GantryJson;
import dev.gantry.signoff.PlanHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The verdict of the last full {@code gantry gate run}, kept in {@code gate.json} beside the
 * state file with the plan revision it judged, so {@code gantry check} can show the real
 * verdict without running checks (which may call services or run commands).
 */
public final class LastGate {
    static final String FILE = "gate.json";

    private LastGate() {}

    /** Records {@code report} for the plan at {@code plan}; failures to write are not fatal. */
    static void record(Path plan, Optional<Path> state, GateReport report) {
        try {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("planHash", PlanHash.of(plan));
            root.put("decidedAt", report.decidedAt().toString());
            root.put("verdict", report.verdict().label());
            root.put("blocking", report.blocking().stream().map(r -> r.item().id()).toList());
            root.put("waived", report.waived().stream().map(w -> w.result().item().id()).toList());
            Path file = location(plan, state);
            Files.createDirectories(file.getParent());
            Files.writeString(file, GantryJson.write(root) + "\n");
        } catch (IOException e) {
            // the verdict was printed; only the memo of it is lost
        }
    }

    /**
     * One line on the last verdict: what it was, when, and whether the plan changed since; or
     * that the gate has not been run.
     */
    public static String describe(Path plan, Optional<Path> state) {
        Path file = location(plan, state);
        if (!Files.isRegularFile(file)) {
            return "not run yet ('gantry gate run " + plan + "' gives it)";
        }
        try {
            JsonNode root = GantryJson.mapper().readTree(file.toFile());
            List<String> parts = new ArrayList<>();
            parts.add(root.path("verdict").asText("?"));
            List<String> blocking = new ArrayList<>();
            root.path("blocking").forEach(id -> blocking.add(id.asText()));
            if (!blocking.isEmpty()) {
                parts.add(blocking.size() + " blocking: " + String.join(", ", blocking.stream().limit(5).toList())
                        + (blocking.size() > 5 ? ", ..." : ""));
            }
            if (root.path("waived").size() > 0) {
                parts.add(root.path("waived").size() + " waived");
            }
            String when = "as of " + root.path("decidedAt").asText("?");
            boolean current = root.path("planHash").asText("").equals(PlanHash.of(plan));
            return String.join("; ", parts) + " (" + when + (current ? ")"
                    : ", but the plan changed since; run 'gantry gate run' again)");
        } catch (IOException e) {
            return "unknown (" + file + " cannot be read; run 'gantry gate run' again)";
        }
    }

    private static Path location(Path plan, Optional<Path> state) {
        return StateFile.locate(plan, state).resolveSibling(FILE);
    }
}
