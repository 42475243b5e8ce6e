package dev.gantry.server.web;

import java.util.List;

/**
 * The releases page: every release at a glance.
 *
 * @param chrome the frame
 * @param releases one row per release, by product and version
 */
public record ReleaseList(Chrome chrome, List<Row> releases) {
    public ReleaseList {
        releases = List.copyOf(releases);
    }

    /**
     * One release.
     *
     * @param product the product
     * @param version the version
     * @param owner the release owner
     * @param launch launch day, ISO date
     * @param releaseDay today as a release day ({@code D-3})
     * @param stage planning, frozen, launch day or post-launch
     * @param verdict the latest gate run's verdict ({@code GO}, {@code NO_GO}, ...), or {@code NONE}
     * @param verdictLabel the verdict in words
     * @param rollout the rollout's state in words
     */
    public record Row(String product, String version, String owner, String launch, String releaseDay, String stage,
            String verdict, String verdictLabel, String rollout) {
        /** @return the release page's path, segments URL-encoded */
        public String href() {
            return ReleaseView.path(product, version);
        }
    }
}
