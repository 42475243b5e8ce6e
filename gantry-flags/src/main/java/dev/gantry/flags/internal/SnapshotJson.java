package dev.gantry.flags.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gantry.flags.Bucketing;
import dev.gantry.flags.Clause;
import dev.gantry.flags.Flag;
import dev.gantry.flags.FlagType;
import dev.gantry.flags.JsonValue;
import dev.gantry.flags.Operator;
import dev.gantry.flags.Prerequisite;
import dev.gantry.flags.Rule;
import dev.gantry.flags.Segment;
import dev.gantry.flags.Serve;
import dev.gantry.flags.SnapshotFormatException;
import dev.gantry.flags.Target;
import dev.gantry.flags.Variation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Maps the snapshot JSON (docs/flags-format.md) to the model and back. Shape problems (missing or
 * unknown fields, wrong JSON types) are reported with the JSON path of the value; the first one
 * found stops the reading. Cross-reference problems are found later by {@link CompiledSnapshot}.
 */
public final class SnapshotJson {
    /** The format version this SDK reads and writes. */
    public static final int FORMAT = 1;

    private SnapshotJson() {
    }

    /**
     * The parts of a snapshot document.
     *
     * @param version the version
     * @param flags the flags in document order
     * @param segments the segments in document order
     */
    public record Parts(String version, List<Flag> flags, List<Segment> segments) {
    }

    /**
     * @param root the parsed document
     * @return version, flags and segments
     * @throws SnapshotFormatException at the first shape problem
     */
    public static Parts read(JsonValue root) {
        Obj o = Obj.of("$", root);
        double format = o.number("format");
        if (format != FORMAT) {
            throw new SnapshotFormatException("$.format: this SDK reads format " + FORMAT + ", got "
                    + JsonTree.toJson(JsonValue.of(format)));
        }
        String version = o.string("version");
        if (version.isBlank()) {
            throw new SnapshotFormatException("$.version: must not be blank");
        }
        List<Flag> flags = o.array("flags", SnapshotJson::flag);
        List<Segment> segments = o.optArray("segments", SnapshotJson::segment);
        o.done();
        return new Parts(version, flags, segments);
    }

    /**
     * Reads a single flag object (used by stream patches).
     *
     * @param path JSON path of the value
     * @param v the value
     * @return the flag
     */
    public static Flag flag(String path, JsonValue v) {
        Obj o = Obj.of(path, v);
        String key = o.name("key");
        String typeName = o.string("type");
        FlagType type = Arrays.stream(FlagType.values()).filter(t -> t.jsonName().equals(typeName)).findFirst()
                .orElseThrow(() -> new SnapshotFormatException(path + ".type: unknown flag type '" + typeName
                        + "'; expected boolean, string, number or json"));
        boolean on = o.bool("on");
        String salt = o.optString("salt").orElse(key);
        List<Variation> variations = o.array("variations", (p, e) -> {
            Obj vo = Obj.of(p, e);
            Variation var = new Variation(vo.name("name"), vo.value("value"));
            vo.done();
            return var;
        });
        String off = o.name("offVariation");
        List<Prerequisite> prerequisites = o.optArray("prerequisites", (p, e) -> {
            Obj po = Obj.of(p, e);
            Prerequisite pre = new Prerequisite(po.name("flag"), po.name("variation"));
            po.done();
            return pre;
        });
        List<Target> targets = o.optArray("targets", (p, e) -> {
            Obj to = Obj.of(p, e);
            Target t = new Target(to.name("variation"), to.array("keys", SnapshotJson::stringElement));
            to.done();
            return t;
        });
        List<Rule> rules = o.optArray("rules", (p, e) -> {
            Obj ro = Obj.of(p, e);
            Rule r = new Rule(ro.name("id"), ro.array("clauses", SnapshotJson::clause), serve(p + ".serve", ro.value("serve")));
            ro.done();
            return r;
        });
        Serve fallthrough = serve(path + ".fallthrough", o.value("fallthrough"));
        o.done();
        return new Flag(key, type, on, salt, variations, off, prerequisites, targets, rules, fallthrough);
    }

    /**
     * Reads a single segment object (used by stream patches).
     *
     * @param path JSON path of the value
     * @param v the value
     * @return the segment
     */
    public static Segment segment(String path, JsonValue v) {
        Obj o = Obj.of(path, v);
        Segment s = new Segment(o.name("key"),
                o.optArray("included", SnapshotJson::stringElement),
                o.optArray("excluded", SnapshotJson::stringElement),
                o.optArray("rules", (p, e) -> {
                    Obj ro = Obj.of(p, e);
                    Segment.SegmentRule r = new Segment.SegmentRule(ro.name("id"), ro.array("clauses", SnapshotJson::clause));
                    ro.done();
                    return r;
                }));
        o.done();
        return s;
    }

