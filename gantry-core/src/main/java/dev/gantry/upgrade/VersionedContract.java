package dev.gantry.upgrade;

import dev.gantry.plan.EnvVar;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The environment contract of one released version, and the file it came from.
 *
 * @param version the version
 * @param file the plan or contract file that holds it
 * @param variables its variables, in file order
 */
public record VersionedContract(Version version, Path file, List<EnvVar> variables) {
    public VersionedContract {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(file, "file");
        variables = List.copyOf(variables);
    }
}
