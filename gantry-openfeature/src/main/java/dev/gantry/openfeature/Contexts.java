package dev.gantry.openfeature;

import dev.gantry.flags.EvaluationContext;
import dev.openfeature.sdk.Value;
import dev.openfeature.sdk.exceptions.InvalidContextError;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts an OpenFeature evaluation context to a Gantry {@link EvaluationContext}. Stateless.
 *
 * <p>The targeting key becomes Gantry's targeting key; strings, numbers, booleans, instants and
 * lists of those become attributes of the same name. Gantry attributes are flat, so nested
 * structures (and lists holding them) and null values are left out: a rule on such an attribute
 * does not match, as for any absent attribute.
 */
final class Contexts {

    private Contexts() {
    }

    /**
     * @param context the merged OpenFeature context; may be null
     * @return the Gantry context
     * @throws InvalidContextError if an attribute name is blank
     */
    static EvaluationContext toGantry(dev.openfeature.sdk.EvaluationContext context) {
        if (context == null || context.isEmpty()) {
            return EvaluationContext.empty();
        }
        String key = context.getTargetingKey();
        EvaluationContext.Builder builder = EvaluationContext.builder(key == null || key.isEmpty() ? null : key);
        for (String name : context.keySet()) {
            if (dev.openfeature.sdk.EvaluationContext.TARGETING_KEY.equals(name)) {
                continue;
            }
            Object attribute = attribute(context.getValue(name));
            if (attribute == null) {
                continue;
            }
            if (name.isBlank()) {
                throw new InvalidContextError("The evaluation context has an attribute with a blank name; Gantry needs named attributes.");
            }
            builder.setObject(name, attribute);
        }
        return builder.build();
    }

    private static Object attribute(Value value) {
        if (value == null || value.isNull() || value.isStructure()) {
            return null;
        }
        if (value.isList()) {
            List<Object> elements = new ArrayList<>();
            for (Value element : value.asList()) {
                Object scalar = scalar(element);
                if (scalar == null) {
                    return null;
                }
                elements.add(scalar);
            }
            return elements;
        }
        return scalar(value);
    }

    private static Object scalar(Value value) {
        if (value == null) {
            return null;
        }
        if (value.isString()) {
            return value.asString();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNumber()) {
            return ((Number) value.asObject()).doubleValue();
        }
        if (value.isInstant()) {
            return value.asInstant();
        }
        return null;
    }
}
