package dev.gantry.plan;

import java.util.List;
import java.util.Optional;

/**
 * One variable of the release's environment contract.
 *
 * @param name the variable's name
 * @param type what its value must be
 * @param required whether it must be set (a default satisfies it)
 * @param defaultValue what it is when not set
 * @param pattern a regular expression the whole value must match
 * @param minLength the fewest characters the value may have
 * @param secret whether the value is secret: it never appears in any output
 * @param values the allowed values of an {@code enum}
 * @param since the version that introduced it
 * @param deprecated whether it is on its way out
 * @param renamedFrom the name it had before
 * @param removedIn the version that drops it
 * @param description what it is for
 * @param example a value to show in templates (never for secrets)
 */
public record EnvVar(String name, Type type, boolean required, Optional<String> defaultValue,
        Optional<String> pattern, Optional<Integer> minLength, boolean secret, List<String> values,
        Optional<String> since, boolean deprecated, Optional<String> renamedFrom, Optional<String> removedIn,
        Optional<String> description, Optional<String> example) {
    public EnvVar {
        values = List.copyOf(values);
    }

    /** The value types of the contract. */
    public enum Type implements PlanEnum { STRING, INT, BOOL, URL, EMAIL, DURATION, PORT, ENUM, JSON }
}
