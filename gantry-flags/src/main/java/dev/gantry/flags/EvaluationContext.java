package dev.gantry.flags;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who or what a flag is evaluated for: an optional targeting key (the unit of individual
 * targeting and of percentage splits) and typed attributes matched by rule clauses.
 *
 * <p>Attribute values are strings, numbers (held as double), booleans, instants, or lists of
 * those. The attribute name {@value #TARGETING_KEY} is reserved: clauses read the targeting key
 * through it. Immutable and thread-safe; build once and reuse, evaluation does not copy it.
 */
public final class EvaluationContext {
    /** The attribute name under which clauses see the targeting key. */
    public static final String TARGETING_KEY = "targetingKey";

    private static final EvaluationContext EMPTY = new EvaluationContext(null, Map.of());

    private final String targetingKey;
    private final Map<String, Object> attributes;

    private EvaluationContext(String targetingKey, Map<String, Object> attributes) {
        this.targetingKey = targetingKey;
        this.attributes = attributes;
    }

    /** @return a context without targeting key or attributes */
    public static EvaluationContext empty() {
        return EMPTY;
    }

    /**
     * @param targetingKey the targeting key
     * @return a context with only a targeting key
     */
    public static EvaluationContext of(String targetingKey) {
        return builder(targetingKey).build();
    }

    /** @return a builder without targeting key */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param targetingKey the targeting key
     * @return a builder with the targeting key set
     */
    public static Builder builder(String targetingKey) {
        return new Builder().targetingKey(targetingKey);
    }

    /** @return the targeting key, if any */
    public Optional<String> targetingKey() {
        return Optional.ofNullable(targetingKey);
    }

    /**
     * @return the attributes (not including the targeting key); values are String, Double,
     *     Boolean, Instant or an unmodifiable List of those
     */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /**
     * Looks an attribute up without allocating; for the evaluator.
     *
     * @param name attribute name; {@value #TARGETING_KEY} returns the targeting key
     * @return the value (String, Double, Boolean, Instant or List), or null when absent
     */
    public Object attributeOrNull(String name) {
        if (TARGETING_KEY.equals(name)) {
            return targetingKey;
        }
        return attributes.get(name);
    }

    /** @return the targeting key or null, without allocating; for the evaluator */
    public String targetingKeyOrNull() {
        return targetingKey;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvaluationContext c && Objects.equals(targetingKey, c.targetingKey)
                && attributes.equals(c.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(targetingKey, attributes);
    }

    @Override
    public String toString() {
        return "EvaluationContext[targetingKey=" + targetingKey + ", attributes=" + attributes + "]";
    }

    /** Builds an {@link EvaluationContext}. Not thread-safe. */
    public static final class Builder {
        private String targetingKey;
        private final Map<String, Object> attributes = new HashMap<>();

        private Builder() {
        }

        /**
         * @param key the targeting key; null for none
         * @return this builder
         */
        public Builder targetingKey(String key) {
            this.targetingKey = key;
            return this;
        }

        /**
         * @param name attribute name
         * @param value string value
         * @return this builder
         */
        public Builder set(String name, String value) {
            return put(name, Objects.requireNonNull(value, "value"));
        }

        /**
         * @param name attribute name
         * @param value number value
         * @return this builder
         */
        public Builder set(String name, double value) {
            return put(name, value);
        }

        /**
         * @param name attribute name
         * @param value boolean value
         * @return this builder
         */
        public Builder set(String name, boolean value) {
            return put(name, value);
        }

        /**
         * @param name attribute name
         * @param value date value
         * @return this builder
         */
        public Builder set(String name, Instant value) {
            return put(name, Objects.requireNonNull(value, "value"));
        }

        /**
         * @param name attribute name
         * @param values list of String, Number, Boolean or Instant elements
         * @return this builder
         * @throws IllegalArgumentException for other element types
         */
        public Builder set(String name, List<?> values) {
            List<Object> copy = new ArrayList<>(values.size());
            for (Object v : values) {
                copy.add(scalar(name, v));
            }
            return put(name, Collections.unmodifiableList(copy));
        }

        /**
         * Sets an attribute from a plain Java value, for adapters.
         *
         * @param name attribute name
         * @param value String, Number, Boolean, Instant or a List of those
         * @return this builder
         * @throws IllegalArgumentException for other types
         */
        public Builder setObject(String name, Object value) {
            if (value instanceof List<?> list) {
                return set(name, list);
            }
            return put(name, scalar(name, value));
        }

        private static Object scalar(String name, Object v) {
            if (v instanceof String || v instanceof Boolean || v instanceof Instant) {
                return v;
            }
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            throw new IllegalArgumentException("attribute '" + name + "' holds a "
                    + (v == null ? "null" : v.getClass().getSimpleName())
                    + "; only strings, numbers, booleans, instants and lists of those are supported");
        }

        private Builder put(String name, Object value) {
            Names.requireName(name, "attribute name");
            if (TARGETING_KEY.equals(name)) {
                throw new IllegalArgumentException("'" + TARGETING_KEY + "' is reserved; use targetingKey(...)");
            }
            attributes.put(name, value);
            return this;
        }

        /** @return the context */
        public EvaluationContext build() {
            return new EvaluationContext(targetingKey, Collections.unmodifiableMap(new HashMap<>(attributes)));
        }
    }
}
