package org.hounsfield.codec.rle;

import org.hounsfield.codec.FrameInfo;

/**
 * Encoder for RLE Lossless (transfer syntax 1.2.840.10008.1.2.5, DICOM PS3.5 Annex G).
 *
 * <p>Input is one frame in the {@link org.hounsfield.codec.FrameDecoder} layout (little endian,
 * samples interleaved, one byte per pixel for Bits Allocated 1); output is that frame's RLE
 * bytes: the 64-byte header followed by one PackBits segment per byte plane (most significant
 * byte first) of each sample, each row coded separately, each segment padded to an even length.
 * Bits Allocated 1 produces a single segment of packed bits, least significant bit first (any
 * non-zero input byte is a 1).
 *
 * <p>Instances are stateless and thread safe.
 */
public final class RleEncoder {

    /**
     * Encodes one frame.
     *
     * @param samples frame samples, at least {@link FrameInfo#decodedFrameBytes()} bytes
     * @param info    frame geometry; Bits Allocated 1, 8, 16, 32 or 64
     * @return the encoded frame, header included
     * @throws IllegalArgumentException if the geometry cannot be RLE coded (more than 15 segments)
     *                                  or {@code samples} is too short
     */
    public byte[] encode(byte[] samples, FrameInfo info) {
        int ba = info.bitsAllocated();
        int spp = info.samplesPerPixel();
        if (ba != 1 && ba != 8 && ba != 16 && ba != 32 && ba != 64) {
            throw new IllegalArgumentException("RLE: unsupported Bits Allocated " + ba);
        }
        int rows = info.rows();
        int cols = info.columns();
        if (rows <= 0 || cols <= 0 || spp <= 0) {
            throw new IllegalArgumentException("RLE: invalid frame geometry");
        }
        long frameBytes = info.decodedFrameBytes();
        if (samples.length < frameBytes) {
            throw new IllegalArgumentException("RLE: " + samples.length + " sample bytes, frame needs " + frameBytes);
        }
        if (ba == 1) {
            if (spp != 1) {
                throw new IllegalArgumentException("RLE: Bits Allocated 1 needs Samples per Pixel 1");
            }
            int pixels = rows * cols;
            byte[] packed = new byte[(pixels + 7) >>> 3];
            for (int i = 0; i < pixels; i++) {
                if (samples[i] != 0) {
                    packed[i >>> 3] |= (byte) (1 << (i & 7));
                }
            }
            Out out = new Out(HEADER + (cols % 8 == 0 ? worstCase(cols / 8, rows) : worstCase(packed.length, 1)));
            out.pos = HEADER;
            int[] offsets = {HEADER};
            if (cols % 8 == 0) {
                // rows are whole bytes: each row coded separately (PS3.5 G.3.1)
                int rowBytes = cols / 8;
                for (int y = 0; y < rows; y++) {
                    encodeRun(packed, y * rowBytes, (y + 1) * rowBytes, out);
                }
            } else {
                // rows share bytes: the packed frame is one stream
                encodeRun(packed, 0, packed.length, out);
            }
            out.padEven();
            return finish(out, offsets);
        }
        int bps = ba / 8;
        int segments = spp * bps;
        if (segments > RleDecoder.MAX_SEGMENTS) {
            throw new IllegalArgumentException("RLE: " + segments + " segments needed, at most 15 allowed");
        }
        int stride = spp * bps;
        Out out = new Out(HEADER + (long) segments * worstCase(cols, rows));
        out.pos = HEADER;
        int[] offsets = new int[segments];
        byte[] row = new byte[cols];
        for (int s = 0; s < spp; s++) {
            for (int b = 0; b < bps; b++) {
                int seg = s * bps + b;
                offsets[seg] = out.pos;
                int byteInSample = bps - 1 - b;
                for (int y = 0; y < rows; y++) {
                    int p = (y * cols * spp + s) * bps + byteInSample;
                    for (int x = 0; x < cols; x++, p += stride) {
                        row[x] = samples[p];
                    }
                    encodeRun(row, 0, cols, out);
                }
                out.padEven();
            }
        }
        return finish(out, offsets);
    }

    private static final int HEADER = RleDecoder.HEADER_LENGTH;

    private static long worstCase(int rowLen, int rows) {
        return (long) rows * (rowLen + (rowLen + 127) / 128) + 1;
    }

    private static byte[] finish(Out out, int[] offsets) {
        byte[] b = out.buf;
        putU32(b, 0, offsets.length);
        for (int i = 0; i < offsets.length; i++) {
            putU32(b, 4 + 4 * i, offsets[i]);
        }
        return java.util.Arrays.copyOf(b, out.pos);
    }

    private static void putU32(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }

    /** PackBits-codes {@code src[from, to)}: replicate runs of 3 to 128 bytes, literal runs up to 128. */
    private static void encodeRun(byte[] src, int from, int to, Out out) {
        byte[] o = out.buf;
        int op = out.pos;
        int i = from;
        while (i < to) {
            byte v = src[i];
            int j = i + 1;
            int lim = Math.min(to, i + 128);
            while (j < lim && src[j] == v) {
                j++;
            }
            int run = j - i;
            if (run >= 3) {
                o[op++] = (byte) (1 - run);
                o[op++] = v;
                i = j;
                continue;
            }
            int start = i;
            int k = i;
            int litLim = Math.min(to, start + 128);
            while (k < litLim) {
                if (k + 2 < to && src[k] == src[k + 1] && src[k] == src[k + 2]) {
                    break;
                }
                k++;
            }
            int len = k - start;
            o[op++] = (byte) (len - 1);
            System.arraycopy(src, start, o, op, len);
            op += len;
            i = k;
        }
        out.pos = op;
    }

    /** Output buffer sized for the worst case up front. */
    private static final class Out {
        final byte[] buf;
        int pos;

        Out(long capacity) {
            if (capacity > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("RLE: frame too large");
            }
            buf = new byte[(int) capacity];
        }

        void padEven() {
            if ((pos & 1) != 0) {
                buf[pos++] = 0;
            }
        }
    }
}
