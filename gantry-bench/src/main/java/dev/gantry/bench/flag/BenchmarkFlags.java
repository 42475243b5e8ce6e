package dev.gantry.bench.flag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The three flags every peer is measured on, and the contexts they are evaluated for.
 *
 * <ul>
 *   <li>{@link #ROLLOUT}: boolean, one rule ({@code plan in [enterprise]} serves {@code true}),
 *       otherwise a 10% rollout of {@code true} by targeting key;</li>
 *   <li>{@link #SPLIT}: string, a three-way split {@code red}/{@code green}/{@code blue} by targeting
 *       key (33.334% / 33.333% / 33.333%);</li>
 *   <li>{@link #PREREQUISITE}: boolean, requires {@link #PREREQUISITE_PARENT} (an on switch serving
 *       {@code true}) to be {@code true}, then a 50% rollout of {@code true}.</li>
 * </ul>
 *
 * Each peer holds the flags in its own offline format, in a resource beside this class. Stateless.
 */
public final class BenchmarkFlags {

    /** The boolean 10% rollout flag with one rule. */
    public static final String ROLLOUT = "checkout-rollout";
    /** The three-way string split. */
    public static final String SPLIT = "button-color";
    /** The flag with a prerequisite. */
    public static final String PREREQUISITE = "new-checkout";
    /** The prerequisite of {@link #PREREQUISITE}. */
    public static final String PREREQUISITE_PARENT = "checkout-enabled";
    /** The context attribute the rollout flag's rule looks at. */
    public static final String PLAN_ATTRIBUTE = "plan";
    /** A plan that does not match the rule, so the rollout decides. */
    public static final String PLAN_FREE = "free";
    /** The plan the rule serves {@code true} to. */
    public static final String PLAN_ENTERPRISE = "enterprise";

    private BenchmarkFlags() {
    }

    /**
     * One evaluation context: a targeting key and the {@code plan} attribute.
     *
     * @param key the targeting key (user id)
     * @param plan the value of the {@code plan} attribute
     */
    public record BenchContext(String key, String plan) {
        /** Rejects blank keys and plans. */
        public BenchContext {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("A benchmark context needs a non-blank key.");
            }
            if (plan == null || plan.isBlank()) {
                throw new IllegalArgumentException("A benchmark context needs a non-blank plan.");
            }
        }
    }

    /**
     * Contexts {@code user-0 .. user-(count-1)}, all on the given plan.
     *
     * @param count how many contexts, at least 1
     * @param plan the plan of every context
     * @return the contexts, in key order
     */
    public static List<BenchContext> contexts(int count, String plan) {
        if (count < 1) {
            throw new IllegalArgumentException("Need at least one context, got " + count + ".");
        }
        List<BenchContext> contexts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            contexts.add(new BenchContext("user-" + i, plan));
        }
        return List.copyOf(contexts);
    }

    /**
     * Copies a flag file from this package's resources into {@code directory}.
     *
     * @param resource the resource name beside this class
     * @param directory an existing directory
     * @return the path of the copy
     * @throws UncheckedIOException if the resource is missing or cannot be copied
     */
    static Path extract(String resource, Path directory) {
        try (InputStream in = BenchmarkFlags.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("Flag file resource " + resource + " is missing from the classpath."));
            }
            Path target = directory.resolve(resource);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy flag file " + resource + " to " + directory + ": " + e.getMessage(), e);
        }
    }
}
