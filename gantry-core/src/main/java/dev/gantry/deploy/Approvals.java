package dev.gantry.deploy;

import java.util.Optional;

/**
 * Asks a person to approve a stage or confirm a manual step. The CLI asks on the terminal; a
 * server would wait for an approval from a token with the approve scope. May block.
 */
@FunctionalInterface
public interface Approvals {
    /**
     * Asks for approval.
     *
     * @return who approved, or empty when refused (the run stops)
     */
    Optional<String> ask(ApprovalRequest request);

    /** Refuses everything: runs without a person stop at the first approval. */
    Approvals REFUSE = request -> Optional.empty();

    /**
     * What is asked.
     *
     * @param stage the stage
     * @param role the role that must approve, or empty for a manual step anyone may confirm
     * @param question the question as shown to the person
     */
    record ApprovalRequest(String stage, Optional<String> role, String question) {}
}
