package dev.gantry.flags.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.gantry.flags.JsonValue;
import dev.gantry.flags.SnapshotFormatException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads JSON text into {@link JsonValue} trees and writes them back, with jackson-core's streaming API. */
public final class JsonTree {
    /** Shared, thread-safe factory: duplicate keys rejected, nesting limited. */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
            .build();

    private JsonTree() {
    }

    /**
     * @param json JSON text (UTF-8 bytes)
     * @return the tree
     * @throws SnapshotFormatException when the text is not one well-formed JSON value
     */
    public static JsonValue parse(byte[] json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new SnapshotFormatException("$: the document is empty");
            }
            JsonValue v = read(p, first);
            if (p.nextToken() != null) {
                throw new SnapshotFormatException("$: unexpected content after the JSON value at line "
                        + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr());
            }
            return v;
        } catch (JsonParseException e) {
            throw new SnapshotFormatException("$: not well-formed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SnapshotFormatException("$: could not read the JSON: " + e.getMessage());
        }
    }

    /**
     * Reads the value starting at the current token.
     *
     * @param p the parser
     * @param t the current token
     * @return the value
     * @throws IOException on malformed input
     */
    public static JsonValue read(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> {
                Map<String, JsonValue> members = new LinkedHashMap<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT; n = p.nextToken()) {
                    String name = p.currentName();
                    members.put(name, read(p, p.nextToken()));
                }
                yield new JsonValue.JsonObject(members);
            }
            case START_ARRAY -> {
                List<JsonValue> elements = new ArrayList<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
                    elements.add(read(p, n));
                }
                yield new JsonValue.JsonArray(elements);
            }
            case VALUE_STRING -> new JsonValue.JsonString(p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                double d = p.getDoubleValue();
                if (!Double.isFinite(d)) {
                    throw new JsonParseException(p, "number out of range: " + p.getText());
                }
                yield new JsonValue.JsonNumber(d);
            }
            case VALUE_TRUE -> JsonValue.JsonBoolean.TRUE;
            case VALUE_FALSE -> JsonValue.JsonBoolean.FALSE;
            case VALUE_NULL -> JsonValue.NULL;
            default -> throw new JsonParseException(p, "unexpected token " + t);
        };
    }

    /**
     * @param g generator
     * @param v value to write
     * @throws IOException from the generator
     */
    public static void write(JsonGenerator g, JsonValue v) throws IOException {
        switch (v) {
            case JsonValue.JsonNull n -> g.writeNull();
            case JsonValue.JsonBoolean b -> g.writeBoolean(b.value());
            case JsonValue.JsonNumber n -> {
                double d = n.value();
                if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                    g.writeNumber((long) d);
                } else {
                    g.writeNumber(d);
                }
            }
            case JsonValue.JsonString s -> g.writeString(s.value());
            case JsonValue.JsonArray a -> {
                g.writeStartArray();
                for (JsonValue e : a.elements()) {
                    write(g, e);
                }
                g.writeEndArray();
            }
            case JsonValue.JsonObject o -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
        }
    }

    /**
     * @param v a value
     * @return its compact JSON text
     */
    public static String toJson(JsonValue v) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            write(g, v);
        } catch (IOException e) {
            throw new IllegalStateException("writing to a StringWriter failed", e);
        }
        return w.toString();
    }
}
