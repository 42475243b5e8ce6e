package dev.gantry.server.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an API token may do. {@link #ADMIN} implies every other scope. */
public enum Scope {
    /** read releases, flags and the audit log */
    READ,
    /** change flags */
    FLAGS,
    /** push plans, record gate runs and deploys */
    OPERATE,
    /** sign off and waive */
    APPROVE,
    /** manage tokens and SDK keys; implies every scope */
    ADMIN;

    /** @return the lower-case wire name */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name a wire name
     * @throws IllegalArgumentException naming the known scopes
     */
    public static Scope parse(String name) {
        for (Scope s : values()) {
            if (s.wire().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown scope '" + name + "'; known scopes: "
                + Arrays.stream(values()).map(Scope::wire).collect(Collectors.joining(", ")) + ".");
    }
}
