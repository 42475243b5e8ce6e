package dev.gantry.bench.flag;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One flag evaluation, per peer and per flag shape, all offline and in process.
 *
 * <p>Each invocation evaluates for the next of {@value #CONTEXTS} pre-built contexts (distinct
 * targeting keys, plan {@code free}), so neither the key nor the result is a constant the JIT could
 * fold, and context construction is not measured. Results go to a {@link Blackhole}. Run with
 * {@code -prof gc} for B/op; see docs/benchmarks.md for the command and the table.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED") // Unleash loads its native engine
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FlagEvaluationBenchmark {

    static final int CONTEXTS = 1024;
    private static final int MASK = CONTEXTS - 1;

    /** Which flag system evaluates. */
    @Param({"GANTRY", "GANTRY_OPENFEATURE", "LAUNCHDARKLY", "UNLEASH", "FLAGD"})
    public Peer peer;

    private Path directory;
    private FlagPeer flags;
    private int next;

    /** Loads the peer with its flag file and pre-builds the contexts. */
    @Setup(Level.Trial)
    public void open() {
        directory = EqualWorkReport.temporaryDirectory();
        flags = peer.open(directory, BenchmarkFlags.contexts(CONTEXTS, BenchmarkFlags.PLAN_FREE));
    }

    /** Closes the peer and deletes its flag file. */
    @TearDown(Level.Trial)
    public void close() {
        flags.close();
        EqualWorkReport.delete(directory);
    }

    /** Boolean flag: one non-matching rule, then a 10% rollout. */
    @Benchmark
    public void rollout(Blackhole blackhole) {
        blackhole.consume(flags.rollout(next++ & MASK));
    }

    /** String flag: three-way split. */
    @Benchmark
    public void split(Blackhole blackhole) {
        blackhole.consume(flags.split(next++ & MASK));
    }

    /** Boolean flag with a prerequisite (on), then a 50% rollout. */
    @Benchmark
    public void prerequisite(Blackhole blackhole) {
        blackhole.consume(flags.prerequisite(next++ & MASK));
    }
}
