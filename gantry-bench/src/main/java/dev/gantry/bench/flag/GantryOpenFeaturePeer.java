package dev.gantry.bench.flag;

import dev.gantry.flags.sdk.GantryClient;
import dev.gantry.openfeature.GantryProvider;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.NoOpProvider;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Value;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Gantry through OpenFeature: a {@link GantryClient} reading {@code gantry-flags.json} as its file
 * source, behind {@link GantryProvider}, evaluated with the OpenFeature client API exactly like
 * {@link FlagdPeer}, so the two differ only in the provider.
 */
final class GantryOpenFeaturePeer implements FlagPeer {

    private static final String DOMAIN = "gantry-bench-gantry";

    private final Client client;
    private final EvaluationContext[] contexts;

    GantryOpenFeaturePeer(Path flagFile, List<BenchmarkFlags.BenchContext> contexts) {
        GantryClient gantry = GantryClient.builder().file(flagFile).build();
        OpenFeatureAPI api = OpenFeatureAPI.getInstance();
        api.setProviderAndWait(DOMAIN, new GantryProvider(gantry));
        this.client = api.getClient(DOMAIN);
        this.contexts = contexts.stream()
                .map(c -> new ImmutableContext(c.key(), Map.of(BenchmarkFlags.PLAN_ATTRIBUTE, new Value(c.plan()))))
                .toArray(EvaluationContext[]::new);
        if (client.getBooleanDetails(BenchmarkFlags.ROLLOUT, false, this.contexts[0]).getErrorCode() != null) {
            close();
            throw new IllegalStateException("Gantry through OpenFeature did not load flag file " + flagFile + ".");
        }
    }

    @Override
    public boolean rollout(int index) {
        return client.getBooleanValue(BenchmarkFlags.ROLLOUT, false, contexts[index]);
    }

    @Override
    public String split(int index) {
        return client.getStringValue(BenchmarkFlags.SPLIT, "none", contexts[index]);
    }

    @Override
    public boolean prerequisite(int index) {
        return client.getBooleanValue(BenchmarkFlags.PREREQUISITE, false, contexts[index]);
    }

    @Override
    public int contextCount() {
        return contexts.length;
    }

    @Override
    public void close() {
        // replacing the provider shuts it down, which closes the Gantry client
        OpenFeatureAPI.getInstance().setProviderAndWait(DOMAIN, new NoOpProvider());
    }
}
