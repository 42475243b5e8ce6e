package dev.gantry.flags;

/**
 * Evaluates flags by key. Implemented by {@link Snapshot} (one fixed set of flags) and by the
 * SDK's {@code GantryClient} (whatever snapshot is current). Implementations never throw from
 * these methods: an unknown flag, a type mismatch or a malformed flag yields the caller's
 * default with {@link Reason#ERROR} and an {@link ErrorCode}. A null context is treated as
 * {@link EvaluationContext#empty()}. Implementations are thread-safe.
 */
public interface FlagEvaluator {

    /**
     * @param flagKey the flag key
     * @param context who the flag is evaluated for
     * @param defaultValue returned on error
     * @return the detail; never null
     */
    EvaluationDetail<Boolean> booleanDetail(String flagKey, EvaluationContext context, boolean defaultValue);

    /**
     * @param flagKey the flag key
     * @param context who the flag is evaluated for
     * @param defaultValue returned on error
     * @return the detail; never null
     */
    EvaluationDetail<String> stringDetail(String flagKey, EvaluationContext context, String defaultValue);

    /**
     * @param flagKey the flag key
     * @param context who the flag is evaluated for
     * @param defaultValue returned on error
     * @return the detail; never null
     */
    EvaluationDetail<Double> numberDetail(String flagKey, EvaluationContext context, double defaultValue);

    /**
     * Evaluates a flag of type {@link FlagType#JSON}.
     *
     * @param flagKey the flag key
     * @param context who the flag is evaluated for
     * @param defaultValue returned on error
     * @return the detail; never null
     */
    EvaluationDetail<JsonValue> jsonDetail(String flagKey, EvaluationContext context, JsonValue defaultValue);

    /**
     * @param flagKey the flag key
     * @param context who the flag is evaluated for
     * @param defaultValue returned on error
     * @return the value
     */
    default boolean booleanValue(String flagKey, EvaluationContext context, boolean defaultValue) {
        Boolean v = booleanDetail(flagKey, context, defaultValue).value();
        return v == null ? defaultValue : v;
    }

    /**
     * @param flagKey the flag key
     * @param context who the flag is evaluated for
     * @param defaultValue returned on error
     * @return the value
     */
    default String stringValue(String flagKey, EvaluationContext context, String defaultValue) {
        return stringDetail(flagKey, context, defaultValue).value();
    }

    /**
     * @param flagKey the flag key
     * @param context who the flag is evaluated for
     * @param defaultValue returned on error
     * @return the value
     */
    default double numberValue(String flagKey, EvaluationContext context, double defaultValue) {
        Double v = numberDetail(flagKey, context, defaultValue).value();
        return v == null ? defaultValue : v;
    }

    /**
     * @param flagKey the flag key
     * @param context who the flag is evaluated for
     * @param defaultValue returned on error
     * @return the value
     */
    default JsonValue jsonValue(String flagKey, EvaluationContext context, JsonValue defaultValue) {
        return jsonDetail(flagKey, context, defaultValue).value();
    }
}
