package dev.gantry.openfeature;

import dev.gantry.flags.EvaluationDetail;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Reason;
import java.util.function.Function;

/**
 * Turns a Gantry {@link EvaluationDetail} into an OpenFeature {@link ProviderEvaluation}: reasons,
 * error codes, variant and flag metadata. Stateless.
 *
 * <table>
 *   <caption>Reasons</caption>
 *   <tr><th>Gantry</th><th>OpenFeature</th></tr>
 *   <tr><td>OFF</td><td>DISABLED</td></tr>
 *   <tr><td>TARGET_MATCH, RULE_MATCH</td><td>TARGETING_MATCH</td></tr>
 *   <tr><td>SPLIT</td><td>SPLIT</td></tr>
 *   <tr><td>DEFAULT</td><td>DEFAULT</td></tr>
 *   <tr><td>PREREQUISITE_FAILED</td><td>{@code "PREREQUISITE_FAILED"} (a provider-specific reason;
 *       the off variation is served, as for DISABLED, but the flag itself is on)</td></tr>
 *   <tr><td>ERROR</td><td>ERROR</td></tr>
 * </table>
 *
 * Error codes: FLAG_NOT_FOUND and TYPE_MISMATCH keep their names; MALFORMED_FLAG becomes
 * PARSE_ERROR (the flag's configuration cannot be used). The flag metadata carries
 * {@code gantryReason}, and where they apply {@code ruleId}, {@code prerequisiteKey} and
 * {@code gantryErrorCode}.
 */
final class Evaluations {

    /** The OpenFeature reason string for Gantry's PREREQUISITE_FAILED. */
    static final String PREREQUISITE_FAILED = "PREREQUISITE_FAILED";

    private Evaluations() {
    }

    /**
     * @param detail Gantry's result
     * @param convert turns a served Gantry value into the OpenFeature value type
     * @param defaultValue the caller's OpenFeature default, returned on error
     * @param <G> Gantry value type
     * @param <T> OpenFeature value type
     * @return the provider evaluation
     */
    static <G, T> ProviderEvaluation<T> toOpenFeature(EvaluationDetail<G> detail, Function<G, T> convert, T defaultValue) {
        if (detail.isError()) {
            dev.gantry.flags.ErrorCode code = detail.errorCode().orElse(dev.gantry.flags.ErrorCode.MALFORMED_FLAG);
            return error(defaultValue, errorCode(code), detail.errorMessage().orElse("Gantry could not evaluate the flag."),
                    ImmutableMetadata.builder()
                            .addString("gantryReason", detail.reason().name())
                            .addString("gantryErrorCode", code.name())
                            .build());
        }
        ImmutableMetadata.ImmutableMetadataBuilder metadata = ImmutableMetadata.builder()
                .addString("gantryReason", detail.reason().name());
        detail.ruleId().ifPresent(id -> metadata.addString("ruleId", id));
        detail.prerequisiteKey().ifPresent(key -> metadata.addString("prerequisiteKey", key));
        return ProviderEvaluation.<T>builder()
                .value(convert.apply(detail.value()))
                .variant(detail.variant().orElse(null))
                .reason(reason(detail.reason()))
                .flagMetadata(metadata.build())
                .build();
    }

    /**
     * @param defaultValue the caller's default
     * @param code the OpenFeature error code
     * @param message a sentence naming the flag and the problem
     * @param metadata flag metadata
     * @param <T> value type
     * @return an error evaluation serving the default
     */
    static <T> ProviderEvaluation<T> error(T defaultValue, ErrorCode code, String message, ImmutableMetadata metadata) {
        return ProviderEvaluation.<T>builder()
                .value(defaultValue)
                .reason(Reason.ERROR.name())
                .errorCode(code)
                .errorMessage(message)
                .flagMetadata(metadata)
                .build();
    }

    static String reason(dev.gantry.flags.Reason reason) {
        return switch (reason) {
            case OFF -> Reason.DISABLED.name();
            case TARGET_MATCH, RULE_MATCH -> Reason.TARGETING_MATCH.name();
            case SPLIT -> Reason.SPLIT.name();
            case DEFAULT -> Reason.DEFAULT.name();
            case PREREQUISITE_FAILED -> PREREQUISITE_FAILED;
            case ERROR -> Reason.ERROR.name();
        };
    }

    static ErrorCode errorCode(dev.gantry.flags.ErrorCode code) {
        return switch (code) {
            case FLAG_NOT_FOUND -> ErrorCode.FLAG_NOT_FOUND;
            case TYPE_MISMATCH -> ErrorCode.TYPE_MISMATCH;
            case MALFORMED_FLAG -> ErrorCode.PARSE_ERROR;
        };
    }
}
