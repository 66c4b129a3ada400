package org.hounsfield.codec.jpeg;

import java.util.Arrays;
import org.hounsfield.codec.FrameInfo;

/**
 * Encoder for JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, Selection
 * Value 1; transfer syntax 1.2.840.10008.1.2.4.70), for transcoding.
 *
 * <p>Writes SOI, SOF3 (precision = Bits Stored, 2 to 16), one Huffman table optimised for the
 * frame, one interleaved scan with predictor 1 and no point transform, EOI. Sample values are
 * taken modulo 2<sup>Bits Stored</sup> (signed data as its two's complement bit pattern), which
 * is exactly what {@link JpegDecoder} gives back.
 *
 * <pre>{@code
 * byte[] jpeg = new JpegLosslessEncoder().encode(samples, info);
 * }</pre>
 *
 * <p>Instances hold no state between calls and may be shared between threads.
 */
public final class JpegLosslessEncoder {
    private final int restartRows;
    private final int predictor;
    private final boolean overflow16;

    /** An encoder without restart markers. */
    public JpegLosslessEncoder() {
        this(0);
    }

    /** An encoder writing a restart marker every {@code restartRows} rows (0: none); for tests. */
    JpegLosslessEncoder(int restartRows) {
        this(restartRows, 1, false);
    }

    /**
     * For tests: any predictor 1 to 7; {@code overflow16} computes predictor 6 in 16-bit signed
     * arithmetic the way some broken encoders do (see {@link JpegDecoder#withPredictor6Overflow16()}).
     */
    JpegLosslessEncoder(int restartRows, int predictor, boolean overflow16) {
        if (restartRows < 0 || predictor < 1 || predictor > 7) {
            throw new IllegalArgumentException("restartRows < 0 or predictor not 1..7");
        }
        this.restartRows = restartRows;
        this.predictor = predictor;
        this.overflow16 = overflow16;
    }

    /** Prediction for sample {@code i} of the row (T.81 H.1.2.1: first row Ra, first column Rb). */
    private int predict(int[] cur, int[] prev, int i, int x, int nc, boolean firstRow, int initial) {
        if (x == 0) {
            return firstRow ? initial : prev[i];
        }
        int ra = cur[i - nc];
        if (firstRow) {
            return ra;
        }
        int rb = prev[i];
        int rc = prev[i - nc];
        return switch (predictor) {
            case 1 -> ra;
            case 2 -> rb;
            case 3 -> rc;
            case 4 -> ra + rb - rc;
            case 5 -> ra + ((rb - rc) >> 1);
            case 6 -> overflow16 ? rb + ((short) (ra - rc) >> 1) : rb + ((ra - rc) >> 1);
            default -> (ra + rb) >> 1;
        };
    }

