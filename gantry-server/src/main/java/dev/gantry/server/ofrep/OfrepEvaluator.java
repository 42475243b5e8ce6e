package dev.gantry.server.ofrep;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gantry.flags.EvaluationContext;
import dev.gantry.flags.EvaluationDetail;
import dev.gantry.flags.Flag;
import dev.gantry.flags.JsonValue;
import dev.gantry.flags.Rule;
import dev.gantry.flags.Serve;
import dev.gantry.flags.Snapshot;
import dev.gantry.server.auth.Secrets;
import dev.gantry.server.flag.SnapshotHub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OFREP evaluation independent of the HTTP layer: request body bytes in, status and response
 * body bytes out, per the OFREP OpenAPI specification. Per environment it keeps the snapshot in
 * force prepared (flags by key, whether each splits by targeting key) and rebuilds that only when
 * the hub's snapshot changes, so an evaluation parses the context, evaluates and writes JSON with
 * a streaming generator. Evaluation errors answer in OFREP's body format. Thread-safe.
 */
final class OfrepEvaluator {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final JsonFactory JSON = MAPPER.getFactory();

    private final SnapshotHub hub;
    private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();

    /** An evaluation answer: status, body, and the bulk ETag (empty string when none). */
    record Answer(int status, byte[] body, String etag) {}

    /** A request that cannot be evaluated: an OFREP error code and its details. */
    private static final class OfrepError extends RuntimeException {
        final String code;

        OfrepError(String code, String details) {
            super(details, null, false, false);
            this.code = code;
        }
    }

    /** One environment's snapshot, prepared for evaluation. */
    private record Prepared(Snapshot snapshot, Map<String, PreparedFlag> flags, List<PreparedFlag> ordered) {
        static Prepared of(Snapshot snapshot) {
            Map<String, PreparedFlag> byKey = new HashMap<>();
            List<PreparedFlag> ordered = new ArrayList<>();
            for (Flag f : snapshot.flags()) {
                PreparedFlag p = new PreparedFlag(f, needsTargetingKey(f));
                byKey.put(f.key(), p);
                ordered.add(p);
            }
            return new Prepared(snapshot, Map.copyOf(byKey), List.copyOf(ordered));
        }
    }

    private record PreparedFlag(Flag flag, boolean needsTargetingKey) {}

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

    /** @param hub the snapshots in force */
    OfrepEvaluator(SnapshotHub hub) {
        this.hub = hub;
    }

    private Prepared prepared(String environment) {
        Snapshot current = hub.current(environment);
        Prepared p = prepared.get(environment);
        if (p == null || p.snapshot() != current) {
            p = Prepared.of(current);
            prepared.put(environment, p);
        }
        return p;
    }

