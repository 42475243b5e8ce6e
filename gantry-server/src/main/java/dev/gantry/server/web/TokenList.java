package dev.gantry.server.web;

import dev.gantry.server.auth.TokenStore;
import java.util.List;

/**
 * The tokens page (admins): every token's description, never a token itself, except the one
 * just created, shown once.
 *
 * @param chrome the frame
 * @param tokens every token, newest first
 * @param scopes the scopes a new token may get
 * @param created the token just created, shown once; empty otherwise
 * @param createdName the name of the token just created; empty otherwise
 */
public record TokenList(Chrome chrome, List<TokenStore.TokenInfo> tokens, List<String> scopes, String created,
        String createdName) {
    public TokenList {
        tokens = List.copyOf(tokens);
        scopes = List.copyOf(scopes);
    }
}
