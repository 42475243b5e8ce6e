package dev.gantry.plan;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What is being released: the product, the version and the one person who owns it.
 *
 * @param product the product's name
 * @param version the version being released
 * @param previous the version in production now, which a rollback returns to
 * @param owner the release owner (a person, not a role)
 * @param target launch day, D0
 * @param type what kind of release it is
 * @param summary one or two sentences for release notes and status pages
 */
public record Release(String product, String version, Optional<String> previous, String owner, LocalDate target,
        Type type, Optional<String> summary) {
    public Release {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(summary, "summary");
    }

    /** The kind of release. */
    public enum Type implements PlanEnum { INITIAL, MAJOR, MINOR, PATCH, HOTFIX }
}
