package dev.gantry.flags;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable JSON value: the value of a variation, the value of a JSON flag, or a clause
 * operand. Numbers are IEEE doubles. Objects keep their key order.
 */
public sealed interface JsonValue {

    /** JSON {@code null}. */
    JsonValue NULL = JsonNull.INSTANCE;

    /** @return the JSON type name: null, boolean, number, string, array or object */
    String typeName();

    /** @param value a string @return the JSON string */
    static JsonValue of(String value) {
        return new JsonString(value);
    }

    /** @param value a number @return the JSON number */
    static JsonValue of(double value) {
        return new JsonNumber(value);
    }

    /** @param value a boolean @return the JSON boolean (shared instances) */
    static JsonValue of(boolean value) {
        return value ? JsonBoolean.TRUE : JsonBoolean.FALSE;
    }

    /** JSON null. */
    enum JsonNull implements JsonValue {
        /** the only instance */
        INSTANCE;

        @Override
        public String typeName() {
            return "null";
        }

        @Override
        public String toString() {
            return "null";
        }
    }

    /** @param value the boolean */
    record JsonBoolean(boolean value) implements JsonValue {
        /** shared true */
        public static final JsonBoolean TRUE = new JsonBoolean(true);
        /** shared false */
        public static final JsonBoolean FALSE = new JsonBoolean(false);

        @Override
        public String typeName() {
            return "boolean";
        }

        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /** @param value the number; must be finite */
    record JsonNumber(double value) implements JsonValue {
        /** Rejects NaN and infinities, which JSON cannot represent. */
        public JsonNumber {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a JSON number must be finite, got " + value);
            }
        }

        @Override
        public String typeName() {
            return "number";
        }

        @Override
        public String toString() {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
        }
    }

    /** @param value the string */
    record JsonString(String value) implements JsonValue {
        /** Rejects null. */
        public JsonString {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String typeName() {
            return "string";
        }

        @Override
        public String toString() {
            return '"' + value + '"';
        }
    }

    /** @param elements the elements, copied */
    record JsonArray(List<JsonValue> elements) implements JsonValue {
        /** Copies the elements. */
        public JsonArray {
            elements = List.copyOf(elements);
        }

        @Override
        public String typeName() {
            return "array";
        }

        @Override
        public String toString() {
            return elements.toString();
        }
    }

    /** @param members the members in document order, copied */
    record JsonObject(Map<String, JsonValue> members) implements JsonValue {
        /** Copies the members, keeping their order. */
        public JsonObject {
            Map<String, JsonValue> copy = new LinkedHashMap<>();
            members.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value")));
            members = Collections.unmodifiableMap(copy);
        }

        @Override
        public String typeName() {
            return "object";
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            members.forEach((k, v) -> parts.add('"' + k + "\":" + v));
            return "{" + String.join(",", parts) + "}";
        }
    }
}
