package dev.gantry.env;

import dev.gantry.plan.EnvVar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What changes between two versions of the environment contract, and what each change breaks:
 * the upgrade (the new version will not start, or misbehave, with the old environment) or the
 * rollback (the old version will not start with the environment operators set up for the new).
 */
public final class ContractDiff {
    private ContractDiff() {}

    /** What a change breaks. */
    public enum Impact {
        /** Operators must act before upgrading. */
        BREAKS_UPGRADE,
        /** Rolling back to the old version fails unless operators keep the old setup. */
        BREAKS_ROLLBACK,
        /** Nothing breaks. */
        COMPATIBLE
    }

    /**
     * One difference.
     *
     * @param variable the variable concerned (the new name for a rename)
     * @param kind what changed: added, removed, renamed, type-changed, ...
     * @param impact what it breaks
     * @param message what changed and what operators must do
     */
    public record Finding(String variable, String kind, Impact impact, String message) {}

    /** The differences from {@code before} to {@code after}, breaking ones first. */
    public static List<Finding> between(List<EnvVar> before, List<EnvVar> after) {
        Map<String, EnvVar> old = index(before);
        Map<String, EnvVar> now = index(after);
        List<Finding> findings = new ArrayList<>();
        Map<String, String> renames = new LinkedHashMap<>();
        for (EnvVar variable : after) {
            variable.renamedFrom().filter(old::containsKey).filter(name -> !now.containsKey(name))
                    .ifPresent(previous -> renames.put(previous, variable.name()));
        }
        for (EnvVar variable : after) {
            EnvVar previous = old.get(variable.name());
            Optional<String> renamedFrom = variable.renamedFrom().filter(renames::containsKey);
            if (renamedFrom.isPresent()) {
                renamed(findings, old.get(renamedFrom.get()), variable);
            } else if (previous == null) {
                added(findings, variable);
            } else {
                changed(findings, previous, variable);
            }
        }
        for (EnvVar variable : before) {
            if (!now.containsKey(variable.name()) && !renames.containsKey(variable.name())) {
                removed(findings, variable);
            }
        }
        findings.sort(java.util.Comparator.comparing(Finding::impact));
        return List.copyOf(findings);
    }

    private static void added(List<Finding> findings, EnvVar variable) {
        if (variable.required() && variable.defaultValue().isEmpty()) {
            findings.add(new Finding(variable.name(), "added", Impact.BREAKS_UPGRADE, variable.name()
                    + " is new and required without a default; set it before upgrading"
                    + variable.description().map(description -> " (" + description.replaceAll("\\.$", "") + ")").orElse("")));
        } else {
            findings.add(new Finding(variable.name(), "added", Impact.COMPATIBLE, variable.name() + " is new and "
                    + (variable.defaultValue().isPresent() ? "has a default" : "optional") + "; nothing to do"));
        }
    }

    private static void removed(List<Finding> findings, EnvVar variable) {
        if (variable.required() && variable.defaultValue().isEmpty()) {
            findings.add(new Finding(variable.name(), "removed", Impact.BREAKS_ROLLBACK, variable.name()
                    + " is no longer read, but the previous version requires it; keep it set until rollback is no longer possible"));
        } else {
            findings.add(new Finding(variable.name(), "removed", Impact.COMPATIBLE, variable.name()
                    + " is no longer read; remove it from environments once the release is final"));
        }
    }

    private static void renamed(List<Finding> findings, EnvVar previous, EnvVar variable) {
        findings.add(new Finding(variable.name(), "renamed", Impact.BREAKS_UPGRADE, previous.name() + " is renamed "
                + variable.name() + "; set " + variable.name() + " to the value of " + previous.name() + " before upgrading"));
        if (previous.required() && previous.defaultValue().isEmpty()) {
            findings.add(new Finding(variable.name(), "renamed", Impact.BREAKS_ROLLBACK, "the previous version reads "
                    + previous.name() + "; keep it set beside " + variable.name() + " until rollback is no longer possible"));
        }
        changed(findings, previous, variable);
    }

