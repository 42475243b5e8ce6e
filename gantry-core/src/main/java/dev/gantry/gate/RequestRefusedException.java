package dev.gantry.gate;

import java.io.IOException;

/**
 * Thrown by an {@link java.net.http.HttpClient} given to the engine when it refuses to send a
 * request (the server's allowed outbound hosts). The check's reason quotes the message, so it
 * must say why in words and hold no secret (a host name, never a resolved URL).
 */
public class RequestRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message why the request was refused, shown in the check's reason */
    public RequestRefusedException(String message) {
        super(message, null);
    }
}
