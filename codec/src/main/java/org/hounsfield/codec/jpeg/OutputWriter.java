package org.hounsfield.codec.jpeg;

import org.hounsfield.codec.FrameInfo;

/**
 * Writes the decoded component planes in the {@link org.hounsfield.codec.FrameDecoder} layout:
 * little endian, samples interleaved, subsampled components brought to full resolution.
 *
 * <p>The frame is written row by row: each subsampled component is first brought to full width
 * in a row buffer, then all components are interleaved into the destination in one pass, so the
 * (large) destination is written once and sequentially.
 *
 * <p>Upsampling gives what libjpeg 6b does with its defaults (GDCM and DCMTK use it): a
 * component subsampled 2:1 horizontally, or 2:1 both ways, and more than 2 samples wide is
 * interpolated with weights 3/4 for the nearer and 1/4 for the farther input sample (in both
 * directions for 2:1 both ways), with rounding offsets that alternate between neighbouring outputs;
 * every other case, and lossless frames, replicate samples.
 */
final class OutputWriter {
    private final FrameInfo info;
    private final Component[] comps;
    private final int width;
    private final int height;
    private final int hmax;
    private final int vmax;
    private final int mask;
    private final int pt;
    private final boolean lossless;

    OutputWriter(FrameInfo info, Component[] comps, int width, int height, int hmax, int vmax,
                 int precision, int pt, boolean lossless) {
        this.info = info;
        this.comps = comps;
        this.width = width;
        this.height = height;
        this.hmax = hmax;
        this.vmax = vmax;
        this.mask = (1 << precision) - 1;
        this.pt = pt;
        this.lossless = lossless;
    }

    /** How one component reaches full resolution. */
    private static final int FULL = 0;
    private static final int TRIANGLE_H = 1;
    private static final int TRIANGLE_HV = 2;
    private static final int REPLICATE = 3;

    private int[] kind;
    private short[][] rows;
    private int[][] colMap;
    private short[][] src;
    private int[] base;

    private void prepare() {
        final int nc = comps.length;
        final int w = width;
        kind = new int[nc];
        rows = new short[nc][];
        colMap = new int[nc][];
        for (int ci = 0; ci < nc; ci++) {
            Component c = comps[ci];
            if (c.h == hmax && c.v == vmax) {
                kind[ci] = FULL;
                continue;
            }
            rows[ci] = new short[Math.max(w, 2 * c.dw)];
            // the interpolating filters apply to DCT frames and components wider than 2 samples
            boolean half = !lossless && c.h * 2 == hmax && c.dw > 2;
            if (half && c.v == vmax) {
                kind[ci] = TRIANGLE_H;
            } else if (half && c.v * 2 == vmax) {
                kind[ci] = TRIANGLE_HV;
            } else {
                kind[ci] = REPLICATE;
                colMap[ci] = new int[w];
                for (int x = 0; x < w; x++) {
                    colMap[ci][x] = (int) ((long) x * c.h / hmax);
                }
            }
        }
        src = new short[nc][];
        base = new int[nc];
    }

    /** Writes output rows y0 to y1 - 1 of the frame that starts at {@code off} in dst. */
    void write(byte[] dst, int off, int y0, int y1) {
        if (kind == null) {
            prepare();
        }
        final int nc = comps.length;
        final int bps = info.bytesPerSample();
        final int w = width;
        final short[][] src = this.src;
        final int[] base = this.base;
        // DCT samples are already within 0..2^P-1; lossless ones are masked and shifted by Pt,
        // except single-component 8-bit ones without point transform, which keep their low byte
        final boolean raw = !lossless || (bps == 1 && nc == 1 && pt == 0);
        final int rowBytes = w * nc * bps;
        for (int y = y0; y < y1; y++) {
            for (int ci = 0; ci < nc; ci++) {
                Component c = comps[ci];
                switch (kind[ci]) {
                    case FULL -> {
                        src[ci] = c.plane;
                        base[ci] = c.rowOffset(y);
                    }
                    case TRIANGLE_H -> {
                        triangleH(c.plane, c.rowOffset(y), c.dw, rows[ci]);
                        src[ci] = rows[ci];
                        base[ci] = 0;
                    }
                    case TRIANGLE_HV -> {
                        int near = Math.min(y >> 1, c.dh - 1);
                        int far = (y & 1) == 0 ? (y >> 1) - 1 : (y >> 1) + 1;
                        far = Math.max(0, Math.min(far, c.dh - 1));
                        triangleHV(c.plane, c.rowOffset(near), c.rowOffset(far), c.dw, rows[ci]);
                        src[ci] = rows[ci];
                        base[ci] = 0;
                    }
                    default -> {
                        int so = c.rowOffset((int) ((long) y * c.v / vmax));
                        short[] pl = c.plane;
                        short[] r = rows[ci];
                        int[] map = colMap[ci];
                        for (int x = 0; x < w; x++) {
                            r[x] = pl[so + map[x]];
                        }
                        src[ci] = r;
                        base[ci] = 0;
                    }
                }
            }
            int d = off + y * rowBytes;
            if (raw && bps == 1) {
                emitBytes(src, base, nc, dst, d);
            } else if (bps == 1 && nc == 3) {
                emitBytesMasked(src, base, dst, d);
            } else if (nc == 1 && bps == 2) {
                emitShorts(src[0], base[0], raw, dst, d);
            } else {
                emitGeneral(src, base, nc, bps, raw, dst, d);
            }
        }
    }

