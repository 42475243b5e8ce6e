package dev.gantry.bench.flag;

/**
 * One flag system under measurement, loaded with {@link BenchmarkFlags}' three flags and a fixed
 * array of pre-built evaluation contexts (in that system's own context type).
 *
 * <p>Methods take the index of a pre-built context, so a benchmark measures evaluation alone, not
 * context construction. Implementations are as thread-safe as the system they wrap; the
 * benchmarks use one thread.
 */
public interface FlagPeer extends AutoCloseable {

    /** Evaluates {@link BenchmarkFlags#ROLLOUT} for context {@code index}. */
    boolean rollout(int index);

    /** Evaluates {@link BenchmarkFlags#SPLIT} for context {@code index}. */
    String split(int index);

    /** Evaluates {@link BenchmarkFlags#PREREQUISITE} for context {@code index}. */
    boolean prerequisite(int index);

    /** How many pre-built contexts there are. */
    int contextCount();

    /** Releases the system's threads and files; never throws. */
    @Override
    void close();
}
