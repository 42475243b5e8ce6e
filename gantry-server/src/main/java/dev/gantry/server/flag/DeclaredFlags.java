package dev.gantry.server.flag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.plan.FlagDeclaration;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.plan.Rollout;
import dev.gantry.server.auth.Principal;
import dev.gantry.server.http.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Creates the flags a pushed plan declares ({@code flags:}, {@code rollout.flag},
 * {@code rollout.activation[].flag}) in every environment where they do not exist yet: targeting
 * off, serving the variation of the declared default, salt = key. A flag that exists is never
 * touched. Each creation is a flag change like any other ({@code flag.create}, audited as done by
 * the pusher). Thread-safe.
 */
public final class DeclaredFlags {
    private final FlagService flags;
    private final Environments environments;

    /**
     * One flag created by a push, or one that could not be.
     *
     * @param environment where
     * @param key the flag
     * @param problem empty when created, else why not
     */
    public record Outcome(String environment, String key, String problem) {}

    /**
     * @param flags the flag service
     * @param environments the environments
     */
    public DeclaredFlags(FlagService flags, Environments environments) {
        this.flags = flags;
        this.environments = environments;
    }

    /**
     * @param by the pusher
     * @param plan the pushed plan
     * @return the flags created (and any that could not be), in environment then plan order
     */
    public List<Outcome> create(Principal by, ReleasePlan plan) {
        Map<String, ObjectNode> wanted = definitions(plan);
        List<Outcome> out = new ArrayList<>();
        for (String env : environments.names()) {
            for (Map.Entry<String, ObjectNode> e : wanted.entrySet()) {
                try {
                    if (flags.createIfAbsent(by, env, e.getKey(), e.getValue())) {
                        out.add(new Outcome(env, e.getKey(), ""));
                    }
                } catch (ApiException ex) {
                    out.add(new Outcome(env, e.getKey(), ex.getMessage()));
                }
            }
        }
        return List.copyOf(out);
    }

    /** @return the flag object of each declared flag, by key, in plan order */
    static Map<String, ObjectNode> definitions(ReleasePlan plan) {
        Map<String, ObjectNode> defs = new LinkedHashMap<>();
        for (FlagDeclaration d : plan.flags()) {
            defs.put(d.key(), definition(d));
        }
        plan.rollout().ifPresent(r -> {
            defs.computeIfAbsent(r.flag(), DeclaredFlags::booleanOff);
            for (Rollout.Activation a : r.activation()) {
                defs.computeIfAbsent(a.flag(), DeclaredFlags::booleanOff);
            }
        });
        return defs;
    }

    private static ObjectNode definition(FlagDeclaration d) {
        ObjectNode def = FlagJson.MAPPER.createObjectNode();
        def.put("type", d.kind().name().toLowerCase(Locale.ROOT));
        def.put("on", false);
        def.put("salt", d.key());
        ArrayNode variations = def.putArray("variations");
        String off = null;
        for (Map.Entry<String, JsonNode> v : d.variations().entrySet()) {
            variations.addObject().put("name", v.getKey()).set("value", v.getValue());
            if (off == null && v.getValue().equals(d.defaultValue())) {
                off = v.getKey();
            }
        }
        if (off == null) { // the loader makes the default one of the variations; keep the first otherwise
            off = d.variations().keySet().iterator().next();
        }
        def.put("offVariation", off);
        def.putObject("fallthrough").put("variation", off);
        return def;
    }

    private static ObjectNode booleanOff(String key) {
        ObjectNode def = FlagJson.MAPPER.createObjectNode();
        def.put("type", "boolean");
        def.put("on", false);
        def.put("salt", key);
        ArrayNode variations = def.putArray("variations");
        variations.addObject().put("name", "on").put("value", true);
        variations.addObject().put("name", "off").put("value", false);
        def.put("offVariation", "off");
        def.putObject("fallthrough").put("variation", "off");
        return def;
    }
}
