package dev.gantry.server.web;

import java.util.List;

/**
 * The flags of one environment.
 *
 * @param chrome the frame
 * @param environment the environment shown
 * @param environments every environment, for switching
 * @param flags the flags, by key
 */
public record FlagList(Chrome chrome, String environment, List<String> environments, List<Row> flags) {
    public FlagList {
        environments = List.copyOf(environments);
        flags = List.copyOf(flags);
    }

    /**
     * One flag.
     *
     * @param key the flag key
     * @param type boolean, string, number or json
     * @param on whether targeting is on (off: everybody gets the off variation)
     * @param serving what units get when no rule matches, in words ({@code 25% on, 75% off})
     * @param percent the share rolled out, 0 to 100, when the fallthrough is a split or single variation
     * @param version the flag's version
     * @param updated when and by whom it last changed
     */
    public record Row(String key, String type, boolean on, String serving, double percent, long version,
            String updated) {
        /** @return the share rolled out, in words */
        public String percentText() {
            return ReleasePages.percent(Math.round(percent * 100) / 100.0);
        }
    }
}
