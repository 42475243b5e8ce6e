package dev.gantry.server.flag;

import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.auth.Principal;
import dev.gantry.server.db.Database;
import dev.gantry.server.http.ApiException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The environments flags live in (table {@code environments}; {@code staging} and
 * {@code production} from the first migration, more through {@link #create}). The names are
 * cached; an environment created on another replica is found on its change notification or on
 * the first request naming it. Thread-safe.
 */
public final class Environments {
    /** What an environment name may look like. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;
    private volatile List<String> names;

    /**
     * @param db the database
     * @param audit the audit log
     * @param clock the time source
     */
    public Environments(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.names = read();
    }

    private List<String> read() {
        return List.copyOf(db.read(h -> h.createQuery("SELECT name FROM environments ORDER BY name")
                .mapTo(String.class).list()));
    }

    /** @return the environment names, sorted */
    public List<String> names() {
        return names;
    }

    /** Re-reads the names from the database. */
    public void refresh() {
        names = read();
    }

    /** @return whether {@code name} is an environment, reading the database when it is not known here */
    public boolean known(String name) {
        if (names.contains(name)) {
            return true;
        }
        if (!NAME.matcher(name).matches()) {
            return false;
        }
        refresh();
        return names.contains(name);
    }

    /**
     * @return {@code name} when it is an environment
     * @throws ApiException 404 naming the environments
     */
    public String require(String name) {
        if (!known(name)) {
            throw ApiException.notFound("No environment '" + name + "'; environments: " + String.join(", ", names) + ".");
        }
        return name;
    }

    /**
     * Creates an environment with no flags, audited as {@code environment.create}; the other
     * replicas hear of it on the flag change channel.
     *
     * @throws ApiException 422 for a bad name, 409 when it exists
     */
    public void create(Principal by, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.unprocessable("An environment name is 1 to 40 characters: a lowercase letter, then"
                    + " lowercase letters, digits or '-' (for example 'qa' or 'eu-production').").with("field", "name");
        }
        String now = clock.instant().toString();
        db.write(h -> {
            boolean exists = h.createQuery("SELECT COUNT(*) FROM environments WHERE name = :n").bind("n", name)
                    .mapTo(Long.class).one() > 0;
            if (exists) {
                throw ApiException.conflict("Environment '" + name + "' exists already.");
            }
            h.createUpdate("INSERT INTO environments (name, snapshot_version, created_at, created_by)"
                            + " VALUES (:n, 0, :at, :by)")
                    .bind("n", name).bind("at", now).bind("by", by.actor()).execute();
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("name", name);
            audit.append(h, by.actor(), "environment.create", "environment:" + name, Optional.empty(), Optional.of(after));
            db.notifyOnCommit(h, FlagService.CHANNEL, name);
            return null;
        });
        refresh();
    }
}
