package dev.gantry.server.gate;

import java.io.IOException;

/** A server-side check tried to reach a host the operator did not allow (for example through a redirect). */
final class HostNotAllowedException extends IOException {
    HostNotAllowedException(String host) {
        super("host " + host + " is not in the server's allowed outbound hosts", null);
    }
}
