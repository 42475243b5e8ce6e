package dev.gantry.upgrade;

import dev.gantry.plan.ContractLoad;
import dev.gantry.plan.PlanLoader;
import dev.gantry.plan.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The environment contracts of every version a product has shipped, read from the plan's
 * directory: the plan itself (its {@code release.version}) and every {@code .yaml}, {@code .yml}
 * or {@code .json} file in the {@code contracts/} folder beside it (each file's {@code version:},
 * or {@code release.version} when the file is a whole plan).
 *
 * <p>Immutable and thread-safe once loaded. Loading never throws for bad input.
 */
public final class ContractHistory {
    /** The folder beside the plan that holds earlier versions' contracts. */
    public static final String FOLDER = "contracts";

    private final List<VersionedContract> contracts;
    private final List<Path> files;
    private final Optional<Path> folder;

    private ContractHistory(List<VersionedContract> contracts, List<Path> files, Optional<Path> folder) {
        this.contracts = contracts.stream().sorted(Comparator.comparing(VersionedContract::version)).toList();
        this.files = List.copyOf(files);
        this.folder = folder;
    }

    /** What loading a history gave. */
    public sealed interface Load {
        /** Every file loaded. */
        record Loaded(ContractHistory history) implements Load {}

        /** Some file could not be used; every problem, file by file. */
        record Invalid(List<Problem> problems) implements Load {
            public Invalid {
                problems = List.copyOf(problems);
            }
        }
    }

    /** A history of the given contracts, as if read from {@code files}; for tests and callers with their own layout. */
    public static ContractHistory of(List<VersionedContract> contracts) {
        return new ContractHistory(contracts, contracts.stream().map(VersionedContract::file).toList(), Optional.empty());
    }

    /**
     * Reads the history around {@code plan}. Two files claiming the same version with different
     * contracts, a contract without a version, and an invalid file are problems.
     */
    public static Load load(Path plan) {
        List<Problem> problems = new ArrayList<>();
        List<VersionedContract> contracts = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        files.add(plan);
        Path folder = Optional.ofNullable(plan.getParent()).orElse(Path.of("")).resolve(FOLDER);
        if (Files.isDirectory(folder)) {
            try (Stream<Path> listing = Files.list(folder)) {
                listing.filter(Files::isRegularFile).filter(ContractHistory::isContractFile).sorted().forEach(files::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                problems.add(new Problem(folder.toString(), 1, 1, "the folder cannot be listed",
                        "check that you may read it"));
            }
        }
        for (Path file : files) {
            switch (PlanLoader.loadContract(file)) {
                case ContractLoad.Invalid invalid -> problems.addAll(invalid.problems());
                case ContractLoad.Loaded loaded -> versioned(file, loaded, problems).ifPresent(contract -> {
                    Optional<VersionedContract> same = contracts.stream()
                            .filter(other -> other.version().sameAs(contract.version())).findFirst();
                    if (same.isEmpty()) {
                        contracts.add(contract);
                    } else if (!same.get().variables().equals(contract.variables())) {
                        problems.add(new Problem(file.toString(), 1, 1, "this contract is for version "
                                + contract.version() + ", like " + same.get().file() + ", but differs from it",
                                "keep one contract per version"));
                    }
                });
            }
        }
        return problems.isEmpty() ? new Load.Loaded(new ContractHistory(contracts, files, Optional.of(folder))) : new Load.Invalid(problems);
    }

    /** The contracts, oldest first. */
    public List<VersionedContract> contracts() {
        return contracts;
    }

    /** Every file read, the plan first. */
    public List<Path> files() {
        return files;
    }

    /** The {@code contracts/} folder searched, when the history was read from disk (it may not exist). */
    public Optional<Path> folder() {
        return folder;
    }

    /** The contract of {@code version}, if the history has it. */
    public Optional<VersionedContract> find(Version version) {
        return contracts.stream().filter(contract -> contract.version().sameAs(version)).findFirst();
    }

    /** The contracts from {@code from} to {@code to}, both included, oldest first. */
    List<VersionedContract> between(Version from, Version to) {
        return contracts.stream()
                .filter(contract -> contract.version().compareTo(from) >= 0 && contract.version().compareTo(to) <= 0)
                .toList();
    }

    private static Optional<VersionedContract> versioned(Path file, ContractLoad.Loaded loaded, List<Problem> problems) {
        if (loaded.version().isEmpty()) {
            problems.add(new Problem(file.toString(), 1, 1, "this contract does not say which version it belongs to",
                    "add a line 'version: X.Y.Z' at the top"));
            return Optional.empty();
        }
        Optional<Version> version = Version.parse(loaded.version().get());
        if (version.isEmpty()) {
            problems.add(new Problem(file.toString(), 1, 1, "'" + loaded.version().get()
                    + "' is not a version such as 1.2.0", "write the version as numbers separated by dots"));
            return Optional.empty();
        }
        return Optional.of(new VersionedContract(version.get(), file, loaded.variables()));
    }

    private static boolean isContractFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
    }
}
