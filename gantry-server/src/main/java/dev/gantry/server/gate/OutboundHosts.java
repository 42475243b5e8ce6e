package dev.gantry.server.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hosts the server's own gate checks may call ({@code --allowed-outbound-hosts}): exact host
 * names or IP addresses, and {@code *.example.com} for every subdomain of example.com (not
 * example.com itself). Empty allows nothing, so a server runs no outbound check until an operator
 * lists hosts. Immutable and thread-safe.
 *
 * @param patterns the patterns, lower case
 */
public record OutboundHosts(List<String> patterns) {
    /** Validates and normalises the patterns. */
    public OutboundHosts {
        List<String> clean = new ArrayList<>();
        for (String p : patterns) {
            String s = p.strip().toLowerCase(Locale.ROOT);
            if (s.isEmpty()) {
                continue;
            }
            String host = s.startsWith("*.") ? s.substring(2) : s;
            if (host.isEmpty() || host.contains("*") || !host.matches("[a-z0-9.:\\[\\]-]+") || host.startsWith(".")) {
                throw new IllegalArgumentException("'" + p.strip() + "' is not an allowed outbound host: give a host name,"
                        + " an IP address or *.example.com (there is no allow-everything wildcard).");
            }
            clean.add(s);
        }
        patterns = List.copyOf(clean);
    }

    /** @return nothing allowed */
    public static OutboundHosts none() {
        return new OutboundHosts(List.of());
    }

    /**
     * @param commaSeparated e.g. {@code staging.example.com, *.internal.example.com}
     * @throws IllegalArgumentException for a pattern that is not a host name, address or {@code *.} wildcard
     */
    public static OutboundHosts parse(String commaSeparated) {
        return new OutboundHosts(List.of(commaSeparated.split(",")));
    }

    /** @return whether a check may call {@code host} */
    public boolean allows(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        for (String p : patterns) {
            if (p.startsWith("*.") ? h.endsWith(p.substring(1)) && h.length() > p.length() - 1 : h.equals(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return patterns.isEmpty() ? "(none)" : String.join(",", patterns);
    }
}
