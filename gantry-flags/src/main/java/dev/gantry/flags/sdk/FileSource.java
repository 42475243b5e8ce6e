package dev.gantry.flags.sdk;

import dev.gantry.flags.Snapshot;
import dev.gantry.flags.SnapshotFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads a snapshot file, then re-reads it every interval and loads it again when its bytes
 * changed. Content comparison rather than modification time, because file systems with coarse
 * timestamps miss quick successive edits.
 */
final class FileSource implements SnapshotSource {
    private final Path file;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private final SourceSink sink;
    private byte[] lastBytes;
    private ScheduledFuture<?> task;

    FileSource(Path file, Duration interval, ScheduledExecutorService scheduler, SourceSink sink) {
        this.file = file;
        this.interval = interval;
        this.scheduler = scheduler;
        this.sink = sink;
    }

    @Override
    public void start() {
        check();
        long ms = interval.toMillis();
        task = scheduler.scheduleWithFixedDelay(this::check, ms, ms, TimeUnit.MILLISECONDS);
    }

    synchronized void check() {
        try {
            checkOnce();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: report and keep watching
            sink.failed("Unexpected failure reading flag file " + file + ": " + e);
        }
    }

    private void checkOnce() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            lastBytes = null;
            sink.failed("Flag file " + file + " does not exist.");
            return;
        } catch (IOException e) {
            lastBytes = null;
            sink.failed("Cannot read flag file " + file + ": " + e.getMessage());
            return;
        }
        if (Arrays.equals(bytes, lastBytes)) {
            return;
        }
        lastBytes = bytes;
        try {
            sink.accept(Snapshot.parse(bytes));
        } catch (SnapshotFormatException e) {
            sink.rejected("Flag file " + file + " was rejected: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
