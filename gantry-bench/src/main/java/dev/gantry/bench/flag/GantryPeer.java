package dev.gantry.bench.flag;

import dev.gantry.flags.EvaluationContext;
import dev.gantry.flags.Snapshot;
import java.nio.file.Path;
import java.util.List;

/**
 * Gantry's evaluator called directly: a {@link Snapshot} read from {@code gantry-flags.json}
 * (the snapshot JSON the SDK's file source and the server share), no SDK around it.
 */
final class GantryPeer implements FlagPeer {

    static final String FLAG_FILE = "gantry-flags.json";

    private final Snapshot snapshot;
    private final EvaluationContext[] contexts;

    GantryPeer(Path flagFile, List<BenchmarkFlags.BenchContext> contexts) {
        this.snapshot = Snapshot.read(flagFile);
        this.contexts = contexts.stream()
                .map(c -> EvaluationContext.builder(c.key()).set(BenchmarkFlags.PLAN_ATTRIBUTE, c.plan()).build())
                .toArray(EvaluationContext[]::new);
    }

    @Override
    public boolean rollout(int index) {
        return snapshot.booleanValue(BenchmarkFlags.ROLLOUT, contexts[index], false);
    }

    @Override
    public String split(int index) {
        return snapshot.stringValue(BenchmarkFlags.SPLIT, contexts[index], "none");
    }

    @Override
    public boolean prerequisite(int index) {
        return snapshot.booleanValue(BenchmarkFlags.PREREQUISITE, contexts[index], false);
    }

    @Override
    public int contextCount() {
        return contexts.length;
    }

    @Override
    public void close() {
        // a snapshot holds no resources
    }
}
