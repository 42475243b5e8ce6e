package dev.gantry.signoff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content hash of a plan revision: {@code sha256:} and the hex SHA-256 of the plan file's
 * bytes. Any change to the file, even whitespace, is a new revision and voids sign-offs; that
 * is deliberate, since people sign what they read.
 */
public final class PlanHash {
    private PlanHash() {}

    /**
     * The hash of the file at {@code plan}.
     *
     * @throws IOException when it cannot be read
     */
    public static String of(Path plan) throws IOException {
        return of(Files.readAllBytes(plan));
    }

    /** The hash of plan bytes. */
    public static String of(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