    /**
     * Encodes one frame.
     *
     * @param samples the frame in the {@link org.hounsfield.codec.FrameDecoder} layout: little
     *                endian, {@link FrameInfo#bytesPerSample()} bytes per sample, samples
     *                interleaved, rows top to bottom
     * @param info    frame geometry; Bits Stored 2 to 16, Samples per Pixel 1 to 4, Rows and
     *                Columns 1 to 65535
     * @return the JPEG stream, from SOI to EOI (even length is not enforced)
     * @throws IllegalArgumentException when the geometry cannot be encoded or the array is too short
     */
    public byte[] encode(byte[] samples, FrameInfo info) {
        final int rows = info.rows();
        final int cols = info.columns();
        final int nc = info.samplesPerPixel();
        final int p = info.bitsStored();
        final int bps = info.bytesPerSample();
        if (rows < 1 || rows > 65535 || cols < 1 || cols > 65535) {
            throw new IllegalArgumentException("JPEG lossless: Rows/Columns must be 1..65535, got " + rows + "x" + cols);
        }
        if (nc < 1 || nc > 4) {
            throw new IllegalArgumentException("JPEG lossless: Samples per Pixel must be 1..4, got " + nc);
        }
        if (p < 2 || p > 16 || info.bitsAllocated() < 8 || p > info.bitsAllocated()) {
            throw new IllegalArgumentException("JPEG lossless: unsupported Bits Stored " + p
                    + " / Bits Allocated " + info.bitsAllocated());
        }
        if (samples.length < info.decodedFrameBytes()) {
            throw new IllegalArgumentException("JPEG lossless: " + samples.length + " bytes, frame needs "
                    + info.decodedFrameBytes());
        }
        long ri = restartRows == 0 ? 0 : (long) restartRows * cols;
        if (ri > 65535 || (restartRows > 0 && restartRows >= rows)) {
            ri = 0;
        }
        final int restartRows = ri == 0 ? 0 : this.restartRows;

        // pass 1: histogram of difference categories
        long[] freq = new long[17];
        int[] prev = new int[cols * nc];
        int[] cur = new int[cols * nc];
        final int mask = (1 << p) - 1;
        final int initial = 1 << (p - 1);
        for (int y = 0; y < rows; y++) {
            boolean first = y == 0 || (restartRows > 0 && y % restartRows == 0);
            readRow(samples, y, cols, nc, bps, mask, cur);
            for (int x = 0; x < cols; x++) {
                for (int c = 0; c < nc; c++) {
                    int i = x * nc + c;
                    freq[category(wrap(cur[i] - predict(cur, prev, i, x, nc, first, initial)))]++;
                }
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        int[] bits = new int[17];
        int[] huffval = optimalTable(freq, bits);
        int[] code = new int[17];
        int[] size = new int[17];
        canonicalCodes(bits, huffval, code, size);

        // header
        int nsym = huffval.length;
        ByteSink out = new ByteSink(64 + (int) Math.min(Integer.MAX_VALUE - 64, info.decodedFrameBytes() / 2 + 1024));
        out.marker(0xD8);
        out.marker(0xC3);
        out.u16(8 + 3 * nc);
        out.u8(p);
        out.u16(rows);
        out.u16(cols);
        out.u8(nc);
        for (int c = 0; c < nc; c++) {
            out.u8(c + 1);
            out.u8(0x11);
            out.u8(0);
        }
        out.marker(0xC4);
        out.u16(2 + 17 + nsym);
        out.u8(0x00);
        for (int l = 1; l <= 16; l++) {
            out.u8(bits[l]);
        }
        for (int v : huffval) {
            out.u8(v);
        }
        if (restartRows > 0) {
            out.marker(0xDD);
            out.u16(4);
            out.u16((int) ri);
        }
        out.marker(0xDA);
        out.u16(6 + 2 * nc);
        out.u8(nc);
        for (int c = 0; c < nc; c++) {
            out.u8(c + 1);
            out.u8(0x00);
        }
        out.u8(predictor); // Ss: predictor
        out.u8(0); // Se
        out.u8(0); // Ah/Al: no point transform

        // pass 2: entropy-coded data
        int rst = 0;
        for (int y = 0; y < rows; y++) {
            boolean first = y == 0;
            if (restartRows > 0 && y > 0 && y % restartRows == 0) {
                out.flushBits();
                out.marker(0xD0 + rst);
                rst = (rst + 1) & 7;
                first = true;
            }
            readRow(samples, y, cols, nc, bps, mask, cur);
            for (int x = 0; x < cols; x++) {
                for (int c = 0; c < nc; c++) {
                    int i = x * nc + c;
                    int d = wrap(cur[i] - predict(cur, prev, i, x, nc, first, initial));
                    int s = category(d);
                    out.bits(code[s], size[s]);
                    if (s != 0 && s != 16) {
                        out.bits(d < 0 ? d - 1 : d, s);
                    }
                }
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        out.flushBits();
        out.marker(0xD9);
        return out.toArray();
    }

    private static void readRow(byte[] src, int y, int cols, int nc, int bps, int mask, int[] row) {
        int n = cols * nc;
        int o = y * n * bps;
        if (bps == 1) {
            for (int i = 0; i < n; i++) {
                row[i] = src[o + i] & mask;
            }
        } else {
            for (int i = 0; i < n; i++, o += bps) {
                row[i] = ((src[o] & 0xFF) | ((src[o + 1] & 0xFF) << 8)) & mask;
            }
        }
    }

    /** A difference modulo 2^16, in -32768..32767 (T.81 H.1.2.1). */
    private static int wrap(int d) {
        return (short) d;
    }

    /** Difference category (SSSS) of a difference taken modulo 2^16. */
    static int category(int d) {
        d = (short) d; // modulo 2^16, in -32768..32767
        if (d == -32768) {
            return 16;
        }
        int a = d < 0 ? -d : d;
        return 32 - Integer.numberOfLeadingZeros(a);
    }

    /**
     * Optimal code lengths limited to 16 bits (T.81 K.2: Huffman merging with a reserved
     * all-ones code point, then length adjustment). Fills bits[1..16]; returns the symbols in code
     * order.
     */
    static int[] optimalTable(long[] freqIn, int[] bits) {
        int n = freqIn.length;
        long[] freq = new long[n + 1];
        System.arraycopy(freqIn, 0, freq, 0, n);
        freq[n] = 1; // reserved symbol: no real code is all ones
        int[] codesize = new int[n + 1];
        int[] others = new int[n + 1];
        Arrays.fill(others, -1);
        for (;;) {
            int v1 = -1;
            int v2 = -1;
            for (int i = 0; i <= n; i++) {
                if (freq[i] > 0 && (v1 < 0 || freq[i] <= freq[v1])) {
                    v1 = i;
                }
            }
            for (int i = 0; i <= n; i++) {
                if (freq[i] > 0 && i != v1 && (v2 < 0 || freq[i] <= freq[v2])) {
                    v2 = i;
                }
            }
            if (v2 < 0) {
                break;
            }
            freq[v1] += freq[v2];
            freq[v2] = 0;
            codesize[v1]++;
            while (others[v1] >= 0) {
                v1 = others[v1];
                codesize[v1]++;
            }
            others[v1] = v2;
            codesize[v2]++;
            while (others[v2] >= 0) {
                v2 = others[v2];
                codesize[v2]++;
            }
        }
        int[] b = new int[64];
        for (int i = 0; i <= n; i++) {
            if (codesize[i] > 0) {
                b[codesize[i]]++;
            }
        }
        for (int i = 63; i > 16; i--) {
            while (b[i] > 0) {
                int j = i - 2;
                while (b[j] == 0) {
                    j--;
                }
                b[i] -= 2;
                b[i - 1]++;
                b[j + 1] += 2;
                b[j]--;
            }
        }
        int i = 16;
        while (b[i] == 0) {
            i--;
        }
        b[i]--; // drop the reserved code point
        System.arraycopy(b, 0, bits, 0, 17);
        int count = 0;
        int[] vals = new int[n];
        for (int len = 1; len < 64; len++) {
            for (int s = 0; s < n; s++) {
                if (codesize[s] == len) {
                    vals[count++] = s;
                }
            }
        }
        return Arrays.copyOf(vals, count);
    }

    /** Canonical codes (T.81 C.2) for the symbols; code/size indexed by symbol. */
    static void canonicalCodes(int[] bits, int[] huffval, int[] code, int[] size) {
        int c = 0;
        int k = 0;
        for (int len = 1; len <= 16; len++) {
            for (int i = 0; i < bits[len]; i++) {
                int s = huffval[k++];
                code[s] = c++;
                size[s] = len;
            }
            c <<= 1;
        }
    }

    /** Growable byte output with a bit writer that stuffs a zero after each 0xFF. */
    private static final class ByteSink {
        private byte[] buf;
        private int len;
        private long acc;
        private int nacc;

        ByteSink(int capacity) {
            buf = new byte[Math.max(capacity, 256)];
        }

        private void ensure(int extra) {
            if (len + extra > buf.length) {
                long n = Math.max((long) buf.length * 2, (long) len + extra);
                if (n > Integer.MAX_VALUE - 16) {
                    throw new IllegalArgumentException("JPEG lossless: stream too large");
                }
                buf = Arrays.copyOf(buf, (int) n);
            }
        }

        void u8(int v) {
            ensure(1);
            buf[len++] = (byte) v;
        }

        void u16(int v) {
            ensure(2);
            buf[len++] = (byte) (v >> 8);
            buf[len++] = (byte) v;
        }

        void marker(int m) {
            u8(0xFF);
            u8(m);
        }

        /** Appends the n (0..24) low bits of v. */
        void bits(int v, int n) {
            acc = (acc << n) | (v & ((1L << n) - 1));
            nacc += n;
            if (nacc >= 32) {
                ensure(12);
                while (nacc >= 8) {
                    nacc -= 8;
                    int b = (int) (acc >>> nacc) & 0xFF;
                    buf[len++] = (byte) b;
                    if (b == 0xFF) {
                        buf[len++] = 0;
                    }
                }
            }
        }

        /** Pads the last byte with one bits and writes out every pending bit. */
        void flushBits() {
            int pad = (8 - (nacc & 7)) & 7;
            if (pad > 0) {
                acc = (acc << pad) | ((1 << pad) - 1);
                nacc += pad;
            }
            ensure(16);
            while (nacc >= 8) {
                nacc -= 8;
                int b = (int) (acc >>> nacc) & 0xFF;
                buf[len++] = (byte) b;
                if (b == 0xFF) {
                    buf[len++] = 0;
                }
            }
            acc = 0;
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, len);
        }
    }
}
