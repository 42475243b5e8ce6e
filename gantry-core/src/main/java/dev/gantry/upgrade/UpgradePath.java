package dev.gantry.upgrade;

import dev.gantry.env.ContractDiff;
import dev.gantry.plan.EnvVar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The way from one version's environment contract to a later one's, hop by hop through every
 * version in between that the history holds, and composed into one net change: a variable
 * renamed twice is one move from its first name to its last, a variable added and dropped again
 * on the way needs nothing.
 *
 * <p>Variables are followed by identity, not by name: {@code renamedFrom} carries a variable to
 * its new name at the hop that renames it. Immutable and thread-safe.
 *
 * @param contracts the contracts on the way, {@code from} first and {@code to} last
 * @param hops the difference between each contract and the next
 * @param renames variables of {@code from} that {@code to} reads under another name
 * @param added variables of {@code to} that {@code from} does not have
 * @param removed variables of {@code from} that {@code to} no longer reads
 * @param net the composed difference from {@code from} to {@code to}, renames resolved
 */
public record UpgradePath(List<VersionedContract> contracts, List<Hop> hops, List<Rename> renames, List<Addition> added,
        List<Removal> removed, List<ContractDiff.Finding> net) {
    public UpgradePath {
        contracts = List.copyOf(contracts);
        hops = List.copyOf(hops);
        renames = List.copyOf(renames);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        net = List.copyOf(net);
        if (contracts.isEmpty()) {
            throw new IllegalArgumentException("an upgrade path has at least one contract");
        }
    }

    /**
     * One step from a version to the next one the history holds.
     *
     * @param from the older version
     * @param to the newer version
     * @param findings what changes between them, breaking ones first
     */
    public record Hop(Version from, Version to, List<ContractDiff.Finding> findings) {
        public Hop {
            findings = List.copyOf(findings);
        }
    }

    /**
     * A variable read under another name at the end of the path.
     *
     * @param names every name it had, the first ({@code from}'s) first and the last ({@code to}'s) last
     * @param renamedIn the version of the last rename
     * @param before its definition in {@code from}
     * @param after its definition in {@code to}
     */
    public record Rename(List<String> names, Version renamedIn, EnvVar before, EnvVar after) {
        public Rename {
            names = List.copyOf(names);
            if (names.size() < 2) {
                throw new IllegalArgumentException("a rename has an old and a new name");
            }
        }

        /** The name in {@code from}. */
        public String oldName() {
            return names.getFirst();
        }

        /** The name in {@code to}. */
        public String newName() {
            return names.getLast();
        }

        /** Whether the old version will not start without the old name: it is required and has no default. */
        public boolean rollbackNeedsOldName() {
            return before.required() && before.defaultValue().isEmpty();
        }
    }

    /**
     * A variable new on the way.
     *
     * @param variable its definition in {@code to}
     * @param since the version that introduced it (under any name)
     */
    public record Addition(EnvVar variable, Version since) {}

    /**
     * A variable dropped on the way.
     *
     * @param variable its definition in {@code from}
     * @param removedIn the first version that no longer reads it
     * @param rollbackNeedsIt whether {@code from} will not start without it
     */
    public record Removal(EnvVar variable, Version removedIn, boolean rollbackNeedsIt) {}

    /** What looking for a path gave. */
    public sealed interface Lookup {
        /** The path. */
        record Found(UpgradePath path) implements Lookup {}

        /**
         * No path.
         *
         * @param reason one sentence: what is missing, which files were looked at, what to do
         */
        record NotFound(String reason) implements Lookup {}
    }

    /** The oldest version. */
    public Version from() {
        return contracts.getFirst().version();
    }

    /** The newest version. */
    public Version to() {
        return contracts.getLast().version();
    }

    /** The contract the environment must finally satisfy. */
    public VersionedContract target() {
        return contracts.getLast();
    }

    /**
     * The path from {@code from} to {@code to} through {@code history}: both must have a
     * contract, and every version between them that has one is a hop.
     */
    public static Lookup find(ContractHistory history, Version from, Version to) {
        if (from.compareTo(to) > 0) {
            return new Lookup.NotFound("--from " + from + " is newer than --to " + to
                    + "; an upgrade goes forward (to go back, follow the release's rollback plan).");
        }
        List<Version> missing = new ArrayList<>();
        if (history.find(from).isEmpty()) {
            missing.add(from);
        }
        if (history.find(to).isEmpty() && !to.sameAs(from)) {
            missing.add(to);
        }
        if (!missing.isEmpty()) {
            String known = history.contracts().isEmpty() ? "none"
                    : history.contracts().stream().map(contract -> contract.version().toString()).collect(Collectors.joining(", "));
            return new Lookup.NotFound("no contract for version " + missing.stream().map(Version::toString)
                    .collect(Collectors.joining(" or ")) + " in " + history.files().stream().map(Object::toString)
                    .collect(Collectors.joining(", ")) + history.folder().filter(folder -> !java.nio.file.Files.isDirectory(folder))
                            .map(folder -> " (there is no folder " + folder + ")").orElse("")
                    + " (versions found: " + known + "); add its contract as "
                    + ContractHistory.FOLDER + "/<product>-<version>.yaml with 'version:' and 'environment:'.");
        }
        return new Lookup.Found(compose(history.between(from, to)));
    }

    /** Composes the path through {@code contracts}, oldest first. */
    public static UpgradePath compose(List<VersionedContract> contracts) {
        if (contracts.isEmpty()) {
            throw new IllegalArgumentException("an upgrade path has at least one contract");
        }
        VersionedContract first = contracts.getFirst();
        Map<String, Lineage> lineages = new LinkedHashMap<>();
        for (EnvVar variable : first.variables()) {
            lineages.put(variable.name(), new Lineage(Optional.of(variable), List.of(variable.name()), first.version(),
                    Optional.empty()));
        }
        List<Hop> hops = new ArrayList<>();
        List<Removal> removed = new ArrayList<>();
        for (int i = 1; i < contracts.size(); i++) {
            VersionedContract previous = contracts.get(i - 1);
            VersionedContract next = contracts.get(i);
            hops.add(new Hop(previous.version(), next.version(), ContractDiff.between(previous.variables(), next.variables())));
            lineages = advance(lineages, previous, next, removed);
        }
        VersionedContract last = contracts.getLast();
        List<Rename> renames = new ArrayList<>();
        List<Addition> added = new ArrayList<>();
        List<EnvVar> carried = new ArrayList<>();
        for (EnvVar variable : last.variables()) {
            Lineage lineage = lineages.get(variable.name());
            Optional<EnvVar> origin = lineage.origin().or(() -> sameNameRemoved(variable.name(), removed));
            if (origin.isEmpty()) {
                added.add(new Addition(variable, lineage.since()));
                continue;
            }
            carried.add(renamed(origin.get(), variable.name()));
            if (!origin.get().name().equals(variable.name())) {
                renames.add(new Rename(lineage.names(), lineage.renamedIn().orElse(last.version()), origin.get(), variable));
            }
        }
        removed.removeIf(removal -> last.variables().stream().anyMatch(variable -> variable.name().equals(removal.variable().name())));
        List<ContractDiff.Finding> net = ContractDiff.between(carried, last.variables()).stream()
                .filter(finding -> !finding.kind().equals("added")).toList();
        return new UpgradePath(contracts, hops, renames, added, removed, net);
    }

    /** A variable followed from hop to hop: what it was in {@code from}, if it existed there, and its names. */
    private record Lineage(Optional<EnvVar> origin, List<String> names, Version since, Optional<Version> renamedIn) {}

    private static Map<String, Lineage> advance(Map<String, Lineage> lineages, VersionedContract previous,
            VersionedContract next, List<Removal> removed) {
        Map<String, EnvVar> before = index(previous.variables());
        Map<String, EnvVar> after = index(next.variables());
        Map<String, Lineage> advanced = new LinkedHashMap<>();
        List<String> carried = new ArrayList<>();
        for (EnvVar variable : next.variables()) {
            Optional<String> renamedFrom = variable.renamedFrom()
                    .filter(before::containsKey).filter(name -> !after.containsKey(name));
            if (renamedFrom.isPresent()) {
                Lineage lineage = lineages.get(renamedFrom.get());
                List<String> names = new ArrayList<>(lineage.names());
                names.add(variable.name());
                advanced.put(variable.name(), new Lineage(lineage.origin(), names, lineage.since(), Optional.of(next.version())));
                carried.add(renamedFrom.get());
            } else if (before.containsKey(variable.name())) {
                advanced.put(variable.name(), lineages.get(variable.name()));
                carried.add(variable.name());
            } else {
                advanced.put(variable.name(), new Lineage(Optional.empty(), List.of(variable.name()), next.version(), Optional.empty()));
            }
        }
        lineages.forEach((name, lineage) -> {
            if (!carried.contains(name)) {
                lineage.origin().ifPresent(origin -> removed.add(new Removal(origin, next.version(),
                        origin.required() && origin.defaultValue().isEmpty())));
            }
        });
        return advanced;
    }

    /** A variable of {@code from} dropped on the way whose name {@code to} uses again: the same setting, for the env file. */
    private static Optional<EnvVar> sameNameRemoved(String name, List<Removal> removed) {
        return removed.stream().map(Removal::variable).filter(variable -> variable.name().equals(name)).findFirst();
    }

    private static EnvVar renamed(EnvVar variable, String name) {
        return new EnvVar(name, variable.type(), variable.required(), variable.defaultValue(), variable.pattern(),
                variable.minLength(), variable.secret(), variable.values(), variable.since(), variable.deprecated(),
                Optional.empty(), variable.removedIn(), variable.description(), variable.example());
    }

    private static Map<String, EnvVar> index(List<EnvVar> variables) {
        Map<String, EnvVar> index = new LinkedHashMap<>();
        variables.forEach(variable -> index.put(variable.name(), Objects.requireNonNull(variable)));
        return index;
    }
}
