package dev.gantry.gate;

import java.time.Instant;
import java.util.Objects;

/**
 * Permission to go ahead although a required item is not ready. A waiver always names who
 * granted it, why, and when it stops counting; an expired waiver waives nothing.
 *
 * @param item the checklist item's id
 * @param reason why going ahead is acceptable
 * @param grantedBy who granted it
 * @param grantedAt when
 * @param expires the instant from which it no longer counts
 * @throws IllegalArgumentException when a field is blank or it expires before it is granted
 */
public record Waiver(String item, String reason, String grantedBy, Instant grantedAt, Instant expires) {
    public Waiver {
        item = Mark.nonBlank(item, "item");
        reason = Mark.nonBlank(reason, "reason");
        grantedBy = Mark.nonBlank(grantedBy, "grantedBy");
        Objects.requireNonNull(grantedAt, "grantedAt");
        Objects.requireNonNull(expires, "expires");
        if (!expires.isAfter(grantedAt)) {
            throw new IllegalArgumentException("a waiver must expire after it is granted");
        }
    }

    /** Whether the waiver counts at {@code now}. */
    public boolean activeAt(Instant now) {
        return now.isBefore(expires);
    }
}
