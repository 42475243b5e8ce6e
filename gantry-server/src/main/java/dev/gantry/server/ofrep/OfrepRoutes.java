package dev.gantry.server.ofrep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.flags.EvaluationContext;
import dev.gantry.flags.EvaluationDetail;
import dev.gantry.flags.Flag;
import dev.gantry.flags.JsonValue;
import dev.gantry.flags.Rule;
import dev.gantry.flags.Serve;
import dev.gantry.flags.Snapshot;
import dev.gantry.server.auth.Authenticator;
import dev.gantry.server.auth.SdkKeyStore;
import dev.gantry.server.auth.Secrets;
import dev.gantry.server.flag.SnapshotHub;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenFeature Remote Evaluation Protocol (OFREP) core endpoints, so OpenFeature's generic
 * OFREP providers evaluate Gantry flags: {@code POST /ofrep/v1/evaluate/flags/{key}} and the
 * bulk {@code POST /ofrep/v1/evaluate/flags} (with ETag and {@code If-None-Match}), both
 * authenticated with an environment's SDK key ({@code Authorization: Bearer} or
 * {@code X-API-Key}). Evaluation uses the in-memory snapshot, with each flag's own type.
 * Evaluation errors answer in OFREP's body format, not as problem details.
 */
public final class OfrepRoutes {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Authenticator auth;
    private final SnapshotHub hub;

    /** A request that cannot be evaluated: an OFREP error code and its details. */
    private static final class OfrepError extends RuntimeException {
        final String code;

        OfrepError(String code, String details) {
            super(details, null, false, false);
            this.code = code;
        }
    }

    /**
     * @param auth authenticator (SDK keys)
     * @param hub current snapshots
     */
    public OfrepRoutes(Authenticator auth, SnapshotHub hub) {
        this.auth = auth;
        this.hub = hub;
    }

    /** Registers the routes. */
    public void register(RoutesConfig r) {
        r.post("/ofrep/v1/evaluate/flags/{key}", this::single);
        r.post("/ofrep/v1/evaluate/flags", this::bulk);
    }

    private void single(Context ctx) {
        SdkKeyStore.KeyInfo key = auth.sdkKey(ctx, true);
        String flagKey = ctx.pathParam("key");
        Snapshot snapshot = hub.current(key.environment());
        ObjectNode body;
        int status;
        try {
            ContextInput input = context(ctx);
            Optional<Flag> flag = snapshot.flag(flagKey);
            if (flag.isEmpty()) {
                body = error(flagKey, "FLAG_NOT_FOUND", "No flag '" + flagKey + "' in this environment.");
                status = 404;
            } else {
                body = evaluate(snapshot, flag.get(), input);
                status = body.has("errorCode") ? 400 : 200;
            }
        } catch (OfrepError e) {
            body = error(flagKey, e.code, e.getMessage());
            status = 400;
        }
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    private void bulk(Context ctx) {
        SdkKeyStore.KeyInfo key = auth.sdkKey(ctx, true);
        Snapshot snapshot = hub.current(key.environment());
        ContextInput input;
        try {
            input = context(ctx);
        } catch (OfrepError e) {
            ObjectNode err = MAPPER.createObjectNode().put("errorCode", e.code).put("errorDetails", e.getMessage());
            ctx.status(400).contentType("application/json").result(err.toString());
            return;
        }
        String etag = "\"" + snapshot.version() + "-" + input.fingerprint() + "\"";
        ctx.header("ETag", etag);
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && java.util.Arrays.stream(ifNoneMatch.split(",")).map(String::trim).anyMatch(etag::equals)) {
            ctx.status(304);
            return;
        }
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode flags = body.putArray("flags");
        for (Flag flag : snapshot.flags()) {
            flags.add(evaluate(snapshot, flag, input));
        }
        ctx.status(200).contentType("application/json").result(body.toString());
    }

    /** The parsed context; the fingerprint (for the bulk ETag) is computed only when asked. */
    private record ContextInput(EvaluationContext context, boolean hasTargetingKey, JsonNode raw) {
        String fingerprint() {
            try {
                return Secrets.sha256(CANONICAL.writeValueAsBytes(MAPPER.convertValue(raw, Object.class))).substring(0, 16);
            } catch (IOException e) {
                throw new OfrepError("GENERAL", "The context cannot be hashed.");
            }
        }
    }

