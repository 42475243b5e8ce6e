package dev.gantry.openfeature;

import dev.gantry.flags.JsonValue;
import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts Gantry's {@link JsonValue} to OpenFeature's {@link Value}. Stateless. */
final class JsonValues {

    private JsonValues() {
    }

    /**
     * @param json a Gantry JSON value
     * @return the same value as an OpenFeature value; objects become immutable structures and
     *     arrays unmodifiable lists, so a shared flag value cannot be changed by a caller
     */
    static Value toValue(JsonValue json) {
        return switch (json) {
            case JsonValue.JsonNull n -> new Value();
            case JsonValue.JsonBoolean b -> new Value(b.value());
            case JsonValue.JsonNumber n -> new Value(n.value());
            case JsonValue.JsonString s -> new Value(s.value());
            case JsonValue.JsonArray a -> {
                List<Value> elements = new ArrayList<>(a.elements().size());
                for (JsonValue element : a.elements()) {
                    elements.add(toValue(element));
                }
                yield new Value(Collections.unmodifiableList(elements));
            }
            case JsonValue.JsonObject o -> {
                Map<String, Value> members = new LinkedHashMap<>();
                o.members().forEach((name, member) -> members.put(name, toValue(member)));
                yield new Value(new ImmutableStructure(members));
            }
        };
    }
}
