package dev.gantry.plan;

/**
 * Where the release's SQL migrations are and how to read them.
 *
 * @param dir the Flyway-layout directory, relative to the plan
 * @param dialect the database dialect (postgresql)
 * @param pgVersion the PostgreSQL major version migrations run on
 * @param assumeInTransaction whether the migration tool wraps each file in a transaction
 * @param baseline the last migration version the previous release applied; later versions
 *     belong to this release (without it, every migration in the directory does)
 */
public record Migrations(String dir, String dialect, int pgVersion, boolean assumeInTransaction,
        java.util.Optional<String> baseline) {}
