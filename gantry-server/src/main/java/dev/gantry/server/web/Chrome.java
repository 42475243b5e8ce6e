package dev.gantry.server.web;

import dev.gantry.server.auth.Principal;
import dev.gantry.server.auth.Scope;
import java.util.Objects;

/**
 * What every page's frame shows: the title, who is signed in and what they may do, the CSRF
 * token forms carry, a one-time message, and the asset URLs.
 *
 * @param title the page title
 * @param user the signed-in token's name, empty when nobody is signed in
 * @param csrf the session's CSRF token, empty when nobody is signed in
 * @param flash a message from the previous action, empty for none
 * @param can what the signed-in person may do
 * @param assets the asset URLs
 */
public record Chrome(String title, String user, String csrf, String flash, Permissions can, Assets assets) {
    public Chrome {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(csrf, "csrf");
        Objects.requireNonNull(flash, "flash");
        Objects.requireNonNull(can, "can");
        Objects.requireNonNull(assets, "assets");
    }

    /** @return whether somebody is signed in */
    public boolean signedIn() {
        return !user.isEmpty();
    }

    /**
     * What the signed-in person may do; pages show controls by it and handlers enforce it.
     *
     * @param read see releases, flags and the audit log
     * @param flags change flags
     * @param operate re-run gates, drive rollouts
     * @param approve sign off
     * @param admin manage tokens
     */
    public record Permissions(boolean read, boolean flags, boolean operate, boolean approve, boolean admin) {
        static final Permissions NONE = new Permissions(false, false, false, false, false);

        static Permissions of(Principal p) {
            return new Permissions(p.has(Scope.READ), p.has(Scope.FLAGS), p.has(Scope.OPERATE), p.has(Scope.APPROVE),
                    p.has(Scope.ADMIN));
        }
    }
}