    private static String stringElement(String path, JsonValue v) {
        if (v instanceof JsonValue.JsonString s) {
            return s.value();
        }
        throw new SnapshotFormatException(path + ": expected a string, got " + v.typeName());
    }

    private static Clause clause(String path, JsonValue v) {
        Obj o = Obj.of(path, v);
        String opName = o.string("op");
        Operator op = Operator.fromJsonName(opName).orElseThrow(() -> new SnapshotFormatException(path
                + ".op: unknown operator '" + opName + "'; expected one of " + operatorNames()));
        String attribute = op.isSegmentOperator() ? o.optString("attribute").orElse("") : o.name("attribute");
        List<JsonValue> values = o.array("values", (p, e) -> e);
        boolean negate = o.optBool("negate", false);
        o.done();
        return new Clause(attribute, op, values, negate);
    }

    private static String operatorNames() {
        List<String> names = new ArrayList<>();
        for (Operator op : Operator.values()) {
            names.add(op.jsonName());
        }
        return String.join(", ", names);
    }

    private static Serve serve(String path, JsonValue v) {
        Obj o = Obj.of(path, v);
        boolean hasVariation = o.has("variation");
        boolean hasSplit = o.has("split");
        if (hasVariation == hasSplit) {
            throw new SnapshotFormatException(path + ": give exactly one of 'variation' (a fixed variation) or 'split'"
                    + " (weighted variations)");
        }
        Serve s;
        if (hasVariation) {
            s = new Serve.Fixed(o.name("variation"));
        } else {
            List<Serve.WeightedVariation> weights = o.array("split", (p, e) -> {
                Obj wo = Obj.of(p, e);
                String var = wo.name("variation");
                double w = wo.number("weight");
                if (w != Math.rint(w) || w < 0 || w > Bucketing.SCALE) {
                    throw new SnapshotFormatException(p + ".weight: must be a whole number from 0 to " + Bucketing.SCALE
                            + " (100000 = 100%), got " + JsonTree.toJson(JsonValue.of(w)));
                }
                wo.done();
                return new Serve.WeightedVariation(var, (int) w);
            });
            s = new Serve.Split(weights, o.optString("bucketBy").map(b -> {
                if (b.isBlank()) {
                    throw new SnapshotFormatException(path + ".bucketBy: must not be blank; omit it to bucket by the targeting key");
                }
                return b;
            }));
        }
        o.done();
        return s;
    }

