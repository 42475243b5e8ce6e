package dev.gantry.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * A feature flag the release uses: rollout flags, kill switches and feature toggles.
 *
 * @param key the flag's key, as the application asks for it
 * @param kind the type of its values
 * @param defaultValue the value when the flag is off or unknown
 * @param variations named values; a boolean flag has {@code on} and {@code off}
 * @param description what it controls
 * @param envVar the environment variable the application used before flags (e.g. ENABLE_IMPORT)
 * @param temporary whether the flag is removed once the release is done
 */
public record FlagDeclaration(String key, Kind kind, JsonNode defaultValue, Map<String, JsonNode> variations,
        Optional<String> description, Optional<String> envVar, boolean temporary) {
    public FlagDeclaration {
        variations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variations));
    }

    /** Value types of a flag. */
    public enum Kind implements PlanEnum { BOOLEAN, STRING, NUMBER, JSON }
}
