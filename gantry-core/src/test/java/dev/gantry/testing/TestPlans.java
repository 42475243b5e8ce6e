package dev.gantry.testing;

import dev.gantry.plan.LoadResult;
import dev.gantry.plan.PlanLoader;
import dev.gantry.plan.ReleasePlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads plans for tests, failing the test with the plan's problems when it is invalid. */
public final class TestPlans {
    /** The head of a minimal valid plan; append {@code gates:} etc. */
    public static final String HEAD = """
            apiVersion: gantry/v1
            release: { product: shop, version: 2.0.0, previous: 1.9.0, owner: olivia, target: 2026-03-02 }
            """;

    private TestPlans() {}

    /** Writes {@code yaml} to {@code directory}/release.yaml and loads it. */
    public static ReleasePlan write(Path directory, String yaml) {
        try {
            Path file = directory.resolve("release.yaml");
            Files.writeString(file, yaml);
            return load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the plan at {@code file}. */
    public static ReleasePlan load(Path file) {
        LoadResult result = PlanLoader.load(file);
        if (result instanceof LoadResult.Invalid invalid) {
            throw new AssertionError("test plan is invalid:\n" + String.join("\n",
                    invalid.problems().stream().map(Object::toString).toList()));
        }
        return ((LoadResult.Valid) result).plan();
    }

    /** The repository's examples/ directory, found by walking up from the working directory. */
    public static Path examples() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples"))) {
                return dir.resolve("examples");
            }
        }
        throw new AssertionError("no examples/ directory above " + Path.of("").toAbsolutePath());
    }

    /** The plan of the example {@code name}, e.g. {@code platform-v1.2}. */
    public static ReleasePlan example(String name) {
        return load(examples().resolve(name).resolve("release.yaml"));
    }

    /** A test resource as a path. */
    public static Path resource(String name) {
        try {
            return Path.of(TestPlans.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("no test resource " + name, e);
        }
    }
}