    /**
     * Writes a snapshot in the documented format.
     *
     * @param g generator
     * @param version snapshot version
     * @param flags flags
     * @param segments segments
     * @throws IOException from the generator
     */
    public static void write(JsonGenerator g, String version, List<Flag> flags, List<Segment> segments) throws IOException {
        g.writeStartObject();
        g.writeNumberField("format", FORMAT);
        g.writeStringField("version", version);
        g.writeArrayFieldStart("flags");
        for (Flag f : flags) {
            writeFlag(g, f);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("segments");
        for (Segment s : segments) {
            writeSegment(g, s);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * @param g generator
     * @param f flag
     * @throws IOException from the generator
     */
    public static void writeFlag(JsonGenerator g, Flag f) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", f.key());
        g.writeStringField("type", f.type().jsonName());
        g.writeBooleanField("on", f.on());
        g.writeStringField("salt", f.salt());
        g.writeArrayFieldStart("variations");
        for (Variation v : f.variations()) {
            g.writeStartObject();
            g.writeStringField("name", v.name());
            g.writeFieldName("value");
            JsonTree.write(g, v.value());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("offVariation", f.offVariation());
        g.writeArrayFieldStart("prerequisites");
        for (Prerequisite p : f.prerequisites()) {
            g.writeStartObject();
            g.writeStringField("flag", p.flag());
            g.writeStringField("variation", p.variation());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("targets");
        for (Target t : f.targets()) {
            g.writeStartObject();
            g.writeStringField("variation", t.variation());
            writeStrings(g, "keys", t.keys());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("rules");
        for (Rule r : f.rules()) {
            g.writeStartObject();
            g.writeStringField("id", r.id());
            writeClauses(g, r.clauses());
            g.writeFieldName("serve");
            writeServe(g, r.serve());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName("fallthrough");
        writeServe(g, f.fallthrough());
        g.writeEndObject();
    }

    /**
     * @param g generator
     * @param s segment
     * @throws IOException from the generator
     */
    public static void writeSegment(JsonGenerator g, Segment s) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", s.key());
        writeStrings(g, "included", s.included());
        writeStrings(g, "excluded", s.excluded());
        g.writeArrayFieldStart("rules");
        for (Segment.SegmentRule r : s.rules()) {
            g.writeStartObject();
            g.writeStringField("id", r.id());
            writeClauses(g, r.clauses());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String s : values) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    private static void writeClauses(JsonGenerator g, List<Clause> clauses) throws IOException {
        g.writeArrayFieldStart("clauses");
        for (Clause c : clauses) {
            g.writeStartObject();
            if (!c.attribute().isEmpty()) {
                g.writeStringField("attribute", c.attribute());
            }
            g.writeStringField("op", c.op().jsonName());
            g.writeArrayFieldStart("values");
            for (JsonValue v : c.values()) {
                JsonTree.write(g, v);
            }
            g.writeEndArray();
            if (c.negate()) {
                g.writeBooleanField("negate", true);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeServe(JsonGenerator g, Serve s) throws IOException {
        g.writeStartObject();
        switch (s) {
            case Serve.Fixed f -> g.writeStringField("variation", f.variation());
            case Serve.Split sp -> {
                g.writeArrayFieldStart("split");
                for (Serve.WeightedVariation w : sp.weights()) {
                    g.writeStartObject();
                    g.writeStringField("variation", w.variation());
                    g.writeNumberField("weight", w.weight());
                    g.writeEndObject();
                }
                g.writeEndArray();
                if (sp.bucketBy().isPresent()) {
                    g.writeStringField("bucketBy", sp.bucketBy().get());
                }
            }
        }
        g.writeEndObject();
    }

    /** A JSON object being read: tracks which members were consumed so unknown ones are reported. */
    public static final class Obj {
        private final String path;
        private final JsonValue.JsonObject object;
        private final Set<String> seen = new HashSet<>();

        private Obj(String path, JsonValue.JsonObject object) {
            this.path = path;
            this.object = object;
        }

        /**
         * @param path JSON path
         * @param v value that must be an object
         * @return the reader
         */
        public static Obj of(String path, JsonValue v) {
            if (v instanceof JsonValue.JsonObject o) {
                return new Obj(path, o);
            }
            throw new SnapshotFormatException(path + ": expected an object, got " + v.typeName());
        }

        /** @param key member name @return whether present */
        public boolean has(String key) {
            return object.members().containsKey(key);
        }

        /** @param key member name @return the value @throws SnapshotFormatException if missing */
        public JsonValue value(String key) {
            JsonValue v = object.members().get(key);
            if (v == null) {
                throw new SnapshotFormatException(path + ": missing required field '" + key + "'");
            }
            seen.add(key);
            return v;
        }

        /** @param key member name @return the string */
        public String string(String key) {
            JsonValue v = value(key);
            if (v instanceof JsonValue.JsonString s) {
                return s.value();
            }
            throw new SnapshotFormatException(path + "." + key + ": expected a string, got " + v.typeName());
        }

        /** @param key member name @return the non-blank string */
        public String name(String key) {
            String s = string(key);
            if (s.isBlank()) {
                throw new SnapshotFormatException(path + "." + key + ": must not be blank");
            }
            return s;
        }

        /** @param key member name @return the string, if present */
        public Optional<String> optString(String key) {
            return has(key) ? Optional.of(string(key)) : Optional.empty();
        }

        /** @param key member name @return the number */
        public double number(String key) {
            JsonValue v = value(key);
            if (v instanceof JsonValue.JsonNumber n) {
                return n.value();
            }
            throw new SnapshotFormatException(path + "." + key + ": expected a number, got " + v.typeName());
        }

        /** @param key member name @return the boolean */
        public boolean bool(String key) {
            JsonValue v = value(key);
            if (v instanceof JsonValue.JsonBoolean b) {
                return b.value();
            }
            throw new SnapshotFormatException(path + "." + key + ": expected true or false, got " + v.typeName());
        }

        /** @param key member name @param dflt when absent @return the boolean */
        public boolean optBool(String key, boolean dflt) {
            return has(key) ? bool(key) : dflt;
        }

        /**
         * @param key member name
         * @param element maps (path, element) to a T
         * @param <T> element type
         * @return the mapped elements
         */
        public <T> List<T> array(String key, BiFunction<String, JsonValue, T> element) {
            JsonValue v = value(key);
            if (!(v instanceof JsonValue.JsonArray a)) {
                throw new SnapshotFormatException(path + "." + key + ": expected an array, got " + v.typeName());
            }
            List<T> out = new ArrayList<>(a.elements().size());
            for (int i = 0; i < a.elements().size(); i++) {
                out.add(element.apply(path + "." + key + "[" + i + "]", a.elements().get(i)));
            }
            return out;
        }

        /**
         * @param key member name
         * @param element maps (path, element) to a T
         * @param <T> element type
         * @return the mapped elements, empty when absent
         */
        public <T> List<T> optArray(String key, BiFunction<String, JsonValue, T> element) {
            return has(key) ? array(key, element) : List.of();
        }

        /** @throws SnapshotFormatException naming the first member that was not read */
        public void done() {
            for (String k : object.members().keySet()) {
                if (!seen.contains(k)) {
                    throw new SnapshotFormatException(path + "." + k + ": unknown field '" + k + "'");
                }
            }
        }
    }
}
