package dev.gantry.bench.flag;

import io.getunleash.DefaultUnleash;
import io.getunleash.Unleash;
import io.getunleash.UnleashContext;
import io.getunleash.repository.ToggleBootstrapFileProvider;
import io.getunleash.util.UnleashConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * Unleash's Java client bootstrapped from {@code unleash-features.json}, with polling and metrics
 * disabled and its backup file pointed at a path that does not exist. The API URL points at a
 * closed loopback port; with polling disabled it is never called.
 */
final class UnleashPeer implements FlagPeer {

    static final String FLAG_FILE = "unleash-features.json";

    private final Unleash unleash;
    private final UnleashContext[] contexts;

    UnleashPeer(Path flagFile, List<BenchmarkFlags.BenchContext> contexts) {
        Path missingBackup = flagFile.resolveSibling("no-such-dir").resolve("unleash-backup.json");
        UnleashConfig config = UnleashConfig.builder()
                .appName("gantry-bench")
                .instanceId("gantry-bench-1")
                .unleashAPI("http://127.0.0.1:9/api/")
                .toggleBootstrapProvider(new ToggleBootstrapFileProvider(flagFile.toString()))
                .backupFile(missingBackup.toString())
                .disablePolling()
                .disableMetrics()
                .synchronousFetchOnInitialisation(false)
                .build();
        this.unleash = new DefaultUnleash(config);
        this.contexts = contexts.stream()
                .map(c -> UnleashContext.builder().userId(c.key()).addProperty(BenchmarkFlags.PLAN_ATTRIBUTE, c.plan()).build())
                .toArray(UnleashContext[]::new);
        if (!unleash.more().getFeatureToggleNames().contains(BenchmarkFlags.ROLLOUT)) {
            close();
            throw new IllegalStateException("Unleash did not load bootstrap file " + flagFile + ".");
        }
    }

    @Override
    public boolean rollout(int index) {
        return unleash.isEnabled(BenchmarkFlags.ROLLOUT, contexts[index], false);
    }

    @Override
    public String split(int index) {
        return unleash.getVariant(BenchmarkFlags.SPLIT, contexts[index]).getName();
    }

    @Override
    public boolean prerequisite(int index) {
        return unleash.isEnabled(BenchmarkFlags.PREREQUISITE, contexts[index], false);
    }

    @Override
    public int contextCount() {
        return contexts.length;
    }

    @Override
    public void close() {
        unleash.shutdown();
    }
}
