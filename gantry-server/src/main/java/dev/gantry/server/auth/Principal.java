package dev.gantry.server.auth;

import dev.gantry.server.http.ApiException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who made a request: an API token's id and name and its scopes.
 *
 * @param tokenId the token's public id (never the token)
 * @param name the token's name, used as the actor in the audit log
 * @param scopes the granted scopes, copied
 */
public record Principal(String tokenId, String name, Set<Scope> scopes) {
    /** Copies the scopes. */
    public Principal {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(name, "name");
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    }

    /** @return whether this principal has {@code scope} (admin has every scope) */
    public boolean has(Scope scope) {
        return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
    }

    /** @throws ApiException 403 when the scope is missing */
    public void require(Scope scope) {
        if (!has(scope)) {
            throw ApiException.forbidden("This token lacks the '" + scope.wire() + "' scope.");
        }
    }

    /** @return the audit actor: {@code name (id)} */
    public String actor() {
        return name + " (" + tokenId + ")";
    }
}
