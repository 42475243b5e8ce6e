package dev.gantry.plan;

/**
 * A row of the production environment table: what runs where, configured how.
 *
 * @param component hosting, database, error tracking, ...
 * @param service the provider or product
 * @param configuration how it is set up
 */
public record InfrastructureComponent(String component, String service, String configuration) {}
