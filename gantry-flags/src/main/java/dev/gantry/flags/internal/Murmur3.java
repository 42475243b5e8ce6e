package dev.gantry.flags.internal;

/**
 * MurmurHash3 x86_32 (seed 0) over a byte prefix followed by the UTF-8 encoding of a string,
 * computed without allocating. Unpaired surrogates encode as '?' (0x3F), as
 * {@code String.getBytes(UTF_8)} does.
 */
public final class Murmur3 {
    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private Murmur3() {
    }

    /**
     * @param prefix bytes hashed first
     * @param text string whose UTF-8 bytes follow
     * @return the bucket in 0..99999
     */
    public static int bucket(byte[] prefix, String text) {
        return (int) (((hash(prefix, text) & 0xFFFF_FFFFL) * 100_000L) >>> 32);
    }

    /**
     * @param prefix bytes hashed first
     * @param text string whose UTF-8 bytes follow
     * @return the 32-bit hash
     */
    public static int hash(byte[] prefix, String text) {
        int h = 0;
        int k = 0;
        int n = 0;
        int len = 0;
        for (byte b : prefix) {
            k |= (b & 0xFF) << (n << 3);
            if (++n == 4) {
                h = mixH(h, k);
                k = 0;
                n = 0;
            }
        }
        len += prefix.length;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            int enc;
            int cnt;
            if (c < 0x80) {
                enc = c;
                cnt = 1;
            } else if (c < 0x800) {
                enc = (0xC0 | (c >> 6)) | ((0x80 | (c & 0x3F)) << 8);
                cnt = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                enc = (0xF0 | (cp >> 18))
                        | ((0x80 | ((cp >> 12) & 0x3F)) << 8)
                        | ((0x80 | ((cp >> 6) & 0x3F)) << 16)
                        | ((0x80 | (cp & 0x3F)) << 24);
                cnt = 4;
            } else if (Character.isSurrogate(c)) {
                enc = '?';
                cnt = 1;
            } else {
                enc = (0xE0 | (c >> 12)) | ((0x80 | ((c >> 6) & 0x3F)) << 8) | ((0x80 | (c & 0x3F)) << 16);
                cnt = 3;
            }
            len += cnt;
            for (int j = 0; j < cnt; j++) {
                k |= ((enc >>> (j << 3)) & 0xFF) << (n << 3);
                if (++n == 4) {
                    h = mixH(h, k);
                    k = 0;
                    n = 0;
                }
            }
        }
        if (n > 0) {
            h ^= mixK(k);
        }
        h ^= len;
        return fmix(h);
    }

    /**
     * Reference implementation over a byte array, for tests and other SDKs to compare with.
     *
     * @param data the bytes
     * @return the 32-bit hash
     */
    public static int hash(byte[] data) {
        int h = 0;
        int blocks = data.length / 4;
        for (int i = 0; i < blocks; i++) {
            int k = (data[4 * i] & 0xFF) | (data[4 * i + 1] & 0xFF) << 8 | (data[4 * i + 2] & 0xFF) << 16
                    | (data[4 * i + 3] & 0xFF) << 24;
            h = mixH(h, k);
        }
        int k = 0;
        int tail = data.length & 3;
        for (int j = 0; j < tail; j++) {
            k |= (data[4 * blocks + j] & 0xFF) << (8 * j);
        }
        if (tail > 0) {
            h ^= mixK(k);
        }
        h ^= data.length;
        return fmix(h);
    }

    private static int mixK(int k) {
        k *= C1;
        k = Integer.rotateLeft(k, 15);
        return k * C2;
    }

    private static int mixH(int h, int k) {
        h ^= mixK(k);
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }

    private static int fmix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
