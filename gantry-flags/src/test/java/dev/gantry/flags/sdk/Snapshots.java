package dev.gantry.flags.sdk;

import dev.gantry.flags.Snapshot;

/** Small snapshots for SDK tests. */
final class Snapshots {
    private Snapshots() {
    }

    /** Version v: flag "checkout" serves checkoutOn to everyone; flag "theme" serves theme. */
    static String json(String version, boolean checkoutOn, String theme) {
        return """
                {"format":1,"version":"%s","flags":[
                  {"key":"checkout","type":"boolean","on":true,
                   "variations":[{"name":"on","value":true},{"name":"off","value":false}],
                   "offVariation":"off","fallthrough":{"variation":"%s"}},
                  {"key":"theme","type":"string","on":true,
                   "variations":[{"name":"classic","value":"classic"},{"name":"dark","value":"dark"}],
                   "offVariation":"classic","fallthrough":{"variation":"%s"}}
                ]}""".formatted(version, checkoutOn ? "on" : "off", theme);
    }

    static Snapshot of(String version, boolean checkoutOn, String theme) {
        return Snapshot.parse(json(version, checkoutOn, theme));
    }
}
