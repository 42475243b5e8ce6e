package dev.gantry.flags;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of one evaluation: value, variant, reason and, for {@link Reason#ERROR}, an error
 * code and message. Immutable and thread-safe. Successful results are created once per
 * snapshot and shared, so an evaluation allocates nothing; compare them with
 * {@link #equals(Object)}, not identity.
 *
 * @param <T> {@link Boolean}, {@link String}, {@link Double} or {@link JsonValue}
 */
public final class EvaluationDetail<T> {
    private final T value;
    private final Optional<String> variant;
    private final Reason reason;
    private final Optional<ErrorCode> errorCode;
    private final Optional<String> errorMessage;
    private final Optional<String> ruleId;
    private final int ruleIndex;
    private final Optional<String> prerequisiteKey;
    private final int flagIndex;
    private final int variationIndex;

    private EvaluationDetail(T value, String variant, Reason reason, ErrorCode errorCode, String errorMessage,
            String ruleId, int ruleIndex, String prerequisiteKey, int flagIndex, int variationIndex) {
        this.value = value;
        this.variant = Optional.ofNullable(variant);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.errorCode = Optional.ofNullable(errorCode);
        this.errorMessage = Optional.ofNullable(errorMessage);
        this.ruleId = Optional.ofNullable(ruleId);
        this.ruleIndex = ruleIndex;
        this.prerequisiteKey = Optional.ofNullable(prerequisiteKey);
        this.flagIndex = flagIndex;
        this.variationIndex = variationIndex;
    }

    /**
     * A successful result.
     *
     * @param value the served value
     * @param variant the served variation's name
     * @param reason any reason except {@link Reason#ERROR}
     * @param ruleId the matched rule's id for {@link Reason#RULE_MATCH}, else null
     * @param ruleIndex the matched rule's position for {@link Reason#RULE_MATCH}, else -1
     * @param prerequisiteKey the failed prerequisite for {@link Reason#PREREQUISITE_FAILED}, else null
     * @param flagIndex the flag's position in its snapshot
     * @param variationIndex the variation's position in the flag
     * @param <T> value type
     * @return the detail
     * @throws IllegalArgumentException if reason is ERROR
     */
    public static <T> EvaluationDetail<T> success(T value, String variant, Reason reason, String ruleId, int ruleIndex,
            String prerequisiteKey, int flagIndex, int variationIndex) {
        if (reason == Reason.ERROR) {
            throw new IllegalArgumentException("use error() for reason ERROR");
        }
        return new EvaluationDetail<>(value, Objects.requireNonNull(variant, "variant"), reason, null, null, ruleId,
                ruleIndex, prerequisiteKey, flagIndex, variationIndex);
    }

    /**
     * A failed evaluation returning the caller's default.
     *
     * @param defaultValue the caller's default value
     * @param code what went wrong
     * @param message a sentence naming the flag and the problem
     * @param flagIndex the flag's position in its snapshot, or -1 when not found
     * @param <T> value type
     * @return the detail
     */
    public static <T> EvaluationDetail<T> error(T defaultValue, ErrorCode code, String message, int flagIndex) {
        return new EvaluationDetail<>(defaultValue, null, Reason.ERROR, Objects.requireNonNull(code, "code"),
                Objects.requireNonNull(message, "message"), null, -1, null, flagIndex, -1);
    }

    /** @return the served value, or the caller's default on error (which may be null if the caller passed null) */
    public T value() {
        return value;
    }

    /** @return the served variation's name; empty on error */
    public Optional<String> variant() {
        return variant;
    }

    /** @return why this value was served */
    public Reason reason() {
        return reason;
    }

    /** @return the error code when {@link #reason()} is {@link Reason#ERROR} */
    public Optional<ErrorCode> errorCode() {
        return errorCode;
    }

    /** @return a sentence explaining the error when {@link #reason()} is {@link Reason#ERROR} */
    public Optional<String> errorMessage() {
        return errorMessage;
    }

    /** @return true when the caller's default was returned because of an error */
    public boolean isError() {
        return reason == Reason.ERROR;
    }

    /** @return the id of the matched rule for {@link Reason#RULE_MATCH} */
    public Optional<String> ruleId() {
        return ruleId;
    }

    /** @return the position of the matched rule for {@link Reason#RULE_MATCH}, else -1 */
    public int ruleIndex() {
        return ruleIndex;
    }

    /** @return the key of the prerequisite that failed for {@link Reason#PREREQUISITE_FAILED} */
    public Optional<String> prerequisiteKey() {
        return prerequisiteKey;
    }

    /**
     * @return the position of the evaluated flag in its snapshot's {@link Snapshot#flags()}, or -1
     *     when the flag was not found; lets the SDK count without a second lookup
     */
    public int flagIndex() {
        return flagIndex;
    }

    /** @return the position of the served variation in the flag's variations, or -1 on error */
    public int variationIndex() {
        return variationIndex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvaluationDetail<?> d
                && Objects.equals(value, d.value)
                && variant.equals(d.variant)
                && reason == d.reason
                && errorCode.equals(d.errorCode)
                && errorMessage.equals(d.errorMessage)
                && ruleId.equals(d.ruleId)
                && ruleIndex == d.ruleIndex
                && prerequisiteKey.equals(d.prerequisiteKey)
                && flagIndex == d.flagIndex
                && variationIndex == d.variationIndex;
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, variant, reason, errorCode, ruleId, ruleIndex, prerequisiteKey, variationIndex);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("EvaluationDetail[value=").append(value).append(", reason=").append(reason);
        variant.ifPresent(v -> sb.append(", variant=").append(v));
        ruleId.ifPresent(r -> sb.append(", ruleId=").append(r));
        prerequisiteKey.ifPresent(p -> sb.append(", prerequisite=").append(p));
        errorCode.ifPresent(c -> sb.append(", errorCode=").append(c));
        errorMessage.ifPresent(m -> sb.append(", errorMessage=").append(m));
        return sb.append(']').toString();
    }
}