    /** Evaluates one flag: 200, 404 (FLAG_NOT_FOUND) or 400 with an OFREP error body. */
    Answer single(String environment, String flagKey, byte[] body) {
        Prepared p = prepared(environment);
        try {
            ContextInput input = context(body);
            PreparedFlag flag = p.flags().get(flagKey);
            if (flag == null) {
                return new Answer(404, error(flagKey, "FLAG_NOT_FOUND", "No flag '" + flagKey + "' in this environment."), "");
            }
            ByteArrayBuilder out = new ByteArrayBuilder(256);
            boolean ok;
            try (JsonGenerator g = JSON.createGenerator(out)) {
                ok = evaluate(g, p.snapshot(), flag, input);
            }
            return new Answer(ok ? 200 : 400, out.toByteArray(), "");
        } catch (OfrepError e) {
            return new Answer(400, error(flagKey, e.code, e.getMessage()), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Evaluates every flag: 200 with {@code flags}, 304 when {@code ifNoneMatch} names the
     * answer's ETag (snapshot version and context), or 400 with an OFREP error body.
     */
    Answer bulk(String environment, byte[] body, String ifNoneMatch) {
        Prepared p = prepared(environment);
        ContextInput input;
        String etag;
        try {
            input = context(body);
            etag = "\"" + p.snapshot().version() + "-" + input.fingerprint() + "\"";
        } catch (OfrepError e) {
            return new Answer(400, bulkError(e.code, e.getMessage()), "");
        }
        if (ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(",")).map(String::trim).anyMatch(etag::equals)) {
            return new Answer(304, new byte[0], etag);
        }
        ByteArrayBuilder out = new ByteArrayBuilder(1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("flags");
            for (PreparedFlag f : p.ordered()) {
                evaluate(g, p.snapshot(), f, input);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Answer(200, out.toByteArray(), etag);
    }

    private static ContextInput context(byte[] bytes) {
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
            List<Object> list = new ArrayList<>();
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

    /** Writes one flag's evaluation object; @return false when it is an error object. */
    private static boolean evaluate(JsonGenerator g, Snapshot snapshot, PreparedFlag prepared, ContextInput input)
            throws IOException {
        Flag flag = prepared.flag();
        String key = flag.key();
        if (!input.hasTargetingKey() && flag.on() && prepared.needsTargetingKey()) {
            writeError(g, key, "TARGETING_KEY_MISSING",
                    "Flag '" + key + "' splits by targeting key; send 'targetingKey' in the context.");
            return false;
        }
        EvaluationContext c = input.context();
        EvaluationDetail<?> d = switch (flag.type()) {
            case BOOLEAN -> snapshot.booleanDetail(key, c, false);
            case STRING -> snapshot.stringDetail(key, c, "");
            case NUMBER -> snapshot.numberDetail(key, c, 0);
            case JSON -> snapshot.jsonDetail(key, c, JsonValue.NULL);
        };
        if (d.isError()) {
            writeError(g, key, "GENERAL", "Flag '" + key + "' cannot be evaluated: " + d.errorMessage().orElse("unknown error"));
            return false;
        }
        g.writeStartObject();
        g.writeStringField("key", key);
        g.writeFieldName("value");
        value(g, d.value());
        g.writeStringField("reason", switch (d.reason()) {
            case OFF -> "DISABLED";
            case TARGET_MATCH, RULE_MATCH -> "TARGETING_MATCH";
            case SPLIT -> "SPLIT";
            case DEFAULT, PREREQUISITE_FAILED -> "DEFAULT";
            case ERROR -> "ERROR";
        });
        if (d.variant().isPresent()) {
            g.writeStringField("variant", d.variant().get());
        }
        g.writeObjectFieldStart("metadata");
        g.writeStringField("gantryReason", d.reason().name());
        g.writeStringField("snapshotVersion", snapshot.version());
        if (d.ruleId().isPresent()) {
            g.writeStringField("ruleId", d.ruleId().get());
        }
        g.writeEndObject();
        g.writeEndObject();
        return true;
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

    private static void value(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case Boolean b -> g.writeBoolean(b);
            case String s -> g.writeString(s);
            case Double n -> {
                if (n == Math.rint(n) && Math.abs(n) < 1e15) {
                    g.writeNumber(n.longValue());
                } else {
                    g.writeNumber(n);
                }
            }
            case JsonValue j -> json(g, j);
            default -> g.writeString(String.valueOf(v));
        }
    }

    private static void json(JsonGenerator g, JsonValue j) throws IOException {
        switch (j) {
            case JsonValue.JsonNull n -> g.writeNull();
            case JsonValue.JsonBoolean b -> g.writeBoolean(b.value());
            case JsonValue.JsonNumber n -> value(g, n.value());
            case JsonValue.JsonString s -> g.writeString(s.value());
            case JsonValue.JsonArray a -> {
                g.writeStartArray();
                for (JsonValue e : a.elements()) {
                    json(g, e);
                }
                g.writeEndArray();
            }
            case JsonValue.JsonObject o -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                    g.writeFieldName(e.getKey());
                    json(g, e.getValue());
                }
                g.writeEndObject();
            }
        }
    }

    private static void writeError(JsonGenerator g, String key, String code, String details) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", key);
        g.writeStringField("errorCode", code);
        g.writeStringField("errorDetails", details);
        g.writeEndObject();
    }

    private static byte[] error(String key, String code, String details) {
        return MAPPER.createObjectNode().put("key", key).put("errorCode", code).put("errorDetails", details)
                .toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] bulkError(String code, String details) {
        return MAPPER.createObjectNode().put("errorCode", code).put("errorDetails", details)
                .toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
