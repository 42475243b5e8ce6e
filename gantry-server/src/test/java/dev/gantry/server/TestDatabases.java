package dev.gantry.server;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Assertions;

/**
 * The databases persistence tests run on: SQLite in a temporary directory, and PostgreSQL through
 * {@code GANTRY_TEST_POSTGRES_URL} in a schema of its own that is dropped afterwards. Without the
 * variable PostgreSQL tests are skipped, unless {@code GANTRY_CI_STRICT=true}, where they fail.
 */
public final class TestDatabases {
    static final String POSTGRES_VARIABLE = "GANTRY_TEST_POSTGRES_URL";

    private TestDatabases() {}

    /** Which database a parameterised test runs on. */
    public enum Kind { SQLITE, POSTGRESQL }

    /** A database for one test; close drops it. */
    public record TestDb(Kind kind, String url, Runnable cleanup) implements AutoCloseable {
        @Override
        public void close() {
            cleanup.run();
        }
    }

    public static TestDb create(Kind kind, Path tempDir) {
        return switch (kind) {
            case SQLITE -> new TestDb(kind, "jdbc:sqlite:" + tempDir.resolve("gantry-" + UUID.randomUUID() + ".db"), () -> {});
            case POSTGRESQL -> postgres();
        };
    }

    static String postgresBaseUrl() {
        String url = System.getenv(POSTGRES_VARIABLE);
        if (url == null || url.isBlank()) {
            String message = "PostgreSQL tests need " + POSTGRES_VARIABLE
                    + " (for example jdbc:postgresql://127.0.0.1:5432/test?user=postgres)";
            if ("true".equalsIgnoreCase(System.getenv("GANTRY_CI_STRICT"))) {
                Assertions.fail(message + "; GANTRY_CI_STRICT=true forbids skipping them.");
            }
            Assumptions.abort(message + "; skipped.");
        }
        return url;
    }

    static TestDb postgres() {
        String base = postgresBaseUrl();
        String schema = "gantry_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        exec(base, "CREATE SCHEMA " + schema);
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDb(Kind.POSTGRESQL, url, () -> exec(base, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    }

    static void exec(String url, String... sql) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on the test database: " + e.getMessage(), e);
        }
    }

    static List<Kind> all() {
        return new ArrayList<>(List.of(Kind.values()));
    }
}
