package dev.gantry.flags.sdk;

import dev.gantry.flags.Snapshot;
import dev.gantry.flags.SnapshotFormatException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The last-known-good snapshot on disk, in the snapshot JSON format. Written atomically (temporary
 * file in the same directory, then rename) so a crash never leaves a half-written cache.
 */
final class CacheFile {
    private static final System.Logger LOG = System.getLogger(CacheFile.class.getName());
    private final Path file;

    CacheFile(Path file) {
        this.file = file;
    }

    Optional<Snapshot> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Snapshot.parse(Files.readAllBytes(file)));
        } catch (IOException | SnapshotFormatException e) {
            LOG.log(Level.WARNING, "Ignoring flag cache file {0}: {1}", file, e.getMessage());
            return Optional.empty();
        }
    }

    void store(Snapshot snapshot) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                Files.write(tmp, snapshot.toJsonBytes());
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot write flag cache file {0}: {1}", file, e.getMessage());
        }
    }
}
