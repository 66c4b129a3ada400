package org.hounsfield.core;

/** Little helpers for reading and writing numbers in either byte order. */
final class ByteOrderUtil {
    private ByteOrderUtil() {
    }

    static long get(byte[] b, int off, int n, boolean bigEndian) {
        long v = 0;
        if (bigEndian) {
            for (int i = 0; i < n; i++) {
                v = v << 8 | (b[off + i] & 0xFF);
            }
        } else {
            for (int i = n - 1; i >= 0; i--) {
                v = v << 8 | (b[off + i] & 0xFF);
            }
        }
        return v;
    }

    static void put(byte[] b, int off, int n, long v, boolean bigEndian) {
        for (int i = 0; i < n; i++) {
            int shift = 8 * (bigEndian ? n - 1 - i : i);
            b[off + i] = (byte) (v >>> shift);
        }
    }
}
