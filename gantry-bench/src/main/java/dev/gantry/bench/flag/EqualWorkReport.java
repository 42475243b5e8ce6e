package dev.gantry.bench.flag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Prints, for every {@link Peer}, the shares it serves over 100,000 keys: run it before reading
 * the benchmark table to see that every peer does the same work.
 *
 * <pre>java -cp gantry-bench/target/gantry-benchmarks.jar dev.gantry.bench.flag.EqualWorkReport</pre>
 */
public final class EqualWorkReport {

    private static final int KEYS = 100_000;

    private EqualWorkReport() {
    }

    /**
     * Runs the report.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        List<BenchmarkFlags.BenchContext> contexts = BenchmarkFlags.contexts(KEYS, BenchmarkFlags.PLAN_FREE);
        for (Peer peer : Peer.values()) {
            Path directory = temporaryDirectory();
            try (FlagPeer flags = peer.open(directory, contexts)) {
                System.out.printf("%-20s %s%n", peer, Shares.measure(flags));
            } finally {
                delete(directory);
            }
        }
        System.exit(0);
    }

    static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("gantry-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the flag files: " + e.getMessage(), e);
        }
    }

    static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }
}
