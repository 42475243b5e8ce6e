package dev.gantry.plan;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * An enumeration whose constants are written in plans in kebab case ({@code in-progress} for
 * {@code IN_PROGRESS}).
 */
public interface PlanEnum {
    String name();

    /** The constant as a plan writes it. */
    @JsonValue
    default String planName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