    /** 8-bit samples already in range: one byte each. */
    private void emitBytes(short[][] src, int[] base, int nc, byte[] dst, int d) {
        final int w = width;
        if (nc == 1) {
            short[] s0 = src[0];
            int b0 = base[0];
            for (int x = 0; x < w; x++) {
                dst[d + x] = (byte) s0[b0 + x];
            }
        } else if (nc == 3) {
            short[] s0 = src[0];
            short[] s1 = src[1];
            short[] s2 = src[2];
            int b0 = base[0];
            int b1 = base[1];
            int b2 = base[2];
            for (int x = 0; x < w; x++, d += 3) {
                dst[d] = (byte) s0[b0 + x];
                dst[d + 1] = (byte) s1[b1 + x];
                dst[d + 2] = (byte) s2[b2 + x];
            }
        } else {
            for (int x = 0; x < w; x++) {
                for (int ci = 0; ci < nc; ci++) {
                    dst[d++] = (byte) src[ci][base[ci] + x];
                }
            }
        }
    }

    /** Three lossless components of up to 8 bits: masked and shifted by the point transform. */
    private void emitBytesMasked(short[][] src, int[] base, byte[] dst, int d) {
        final int w = width;
        final int m = mask;
        final int s = pt;
        short[] s0 = src[0];
        short[] s1 = src[1];
        short[] s2 = src[2];
        int b0 = base[0];
        int b1 = base[1];
        int b2 = base[2];
        for (int x = 0; x < w; x++, d += 3) {
            dst[d] = (byte) (((s0[b0 + x] & 0xFFFF) << s) & m);
            dst[d + 1] = (byte) (((s1[b1 + x] & 0xFFFF) << s) & m);
            dst[d + 2] = (byte) (((s2[b2 + x] & 0xFFFF) << s) & m);
        }
    }

    /** One component of 9 to 16 bits. */
    private void emitShorts(short[] s0, int b0, boolean raw, byte[] dst, int d) {
        final int w = width;
        if (raw) {
            for (int x = 0; x < w; x++, d += 2) {
                int v = s0[b0 + x];
                dst[d] = (byte) v;
                dst[d + 1] = (byte) (v >> 8);
            }
        } else {
            final int m = mask;
            final int s = pt;
            for (int x = 0; x < w; x++, d += 2) {
                int v = ((s0[b0 + x] & 0xFFFF) << s) & m;
                dst[d] = (byte) v;
                dst[d + 1] = (byte) (v >> 8);
            }
        }
    }

    /** Any layout: masked to the precision and shifted by the point transform when lossless. */
    private void emitGeneral(short[][] src, int[] base, int nc, int bps, boolean raw, byte[] dst, int d) {
        final int w = width;
        final int m = mask;
        final int s = pt;
        for (int x = 0; x < w; x++) {
            for (int ci = 0; ci < nc; ci++) {
                int v = src[ci][base[ci] + x] & 0xFFFF;
                if (!raw) {
                    v = (v << s) & m;
                }
                dst[d] = (byte) v;
                if (bps > 1) {
                    dst[d + 1] = (byte) (v >> 8);
                    for (int k = 2; k < bps; k++) {
                        dst[d + k] = 0;
                    }
                }
                d += bps;
            }
        }
    }

    /**
     * Doubles the width of one row of {@code n} (at least 3) samples: output 2i is 3/4 of input i
     * plus 1/4 of input i-1 (rounding offset 1), output 2i+1 is 3/4 of input i plus 1/4 of input
     * i+1 (offset 2); the first and last outputs copy their input. Inputs are DCT samples, never
     * negative. Writes 2n outputs.
     */
    private static void triangleH(short[] pl, int o, int n, short[] out) {
        int prev = pl[o];
        int cur = pl[o + 1];
        out[0] = (short) prev;
        out[1] = (short) ((prev * 3 + cur + 2) >> 2);
        int end = o + n - 1;
        int j = 2;
        for (int i = o + 1; i < end; i++, j += 2) {
            int next = pl[i + 1];
            int three = cur * 3;
            out[j] = (short) ((three + prev + 1) >> 2);
            out[j + 1] = (short) ((three + next + 2) >> 2);
            prev = cur;
            cur = next;
        }
        out[j] = (short) ((cur * 3 + prev + 1) >> 2);
        out[j + 1] = (short) cur;
    }

    /**
     * Doubles width and height: each input column is first weighted 3:1 between the nearer row
     * {@code near} and the farther row {@code far}, then the columns are combined 3:1 as in
     * {@link #triangleH} with the scale 16 and rounding offsets 8 (even outputs) and 7 (odd ones).
     */
    private static void triangleHV(short[] pl, int near, int far, int n, short[] out) {
        int prev = pl[near] * 3 + pl[far];
        int cur = pl[near + 1] * 3 + pl[far + 1];
        out[0] = (short) ((prev * 4 + 8) >> 4);
        out[1] = (short) ((prev * 3 + cur + 7) >> 4);
        int j = 2;
        for (int i = 1; i < n - 1; i++, j += 2) {
            int next = pl[near + i + 1] * 3 + pl[far + i + 1];
            int three = cur * 3;
            out[j] = (short) ((three + prev + 8) >> 4);
            out[j + 1] = (short) ((three + next + 7) >> 4);
            prev = cur;
            cur = next;
        }
        out[j] = (short) ((cur * 3 + prev + 8) >> 4);
        out[j + 1] = (short) ((cur * 4 + 7) >> 4);
    }
}
