package dev.gantry.server.web;

/**
 * The confirmation before a flag is killed.
 *
 * @param chrome the frame
 * @param environment the environment
 * @param key the flag
 * @param serving what it serves now, in words
 */
public record FlagConfirm(Chrome chrome, String environment, String key, String serving) {
    /** @return the flag's path, segments URL-encoded */
    public String path() {
        return FlagPages.path(environment) + "/" + ReleaseView.segment(key);
    }
}
