package dev.gantry.server.flag;

import dev.gantry.server.db.Database;
import dev.gantry.server.http.ApiException;
import java.util.List;

/**
 * The environments flags live in (table {@code environments}; {@code staging} and
 * {@code production} from the first migration). Read once at start. Thread-safe.
 */
public final class Environments {
    private final List<String> names;

    /** @param db the database */
    public Environments(Database db) {
        this.names = List.copyOf(db.read(h -> h.createQuery("SELECT name FROM environments ORDER BY name")
                .mapTo(String.class).list()));
    }

    /** @return the environment names, sorted */
    public List<String> names() {
        return names;
    }

    /**
     * @return {@code name} when it is an environment
     * @throws ApiException 404 naming the environments
     */
    public String require(String name) {
        if (!names.contains(name)) {
            throw ApiException.notFound("No environment '" + name + "'; environments: " + String.join(", ", names) + ".");
        }
        return name;
    }
}
