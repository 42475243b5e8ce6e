package dev.gantry.bench.flag;

import dev.openfeature.contrib.providers.flagd.Config;
import dev.openfeature.contrib.providers.flagd.FlagdOptions;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
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
 * The flagd provider's in-process resolver reading {@code flagd-flags.json} as its offline flag
 * source, used through the OpenFeature client API (the only way flagd is used from Java).
 *
 * <p>flagd has no prerequisites: {@link #prerequisite} evaluates the parent flag and then, only if
 * it is {@code true}, the dependent flag, as an application would. docs/benchmarks.md says so.
 */
final class FlagdPeer implements FlagPeer {

    static final String FLAG_FILE = "flagd-flags.json";
    private static final String DOMAIN = "gantry-bench-flagd";

    private final Client client;
    private final EvaluationContext[] contexts;

    FlagdPeer(Path flagFile, List<BenchmarkFlags.BenchContext> contexts) {
        FlagdProvider provider = new FlagdProvider(FlagdOptions.builder()
                .resolverType(Config.Resolver.IN_PROCESS)
                .offlineFlagSourcePath(flagFile.toString())
                .deadline(10_000) // the 1 s default is too short on a loaded 2-core machine
                .build());
        OpenFeatureAPI api = OpenFeatureAPI.getInstance();
        api.setProviderAndWait(DOMAIN, provider);
        this.client = api.getClient(DOMAIN);
        this.contexts = contexts.stream()
                .map(c -> new ImmutableContext(c.key(), Map.of(BenchmarkFlags.PLAN_ATTRIBUTE, new Value(c.plan()))))
                .toArray(EvaluationContext[]::new);
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
        EvaluationContext context = contexts[index];
        return client.getBooleanValue(BenchmarkFlags.PREREQUISITE_PARENT, false, context)
                && client.getBooleanValue(BenchmarkFlags.PREREQUISITE, false, context);
    }

    @Override
    public int contextCount() {
        return contexts.length;
    }

    @Override
    public void close() {
        // replacing the provider shuts the flagd provider down (its file watcher thread)
        OpenFeatureAPI.getInstance().setProviderAndWait(DOMAIN, new NoOpProvider());
    }
}
