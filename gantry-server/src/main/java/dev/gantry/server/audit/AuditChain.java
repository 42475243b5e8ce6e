package dev.gantry.server.audit;

import java.util.List;

/**
 * Verifies a hash chain of audit entries: each entry's hash must match its content and the
 * previous entry's hash, and sequence numbers must run from 1 without gaps, so an altered entry
 * breaks its own hash and a removed one breaks the link or the sequence. Stateless.
 *
 * <p>Removing the newest entries leaves a shorter valid chain; compare {@code head} with a copy
 * kept elsewhere (for example the last verification's output) to detect that.
 */
public final class AuditChain {
    private AuditChain() {}

    /** The outcome of a verification. */
    public sealed interface Verification {
        /**
         * @param entries how many entries were checked
         * @param head the newest hash ({@link AuditEntry#GENESIS} for an empty log)
         */
        record Intact(long entries, String head) implements Verification {}

        /**
         * @param seq the first entry that does not verify (or the first missing number)
         * @param reason what is wrong, one sentence
         */
        record Broken(long seq, String reason) implements Verification {}
    }

    /** Verifies entries given in sequence order. */
    public static Verification verify(List<AuditEntry> entries) {
        String prev = AuditEntry.GENESIS;
        long expectedSeq = 1;
        for (AuditEntry e : entries) {
            if (e.seq() != expectedSeq) {
                return new Verification.Broken(expectedSeq, "entry " + expectedSeq + " is missing (next present is "
                        + e.seq() + ")");
            }
            if (!e.prevHash().equals(prev)) {
                return new Verification.Broken(e.seq(), "entry " + e.seq()
                        + " does not link to the previous entry's hash: an entry before it was changed or removed");
            }
            if (!e.expectedHash().equals(e.hash())) {
                return new Verification.Broken(e.seq(), "entry " + e.seq() + " was changed after it was written"
                        + " (its content does not match its hash)");
            }
            prev = e.hash();
            expectedSeq++;
        }
        return new Verification.Intact(entries.size(), prev);
    }
}
