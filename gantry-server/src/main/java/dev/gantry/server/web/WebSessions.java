package dev.gantry.server.web;

import dev.gantry.server.auth.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dashboard sessions, in memory: a restart signs everybody out. A session holds the API token the
 * person signed in with (re-checked on every request, so a revoked token ends its sessions at
 * once), a CSRF token, and an idle expiry. Thread-safe.
 */
final class WebSessions {
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;

    /**
     * One signed-in browser.
     *
     * @param id the cookie value
     * @param token the API token signed in with; never rendered
     * @param csrf the token every form and htmx request must carry
     * @param expires when it ends unless used again
     */
    record Session(String id, String token, String csrf, Instant expires) {
        @Override
        public String toString() {
            return "Session[" + Secrets.sha256(id).substring(0, 8) + "]";
        }
    }

    WebSessions(Clock clock, Duration idle) {
        this.clock = clock;
        this.idle = idle;
    }

    Session open(String token) {
        Session s = new Session(Secrets.generate("gs_"), token, Secrets.generate("csrf_"), clock.instant().plus(idle));
        sessions.put(s.id(), s);
        if (sessions.size() > 10_000) {
            Instant now = clock.instant();
            sessions.values().removeIf(old -> !old.expires().isAfter(now));
        }
        return s;
    }

    /** @return the live session with this id, its expiry pushed back */
    Optional<Session> find(String id) {
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!s.expires().isAfter(now)) {
            sessions.remove(id, s);
            return Optional.empty();
        }
        Session renewed = new Session(s.id(), s.token(), s.csrf(), now.plus(idle));
        sessions.replace(id, s, renewed);
        return Optional.of(renewed);
    }

    void close(String id) {
        sessions.remove(id);
    }
}
