package dev.gantry.freeze;

import dev.gantry.plan.Freeze;
import dev.gantry.plan.ReleasePlan;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Evaluates a plan's code freeze ({@code plan.freeze()}, resolved against the launch date) at
 * an instant. Stateless and thread-safe.
 */
public final class FreezeCheck {
    private FreezeCheck() {}

    /**
     * Whether the freeze is in force at {@code at}.
     *
     * @param zone the zone whose calendar days the freeze's days are
     * @param overrideReason a reason to go ahead anyway; blank counts as none
     */
    public static FreezeStatus evaluate(ReleasePlan plan, Instant at, ZoneId zone, Optional<String> overrideReason) {
        Freeze freeze = plan.freeze();
        LocalDate launch = plan.release().target();
        LocalDate today = at.atZone(zone).toLocalDate();
        LocalDate from = freeze.start().resolve(launch);
        LocalDate until = freeze.end().resolve(launch);
        if (!freeze.covers(today, launch)) {
            return new FreezeStatus.Open(from, until, today);
        }
        Optional<String> reason = overrideReason.map(String::strip).filter(r -> !r.isEmpty());
        if (reason.isPresent()) {
            return new FreezeStatus.Overridden(from, until, reason.get());
        }
        return new FreezeStatus.Frozen(from, until, freeze.allow());
    }
}
