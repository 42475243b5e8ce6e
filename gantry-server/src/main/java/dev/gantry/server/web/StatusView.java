package dev.gantry.server.web;

import dev.gantry.server.status.StatusPage;
import java.util.Objects;

/**
 * The public status page: anybody may see it, signed in or not, with or without JavaScript.
 *
 * @param chrome the frame
 * @param status what the page shows
 */
public record StatusView(Chrome chrome, StatusPage status) {
    public StatusView {
        Objects.requireNonNull(chrome, "chrome");
        Objects.requireNonNull(status, "status");
    }

    /** @return a component's status in words ({@code Partial outage}) */
    public static String words(StatusPage.ComponentStatus status) {
        return ReleasePages.words(status.name());
    }

    /** @return an enum's name in words */
    public static String words(Enum<?> value) {
        return ReleasePages.words(value.name());
    }
}
