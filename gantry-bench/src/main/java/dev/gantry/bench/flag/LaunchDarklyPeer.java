package dev.gantry.bench.flag;

import com.launchdarkly.sdk.LDContext;
import com.launchdarkly.sdk.server.Components;
import com.launchdarkly.sdk.server.LDClient;
import com.launchdarkly.sdk.server.LDConfig;
import com.launchdarkly.sdk.server.integrations.FileData;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * LaunchDarkly's server SDK reading {@code launchdarkly-flags.json} through its FileData source.
 * Not offline mode (which would disable the file source); events, diagnostics and logging off.
 */
final class LaunchDarklyPeer implements FlagPeer {

    static final String FLAG_FILE = "launchdarkly-flags.json";

    private final LDClient client;
    private final LDContext[] contexts;

    LaunchDarklyPeer(Path flagFile, List<BenchmarkFlags.BenchContext> contexts) {
        LDConfig config = new LDConfig.Builder()
                .dataSource(FileData.dataSource().filePaths(flagFile).autoUpdate(false))
                .events(Components.noEvents())
                .diagnosticOptOut(true)
                .logging(Components.noLogging())
                .startWait(Duration.ofSeconds(10))
                .build();
        this.client = new LDClient("sdk-gantry-bench-file-only", config);
        if (!client.isInitialized()) {
            close();
            throw new IllegalStateException("LaunchDarkly did not load flag file " + flagFile + ".");
        }
        this.contexts = contexts.stream()
                .map(c -> LDContext.builder(c.key()).set(BenchmarkFlags.PLAN_ATTRIBUTE, c.plan()).build())
                .toArray(LDContext[]::new);
    }

    @Override
    public boolean rollout(int index) {
        return client.boolVariation(BenchmarkFlags.ROLLOUT, contexts[index], false);
    }

    @Override
    public String split(int index) {
        return client.stringVariation(BenchmarkFlags.SPLIT, contexts[index], "none");
    }

    @Override
    public boolean prerequisite(int index) {
        return client.boolVariation(BenchmarkFlags.PREREQUISITE, contexts[index], false);
    }

    @Override
    public int contextCount() {
        return contexts.length;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException | RuntimeException ignored) {
            // closing a file-backed client has nothing to report
        }
    }
}
