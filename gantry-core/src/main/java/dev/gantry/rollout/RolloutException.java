package dev.gantry.rollout;

/**
 * A command the rollout's state does not allow ("cannot promote: the rollout is paused; resume
 * it first"). The message is a sentence for the person who asked, without secrets. The server
 * answers it with 409 Conflict.
 */
public final class RolloutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A refusal saying what is wrong and what to do. */
    public RolloutException(String message) {
        super(message);
    }
}
