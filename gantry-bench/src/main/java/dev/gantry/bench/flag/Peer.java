package dev.gantry.bench.flag;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The flag systems measured side by side, each opened from its own flag file. Stateless.
 */
public enum Peer {
    /** Gantry's evaluator called directly on a snapshot. */
    GANTRY(GantryPeer.FLAG_FILE, GantryPeer::new),
    /** Gantry's SDK with a file source behind its OpenFeature provider, through the OpenFeature client. */
    GANTRY_OPENFEATURE(GantryPeer.FLAG_FILE, GantryOpenFeaturePeer::new),
    /** LaunchDarkly server SDK 7, FileData source. */
    LAUNCHDARKLY(LaunchDarklyPeer.FLAG_FILE, LaunchDarklyPeer::new),
    /** Unleash Java client 12, bootstrap file. */
    UNLEASH(UnleashPeer.FLAG_FILE, UnleashPeer::new),
    /** flagd provider, in-process resolver with an offline flag file, through OpenFeature. */
    FLAGD(FlagdPeer.FLAG_FILE, FlagdPeer::new);

    private final String flagFile;
    private final BiFunction<Path, List<BenchmarkFlags.BenchContext>, FlagPeer> opener;

    Peer(String flagFile, BiFunction<Path, List<BenchmarkFlags.BenchContext>, FlagPeer> opener) {
        this.flagFile = flagFile;
        this.opener = opener;
    }

    /**
     * Copies this peer's flag file into {@code directory} and opens the peer on it.
     *
     * @param directory an existing, writable directory the caller deletes afterwards
     * @param contexts the contexts to pre-build, in index order
     * @return the opened peer; the caller closes it
     * @throws IllegalStateException if the peer did not load its flags
     */
    public FlagPeer open(Path directory, List<BenchmarkFlags.BenchContext> contexts) {
        return opener.apply(BenchmarkFlags.extract(flagFile, directory), contexts);
    }
}
