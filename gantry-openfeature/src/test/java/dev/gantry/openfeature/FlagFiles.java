package dev.gantry.openfeature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The test snapshot and variants of it. */
final class FlagFiles {

    private FlagFiles() {
    }

    /** @return the snapshot fixture {@code flags.json}, version v1 */
    static String snapshotV1() {
        try (InputStream in = FlagFiles.class.getResourceAsStream("flags.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the fixture as version v2, with dark-mode switched off and nothing else changed */
    static String snapshotV2DarkModeOff() {
        String v1 = snapshotV1();
        String v2 = v1.replace("\"version\": \"v1\"", "\"version\": \"v2\"")
                .replaceFirst("(\"key\": \"dark-mode\",\\s*\"type\": \"boolean\",\\s*\"on\": )true", "$1false");
        if (v2.equals(v1) || !v2.contains("\"version\": \"v2\"")) {
            throw new IllegalStateException("The fixture no longer has the shape snapshotV2DarkModeOff() edits.");
        }
        return v2;
    }

    /** Replaces {@code file}'s content in one step, so a reloading reader never sees half a file. */
    static void write(Path file, String content) {
        try {
            Path tmp = Files.createTempFile(file.getParent(), "flags", ".tmp");
            Files.writeString(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
