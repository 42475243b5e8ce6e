package dev.gantry.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.gate.PrometheusClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A rollout's status as text: a headline, one line per phase with a progress bar, one per guard. */
final class RolloutView {
    static final int BAR = 20;

    private RolloutView() {}

    /** The status as lines. */
    static List<String> lines(JsonNode s) {
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder();
        head.append(s.path("product").asText()).append(' ').append(s.path("version").asText())
                .append(" (revision ").append(s.path("revision").asLong()).append(") in ")
                .append(s.path("environment").asText()).append(": ").append(s.path("state").asText())
                .append(", flag ").append(s.path("flag").asText()).append(" at ").append(percent(s.path("percent").asDouble()));
        if (s.hasNonNull("pausedReason")) {
            head.append(" (").append(s.get("pausedReason").asText()).append(')');
        }
        if (s.hasNonNull("awaitingApproval")) {
            head.append(" (waiting for approval by ").append(s.get("awaitingApproval").asText()).append(')');
        }
        if (s.hasNonNull("cause")) {
            head.append(" (").append(s.get("cause").asText()).append(')');
        }
        lines.add(head.toString());
        JsonNode phases = s.path("phases");
        for (int i = 0; i < phases.size(); i++) {
            JsonNode p = phases.get(i);
            String status = p.path("status").asText();
            double fill = switch (status) {
                case "done" -> 1;
                case "current" -> progress(p, s.path("holdRemainingMs"));
                default -> 0;
            };
            StringBuilder line = new StringBuilder("  ");
            line.append(String.format(Locale.ROOT, "%-10s %5s [", p.path("name").asText(), percent(p.path("percent").asDouble())));
            int filled = (int) Math.round(fill * BAR);
            line.append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ").append(status);
            if (status.equals("current") && s.hasNonNull("holdRemainingMs")) {
                line.append(", hold ").append(seconds(s.get("holdRemainingMs").asLong())).append(" left");
            }
            lines.add(line.toString());
        }
        for (JsonNode g : s.path("guards")) {
            StringBuilder line = new StringBuilder("  guard ").append(g.path("id").asText()).append(": ");
            if (g.hasNonNull("value")) {
                line.append(PrometheusClient.format(g.get("value").asDouble()));
            } else if (g.hasNonNull("healthy")) {
                line.append(g.get("healthy").asBoolean() ? "up" : "down");
            } else {
                line.append("no value");
            }
            if (g.hasNonNull("threshold")) {
                line.append(" (breach when ").append(g.get("threshold").asText())
                        .append(g.hasNonNull("for") ? " for " + g.get("for").asText() : "").append(')');
            }
            line.append(' ').append(g.path("status").asText());
            if (g.hasNonNull("detail")) {
                line.append(": ").append(g.get("detail").asText());
            }
            lines.add(line.toString());
        }
        return lines;
    }

    static boolean finished(JsonNode s) {
        String state = s.path("state").asText();
        return state.equals("completed") || state.equals("rolled-back");
    }

    private static double progress(JsonNode phase, JsonNode remainingMs) {
        if (!phase.hasNonNull("hold") || remainingMs.isNull() || remainingMs.isMissingNode()) {
            return 0;
        }
        java.util.Optional<java.time.Duration> hold = dev.gantry.plan.Durations.parse(phase.get("hold").asText());
        if (hold.isEmpty()) {
            return 0;
        }
        double total = hold.get().toMillis();
        return Math.max(0, Math.min(1, (total - remainingMs.asLong()) / total));
    }

    private static String percent(double p) {
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
    }

    private static String seconds(long ms) {
        return dev.gantry.plan.Durations.format(java.time.Duration.ofSeconds((ms + 999) / 1000));
    }
}