    private static ContextInput context(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        JsonNode root;
        if (bytes.length == 0) {
            root = MAPPER.createObjectNode();
        } else {
            try {
                root = MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new OfrepError("PARSE_ERROR", "The request body is not valid JSON.");
            }
        }
        if (root == null || !root.isObject()) {
            throw new OfrepError("PARSE_ERROR", "The request body must be a JSON object with a 'context' member.");
        }
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!n.equals("context")) {
                throw new OfrepError("PARSE_ERROR", "Unknown field '" + n + "'; the request has only 'context'.");
            }
        }
        JsonNode c = root.path("context");
        if (c.isMissingNode() || c.isNull()) {
            c = MAPPER.createObjectNode();
        }
        if (!c.isObject()) {
            throw new OfrepError("INVALID_CONTEXT", "'context' must be a JSON object.");
        }
        EvaluationContext.Builder b = EvaluationContext.builder();
        boolean hasKey = false;
        for (Map.Entry<String, JsonNode> e : c.properties()) {
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (name.equals(EvaluationContext.TARGETING_KEY)) {
                if (!v.isTextual()) {
                    throw new OfrepError("INVALID_CONTEXT", "'targetingKey' must be a string.");
                }
                b.targetingKey(v.asText());
                hasKey = !v.asText().isEmpty();
                continue;
            }
            if (v.isNull()) {
                continue;
            }
            try {
                b.setObject(name, plain(name, v));
            } catch (IllegalArgumentException ex) {
                throw new OfrepError("INVALID_CONTEXT", "Context attribute '" + name
                        + "' must be a string, number, boolean or a list of those.");
            }
        }
        return new ContextInput(b.build(), hasKey, c);
    }

    private static Object plain(String name, JsonNode v) {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isArray()) {
            java.util.List<Object> list = new java.util.ArrayList<>();
            for (JsonNode x : v) {
                if (x.isArray() || x.isObject() || x.isNull()) {
                    throw new IllegalArgumentException(name);
                }
                list.add(plain(name, x));
            }
            return list;
        }
        throw new IllegalArgumentException(name);
    }

    private static ObjectNode evaluate(Snapshot snapshot, Flag flag, ContextInput input) {
        String key = flag.key();
        if (!input.hasTargetingKey() && flag.on() && needsTargetingKey(flag)) {
            return error(key, "TARGETING_KEY_MISSING",
                    "Flag '" + key + "' splits by targeting key; send 'targetingKey' in the context.");
        }
        EvaluationContext c = input.context();
        EvaluationDetail<?> d = switch (flag.type()) {
            case BOOLEAN -> snapshot.booleanDetail(key, c, false);
            case STRING -> snapshot.stringDetail(key, c, "");
            case NUMBER -> snapshot.numberDetail(key, c, 0);
            case JSON -> snapshot.jsonDetail(key, c, JsonValue.NULL);
        };
        if (d.isError()) {
            return error(key, "GENERAL", "Flag '" + key + "' cannot be evaluated: " + d.errorMessage().orElse("unknown error"));
        }
        ObjectNode out = MAPPER.createObjectNode();
        out.put("key", key);
        out.set("value", value(d.value()));
        out.put("reason", switch (d.reason()) {
            case OFF -> "DISABLED";
            case TARGET_MATCH, RULE_MATCH -> "TARGETING_MATCH";
            case SPLIT -> "SPLIT";
            case DEFAULT, PREREQUISITE_FAILED -> "DEFAULT";
            case ERROR -> "ERROR";
        });
        d.variant().ifPresent(v -> out.put("variant", v));
        ObjectNode meta = out.putObject("metadata");
        meta.put("gantryReason", d.reason().name());
        meta.put("snapshotVersion", snapshot.version());
        d.ruleId().ifPresent(id -> meta.put("ruleId", id));
        return out;
    }

    private static boolean needsTargetingKey(Flag flag) {
        if (splitsByKey(flag.fallthrough())) {
            return true;
        }
        for (Rule r : flag.rules()) {
            if (splitsByKey(r.serve())) {
                return true;
            }
        }
        return false;
    }

    private static boolean splitsByKey(Serve serve) {
        return serve instanceof Serve.Split split && split.bucketBy().isEmpty()
                && split.weights().stream().filter(w -> w.weight() > 0).count() > 1;
    }

    private static JsonNode value(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (v) {
            case Boolean b -> f.booleanNode(b);
            case String s -> f.textNode(s);
            case Double n -> n == Math.rint(n) && Math.abs(n) < 1e15 ? f.numberNode(n.longValue()) : f.numberNode(n);
            case JsonValue j -> json(j);
            default -> f.textNode(String.valueOf(v));
        };
    }

    private static JsonNode json(JsonValue j) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (j) {
            case JsonValue.JsonNull n -> f.nullNode();
            case JsonValue.JsonBoolean b -> f.booleanNode(b.value());
            case JsonValue.JsonNumber n -> value(n.value());
            case JsonValue.JsonString s -> f.textNode(s.value());
            case JsonValue.JsonArray a -> {
                ArrayNode arr = f.arrayNode();
                a.elements().forEach(e -> arr.add(json(e)));
                yield arr;
            }
            case JsonValue.JsonObject o -> {
                ObjectNode obj = f.objectNode();
                o.members().forEach((k, e) -> obj.set(k, json(e)));
                yield obj;
            }
        };
    }

    private static ObjectNode error(String key, String code, String details) {
        return MAPPER.createObjectNode().put("key", key).put("errorCode", code).put("errorDetails", details);
    }
}