    private static void changed(List<Finding> findings, EnvVar previous, EnvVar variable) {
        String name = variable.name();
        if (previous.type() != variable.type()) {
            boolean widened = variable.type() == EnvVar.Type.STRING;
            findings.add(new Finding(name, "type-changed", widened ? Impact.BREAKS_ROLLBACK : Impact.BREAKS_UPGRADE,
                    name + " changes type from " + previous.type().planName() + " to " + variable.type().planName()
                            + (widened ? "; values the new version accepts may not start the previous one"
                                    : "; check the value is a valid " + variable.type().planName() + " before upgrading")));
        }
        if (!previous.required() && variable.required() && variable.defaultValue().isEmpty()) {
            findings.add(new Finding(name, "now-required", Impact.BREAKS_UPGRADE, name
                    + " becomes required without a default; set it before upgrading"));
        }
        if (previous.defaultValue().isPresent() && variable.defaultValue().isEmpty() && variable.required()) {
            findings.add(new Finding(name, "default-removed", Impact.BREAKS_UPGRADE, name
                    + " loses its default; set it explicitly before upgrading"));
        } else if (!previous.defaultValue().equals(variable.defaultValue()) && variable.defaultValue().isPresent()
                && previous.defaultValue().isPresent()) {
            findings.add(new Finding(name, "default-changed", Impact.COMPATIBLE, name + "'s default changes"
                    + (variable.secret() ? "" : " from '" + previous.defaultValue().get() + "' to '"
                            + variable.defaultValue().get() + "'") + "; set it explicitly to keep the old behaviour"));
        }
        if (!previous.pattern().equals(variable.pattern()) && variable.pattern().isPresent()) {
            findings.add(new Finding(name, "pattern-tightened", Impact.BREAKS_UPGRADE, name + " must now match "
                    + variable.pattern().get() + "; check the current value matches before upgrading"));
        }
        int minBefore = previous.minLength().orElse(0);
        int minAfter = variable.minLength().orElse(0);
        if (minAfter > minBefore) {
            findings.add(new Finding(name, "min-length-raised", Impact.BREAKS_UPGRADE, name + " must now have at least "
                    + minAfter + " characters (was " + minBefore + "); check the current value before upgrading"));
        }
        if (previous.type() == EnvVar.Type.ENUM && variable.type() == EnvVar.Type.ENUM) {
            List<String> dropped = previous.values().stream().filter(value -> !variable.values().contains(value)).toList();
            List<String> added = variable.values().stream().filter(value -> !previous.values().contains(value)).toList();
            if (!dropped.isEmpty()) {
                findings.add(new Finding(name, "values-removed", Impact.BREAKS_UPGRADE, name + " no longer accepts "
                        + String.join(", ", dropped) + "; change such values before upgrading"));
            }
            if (!added.isEmpty()) {
                findings.add(new Finding(name, "values-added", Impact.BREAKS_ROLLBACK, name + " now also accepts "
                        + String.join(", ", added) + "; the previous version refuses them, so do not use them until the "
                        + "release is final"));
            }
        }
        if (!previous.secret() && variable.secret()) {
            findings.add(new Finding(name, "now-secret", Impact.COMPATIBLE, name
                    + " is now secret: move it to the secret store"));
        }
        if (!previous.deprecated() && variable.deprecated()) {
            findings.add(new Finding(name, "deprecated", Impact.COMPATIBLE, name + " is deprecated"
                    + variable.removedIn().map(version -> " and removed in " + version).orElse("")));
        }
    }

    private static Map<String, EnvVar> index(List<EnvVar> variables) {
        Map<String, EnvVar> index = new LinkedHashMap<>();
        variables.forEach(variable -> index.put(variable.name(), variable));
        return index;
    }
}
