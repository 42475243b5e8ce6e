package dev.gantry.server.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.plan.Durations;
import dev.gantry.plan.Rollout;
import dev.gantry.rollout.GuardStatus;
import dev.gantry.rollout.RolloutEvent;
import dev.gantry.rollout.RolloutState;
import dev.gantry.server.http.JsonBody;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A rollout's status as the API, the CLI's watch and the dashboard show it. Stateless. */
final class RolloutStatus {
    static final int RECENT_EVENTS = 20;

    private RolloutStatus() {}

    /**
     * @param row the rollout
     * @param spec the plan's rollout
     * @param events the history
     * @param readings each guard's latest reading (JSON)
     * @param nextEvaluation when it is evaluated next, if known here
     * @param samples evaluations of the flag SDKs reported since the current phase began
     * @param now the time
     */
    static Map<String, Object> of(RolloutStore.Row row, Rollout spec, List<RolloutStore.Stored> events,
            Map<String, String> readings, Optional<Instant> nextEvaluation, long samples, Instant now) {
        List<RolloutEvent> history = events.stream().map(RolloutStore.Stored::event).toList();
        RolloutState state = RolloutState.replay(spec, history);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", row.id());
        s.put("product", row.product());
        s.put("version", row.version());
        s.put("revision", row.revision());
        s.put("environment", row.environment());
        s.put("flag", spec.flag());
        s.put("state", name(state));
        s.put("startedAt", row.startedAt());
        s.put("startedBy", row.startedBy());
        double percent = 0;
        int current = -1;
        for (RolloutEvent event : history) {
            if (event instanceof RolloutEvent.PhaseEntered entered) {
                percent = entered.percent();
                current = entered.phase();
            }
        }
        if (state instanceof RolloutState.RolledBack) {
            percent = 0;
        }
        s.put("percent", percent);
        RolloutState effective = state instanceof RolloutState.Paused p ? p.resumeTo() : state;
        int phase = switch (effective) {
            case RolloutState.Running r -> r.phase();
            case RolloutState.AwaitingApproval a -> a.phase();
            default -> current;
        };
        s.put("phase", phase < 0 ? null : phase);
        Optional<Long> holdRemaining = Optional.empty();
        if (effective instanceof RolloutState.Running r) {
            Instant end = r.enteredAt().plus(spec.phases().get(r.phase()).hold().orElse(Duration.ZERO));
            Instant reference = state instanceof RolloutState.Paused p ? p.since() : now;
            holdRemaining = Optional.of(Math.max(0, Duration.between(reference, end).toMillis()));
        }
        s.put("holdRemainingMs", holdRemaining.orElse(null));
        Map<String, Object> sampleCounts = new LinkedHashMap<>();
        sampleCounts.put("inPhase", samples);
        sampleCounts.put("minSample", phase < 0 ? 0 : spec.phases().get(phase).minSample());
        s.put("samples", sampleCounts);
        List<Map<String, Object>> phases = new ArrayList<>();
        for (int i = 0; i < spec.phases().size(); i++) {
            Rollout.Phase p = spec.phases().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("percent", p.percent());
            m.put("hold", p.hold().map(Durations::format).orElse(null));
            m.put("minSample", p.minSample());
            m.put("approval", p.approval().orElse(null));
            boolean finished = state instanceof RolloutState.Completed || state instanceof RolloutState.Activating
                    || (state instanceof RolloutState.Paused pp && pp.resumeTo() instanceof RolloutState.Activating);
            m.put("status", finished || i < phase ? "done" : i == phase
                    ? (state instanceof RolloutState.RolledBack ? "rolled-back" : "current") : "pending");
            phases.add(m);
        }
        s.put("phases", phases);
        switch (state) {
            case RolloutState.Paused p -> {
                s.put("pausedReason", p.reason());
                s.put("pausedCause", p.cause().name().toLowerCase(Locale.ROOT));
            }
            case RolloutState.AwaitingApproval a -> s.put("awaitingApproval", a.role());
            case RolloutState.RolledBack r -> {
                s.put("cause", r.cause());
                s.put("automatic", r.automatic());
                s.put("deploymentRolledBack", r.deploymentRollbackAllowed());
            }
            default -> { }
        }
        List<Map<String, Object>> guards = new ArrayList<>();
        for (Rollout.Guard guard : spec.guards()) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("id", guard.id());
            g.put("source", guard.source().name().toLowerCase(Locale.ROOT));
            g.put("action", guard.action().name().toLowerCase(Locale.ROOT));
            g.put("threshold", guard.when().map(t -> t.text()).orElse(null));
            g.put("for", guard.forDuration() == null ? null : Durations.format(guard.forDuration()));
            GuardStatus status = GuardStatus.replay(guard.id(), history);
            g.put("status", switch (status) {
                case GuardStatus.Healthy h -> "healthy";
                case GuardStatus.Breaching b -> "breaching";
                case GuardStatus.Breached b -> "breached";
                case GuardStatus.Inconclusive i -> "inconclusive";
            });
            switch (status) {
                case GuardStatus.Breaching b -> g.put("detail", b.detail());
                case GuardStatus.Breached b -> g.put("detail", b.detail());
                case GuardStatus.Inconclusive i -> g.put("detail", i.reason());
                default -> { }
            }
            Optional.ofNullable(readings.get(guard.id())).map(RolloutStatus::parse).ifPresent(r -> {
                if (r.has("value")) {
                    g.put("value", r.get("value").asDouble());
                }
                if (r.has("healthy")) {
                    g.put("healthy", r.get("healthy").asBoolean());
                }
                g.put("reading", r);
            });
            guards.add(g);
        }
        s.put("guards", guards);
        s.put("nextEvaluationAt", nextEvaluation.map(Instant::toString).orElse(null));
        List<Map<String, Object>> recent = new ArrayList<>();
        for (RolloutStore.Stored stored : events.subList(Math.max(0, events.size() - RECENT_EVENTS), events.size())) {
            recent.add(event(stored));
        }
        s.put("recentEvents", recent);
        return s;
    }

    static Map<String, Object> event(RolloutStore.Stored stored) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("seq", stored.seq());
        JsonNode json = parse(stored.event().toJson());
        e.putAll(JsonBody.mapper().convertValue(json, Map.class));
        return e;
    }

    static String name(RolloutState state) {
        return switch (state) {
            case RolloutState.Pending p -> "pending";
            case RolloutState.Running r -> "running";
            case RolloutState.AwaitingApproval a -> "awaiting-approval";
            case RolloutState.Paused p -> "paused";
            case RolloutState.Activating a -> "activating";
            case RolloutState.Completed c -> "completed";
            case RolloutState.RolledBack r -> "rolled-back";
        };
    }

    private static JsonNode parse(String text) {
        try {
            return JsonBody.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not parse", e);
        }
    }
}
