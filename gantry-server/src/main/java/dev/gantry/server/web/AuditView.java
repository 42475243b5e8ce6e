package dev.gantry.server.web;

import dev.gantry.server.audit.AuditEntry;
import java.util.List;

/**
 * The audit log, newest first, filtered, with the whole chain's verification.
 *
 * @param chrome the frame
 * @param actor the actor filter (substring), empty for all
 * @param action the action filter (prefix, {@code flag.} or {@code flag.kill}), empty for all
 * @param target the target filter (exact, {@code flag:production/new-checkout}), empty for all
 * @param intact whether the hash chain verifies
 * @param verification what the verification found, in words
 * @param entries the entries shown, newest first
 * @param older the query string of the next (older) page, empty when there is none
 */
public record AuditView(Chrome chrome, String actor, String action, String target, boolean intact,
        String verification, List<AuditEntry> entries, String older) {
    public AuditView {
        entries = List.copyOf(entries);
    }
}
