package dev.gantry.flags.sdk;

/** Strong entity tags carrying the snapshot version (RFC 9110 section 8.8.3). */
final class Etags {
    private Etags() {
    }

    static String quote(String version) {
        return '"' + version + '"';
    }
}
