package dev.gantry.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * The server's database: a HikariCP pool, Jdbi over it, and the schema migrated by Flyway at
 * open. SQLite (WAL) is the embedded default; PostgreSQL when the URL says so. Both run the same
 * SQL migrations.
 *
 * <p>Every mutation goes through {@link #write}, which serialises writers: within this process
 * by a lock (SQLite has one writer at a time anyway), and across replicas on PostgreSQL by a
 * transaction-scoped advisory lock, so the audit chain stays linear. Thread-safe.
 */
public final class Database implements AutoCloseable {
    private static final long WRITE_LOCK_KEY = 0x67616e747279L; // "gantry"

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final String displayUrl;
    private final String jdbcUrl;
    private final ReentrantLock writeLock = new ReentrantLock();

    /** The two supported databases. */
    public enum Dialect { SQLITE, POSTGRESQL }

    private Database(HikariDataSource dataSource, Dialect dialect, String displayUrl, String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.dialect = dialect;
        this.displayUrl = displayUrl;
    }

    /**
     * The embedded default: SQLite at {@code dataDir/gantry.db}, created with its directory.
     *
     * @throws DatabaseUnavailableException when the file cannot be created or migrated
     */
    public static Database sqlite(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        return open("jdbc:sqlite:" + dataDir.resolve("gantry.db").toAbsolutePath());
    }

    /**
     * Opens and migrates the database at a JDBC URL ({@code jdbc:sqlite:...} or
     * {@code jdbc:postgresql:...}).
     *
     * @throws IllegalArgumentException for another kind of URL
     * @throws DatabaseUnavailableException when it cannot be reached or migrated
     */
    public static Database open(String jdbcUrl) {
        Dialect dialect;
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            dialect = Dialect.SQLITE;
        } else if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            dialect = Dialect.POSTGRESQL;
        } else {
            throw new IllegalArgumentException("The database URL must start with jdbc:sqlite: or jdbc:postgresql:");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("gantry");
        config.setConnectionTimeout(2_000);
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(-1);
        if (dialect == Dialect.SQLITE) {
            config.setMaximumPoolSize(4);
            config.setConnectionInitSql("PRAGMA busy_timeout = 5000");
            config.addDataSourceProperty("foreign_keys", "true");
        } else {
            config.setMaximumPoolSize(10);
        }
        HikariDataSource ds = new HikariDataSource(config);
        Database db = new Database(ds, dialect, redact(jdbcUrl), jdbcUrl);
        try {
            if (dialect == Dialect.SQLITE) {
                try (Connection c = ds.getConnection(); var st = c.createStatement()) {
                    st.execute("PRAGMA journal_mode = WAL");
                }
            }
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .loggers("slf4j")
                    .load()
                    .migrate();
        } catch (SQLException | RuntimeException e) {
            ds.close();
            throw new DatabaseUnavailableException("Cannot open the database " + db.displayUrl + ": "
                    + rootMessage(e), e);
        }
        return db;
    }

    /** @return the dialect */
    public Dialect dialect() {
        return dialect;
    }

    /** @return the URL without user, password or query parameters, safe to print */
    public String displayUrl() {
        return displayUrl;
    }

    /** @return Jdbi for reads */
    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Runs a mutation in one transaction, serialised with every other writer.
     *
     * @throws DatabaseUnavailableException when the database cannot be reached
     */
    public <R> R write(HandleCallback<R, RuntimeException> work) {
        writeLock.lock();
        try {
            return jdbi.inTransaction(h -> {
                if (dialect == Dialect.POSTGRESQL) {
                    h.createQuery("SELECT pg_advisory_xact_lock(:k)").bind("k", WRITE_LOCK_KEY)
                            .mapTo(String.class).one();
                }
                return work.withHandle(h);
            });
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs a read with a handle. */
    public <R> R read(HandleCallback<R, RuntimeException> work) {
        return jdbi.withHandle(work);
    }

    /**
     * Opens a connection outside the pool, for sessions that must stay open on their own (the
     * leader lock, LISTEN). The caller closes it.
     *
     * @throws SQLException when the database cannot be reached
     */
    public Connection dedicatedConnection() throws SQLException {
        return java.sql.DriverManager.getConnection(jdbcUrl);
    }

    /**
     * Sends a PostgreSQL notification on {@code channel} when the caller's transaction commits;
     * nothing on SQLite (one process, nobody to tell).
     */
    public void notifyOnCommit(Handle h, String channel, String payload) {
        if (dialect == Dialect.POSTGRESQL) {
            h.createQuery("SELECT pg_notify(:c, :p)").bind("c", channel).bind("p", payload).mapTo(String.class).one();
        }
    }

    /** @return whether a trivial query answers within the pool's timeouts */
    public boolean reachable() {
        try (Handle h = jdbi.open()) {
            return h.createQuery("SELECT 1").mapTo(Integer.class).one() == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    static String redact(String url) {
        String noQuery = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        return noQuery.replaceAll("//[^/@]*@", "//");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replaceAll("password=[^&\\s]*", "password=***");
    }
}
