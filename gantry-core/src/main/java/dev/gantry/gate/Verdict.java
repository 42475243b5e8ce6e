package dev.gantry.gate;

/** The answer of the go/no-go meeting. */
public enum Verdict {
    /** Every required item is ready. */
    GO("GO"),
    /** Every required item is ready or covered by a waiver that has not expired. */
    GO_WITH_WAIVERS("GO WITH WAIVERS"),
    /** At least one required item is not ready and not waived. */
    NO_GO("NO-GO");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The verdict as people say it: {@code GO}, {@code GO WITH WAIVERS}, {@code NO-GO}. */
    public String label() {
        return label;
    }

    /** Whether the release may go ahead. */
    public boolean go() {
        return this != NO_GO;
    }
}
