package org.hounsfield.codec.jpeg;

import org.hounsfield.codec.FrameInfo;

/**
 * Writes the decoded component planes in the {@link org.hounsfield.codec.FrameDecoder} layout:
 * little endian, samples interleaved, subsampled components brought to full resolution.
 *
 * <p>Upsampling matches libjpeg 6b with its defaults (what GDCM and DCMTK use): the "fancy"
 * triangle filter for components subsampled 2:1 horizontally (h2v1) or 2:1 both ways (h2v2) that
 * are more than 2 samples wide, plain replication for every other case.
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

    void write(byte[] dst, int off) {
        final int nc = comps.length;
        final int bps = info.bytesPerSample();
        int[] row = null;
        for (int ci = 0; ci < nc; ci++) {
            Component c = comps[ci];
            boolean full = c.h == hmax && c.v == vmax;
            if (full) {
                for (int y = 0; y < height; y++) {
                    emitPlane(c.plane, y * c.stride, dst, off + (y * width * nc + ci) * bps, nc, bps);
                }
                continue;
            }
            if (row == null) {
                row = new int[width + 16];
            }
            // libjpeg uses the fancy filters only for components wider than 2 samples
            boolean h2 = !lossless && c.h * 2 == hmax && c.dw > 2;
            if (h2 && c.v == vmax) {
                for (int y = 0; y < height; y++) {
                    h2v1(c.plane, y * c.stride, c.dw, row);
                    emitRow(row, dst, off + (y * width * nc + ci) * bps, nc, bps);
                }
            } else if (h2 && c.v * 2 == vmax) {
                for (int y = 0; y < height; y++) {
                    int r0 = y >> 1;
                    int r1 = (y & 1) == 0 ? r0 - 1 : r0 + 1;
                    if (r1 < 0) {
                        r1 = 0;
                    }
                    if (r1 > c.dh - 1) {
                        r1 = c.dh - 1;
                    }
                    if (r0 > c.dh - 1) {
                        r0 = c.dh - 1;
                    }
                    h2v2(c.plane, r0 * c.stride, r1 * c.stride, c.dw, row);
                    emitRow(row, dst, off + (y * width * nc + ci) * bps, nc, bps);
                }
            } else {
                int[] colMap = new int[width];
                for (int x = 0; x < width; x++) {
                    colMap[x] = (int) ((long) x * c.h / hmax);
                }
                short[] pl = c.plane;
                for (int y = 0; y < height; y++) {
                    int sy = (int) ((long) y * c.v / vmax);
                    int so = sy * c.stride;
                    for (int x = 0; x < width; x++) {
                        row[x] = pl[so + colMap[x]] & 0xFFFF;
                    }
                    emitRow(row, dst, off + (y * width * nc + ci) * bps, nc, bps);
                }
            }
        }
    }

    /** libjpeg h2v1_fancy_upsample: 3/4 nearer + 1/4 further sample, alternating rounding. */
    private static void h2v1(short[] pl, int o, int dw, int[] out) {
        int in0 = pl[o] & 0xFFFF;
        int in1 = pl[o + 1] & 0xFFFF;
        out[0] = in0;
        out[1] = (in0 * 3 + in1 + 2) >> 2;
        int j = 2;
        int i = 1;
        for (int n = dw - 2; n > 0; n--, i++) {
            int v = (pl[o + i] & 0xFFFF) * 3;
            out[j++] = (v + (pl[o + i - 1] & 0xFFFF) + 1) >> 2;
            out[j++] = (v + (pl[o + i + 1] & 0xFFFF) + 2) >> 2;
        }
        int v = pl[o + i] & 0xFFFF;
        out[j++] = (v * 3 + (pl[o + i - 1] & 0xFFFF) + 1) >> 2;
        out[j] = v;
    }

    /** libjpeg h2v2_fancy_upsample for one output row (r0 nearer input row, r1 the other one). */
    private static void h2v2(short[] pl, int r0, int r1, int dw, int[] out) {
        int thiscolsum = (pl[r0] & 0xFFFF) * 3 + (pl[r1] & 0xFFFF);
        int nextcolsum = (pl[r0 + 1] & 0xFFFF) * 3 + (pl[r1 + 1] & 0xFFFF);
        out[0] = (thiscolsum * 4 + 8) >> 4;
        out[1] = (thiscolsum * 3 + nextcolsum + 7) >> 4;
        int lastcolsum = thiscolsum;
        thiscolsum = nextcolsum;
        int j = 2;
        int i = 2;
        for (int n = dw - 2; n > 0; n--, i++) {
            nextcolsum = (pl[r0 + i] & 0xFFFF) * 3 + (pl[r1 + i] & 0xFFFF);
            out[j++] = (thiscolsum * 3 + lastcolsum + 8) >> 4;
            out[j++] = (thiscolsum * 3 + nextcolsum + 7) >> 4;
            lastcolsum = thiscolsum;
            thiscolsum = nextcolsum;
        }
        out[j++] = (thiscolsum * 3 + lastcolsum + 8) >> 4;
        out[j] = (thiscolsum * 4 + 7) >> 4;
    }

    private void emitPlane(short[] pl, int so, byte[] dst, int d, int nc, int bps) {
        final int w = width;
        final int m = mask;
        final int s = pt;
        if (bps == 1) {
            if (nc == 1 && s == 0) {
                for (int x = 0; x < w; x++) {
                    dst[d + x] = (byte) pl[so + x];
                }
            } else {
                for (int x = 0; x < w; x++, d += nc) {
                    dst[d] = (byte) (((pl[so + x] & 0xFFFF) << s) & m);
                }
            }
        } else if (bps == 2) {
            int step = 2 * nc;
            for (int x = 0; x < w; x++, d += step) {
                int v = ((pl[so + x] & 0xFFFF) << s) & m;
                dst[d] = (byte) v;
                dst[d + 1] = (byte) (v >> 8);
            }
        } else {
            int step = bps * nc;
            for (int x = 0; x < w; x++, d += step) {
                int v = ((pl[so + x] & 0xFFFF) << s) & m;
                dst[d] = (byte) v;
                dst[d + 1] = (byte) (v >> 8);
                for (int k = 2; k < bps; k++) {
                    dst[d + k] = 0;
                }
            }
        }
    }

    private void emitRow(int[] row, byte[] dst, int d, int nc, int bps) {
        final int w = width;
        final int m = mask;
        final int s = pt;
        int step = bps * nc;
        for (int x = 0; x < w; x++, d += step) {
            int v = (row[x] << s) & m;
            dst[d] = (byte) v;
            if (bps > 1) {
                dst[d + 1] = (byte) (v >> 8);
                for (int k = 2; k < bps; k++) {
                    dst[d + k] = 0;
                }
            }
        }
    }
}
