package dev.gantry.flags;

import dev.gantry.flags.internal.Murmur3;
import java.nio.charset.StandardCharsets;

/**
 * The bucketing compatibility contract (docs/flags-bucketing.md): a unit's bucket is
 * {@code floor(murmur3_x86_32(utf8(salt) + "." + utf8(unit), seed 0) * 100000 / 2^32)}, with the
 * hash read as an unsigned 32-bit integer. A split walks its weights in order and serves the
 * first variation whose cumulative weight exceeds the bucket. Every Gantry SDK must produce the
 * same buckets. Stateless and thread-safe.
 */
public final class Bucketing {
    /** Weights and buckets are on the scale 0..SCALE (exclusive for buckets). */
    public static final int SCALE = 100_000;

    private Bucketing() {
    }

    /**
     * @param salt the flag's salt
     * @param unit the bucketing unit (targeting key or attribute value)
     * @return the bucket in 0..99999
     */
    public static int bucket(String salt, String unit) {
        return Murmur3.bucket(prefix(salt), unit);
    }

    /**
     * @param salt the flag's salt
     * @param unit the bucketing unit
     * @return the unsigned 32-bit murmur3 hash of {@code utf8(salt) + "." + utf8(unit)}, in a long
     */
    public static long hash(String salt, String unit) {
        return Murmur3.hash(prefix(salt), unit) & 0xFFFF_FFFFL;
    }

    /**
     * @param salt a salt
     * @return the UTF-8 bytes of {@code salt + "."}, the fixed prefix of every hashed input
     */
    public static byte[] prefix(String salt) {
        return (salt + ".").getBytes(StandardCharsets.UTF_8);
    }
}
