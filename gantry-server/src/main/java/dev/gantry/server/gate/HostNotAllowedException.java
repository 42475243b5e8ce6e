package dev.gantry.server.gate;

import dev.gantry.gate.RequestRefusedException;

/** A server-side check tried to reach a host the operator did not allow (for example through a redirect). */
final class HostNotAllowedException extends RequestRefusedException {
    HostNotAllowedException(String host) {
        super("host " + host + " is not in the server's allowed outbound hosts");
    }
}
