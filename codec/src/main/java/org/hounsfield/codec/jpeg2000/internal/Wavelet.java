package org.hounsfield.codec.jpeg2000.internal;

/**
 * Inverse discrete wavelet transforms (ISO/IEC 15444-1 Annex F): reversible 5/3 in integers and
 * irreversible 9/7 in float, by lifting with symmetric extension, rows first then columns. The
 * data of one resolution level is laid out as [L | H] horizontally and [L ; H] vertically inside a
 * buffer of stride {@code stride}; the result replaces it interleaved.
 */
final class Wavelet {
    private static final float ALPHA = -1.586134342f;
    private static final float BETA = -0.052980118f;
    private static final float GAMMA = 0.882911075f;
    private static final float DELTA = 0.443506852f;
    private static final float K = 1.230174105f;
    private static final float TWO_INV_K = 1.625732422f;

    /** Columns per strip of the vertical passes: a strip of a 2k-high level is 256 KB of floats. */
    static final int STRIP = 32;

    private int[] itmp = new int[0];
    private float[] ftmp = new float[0];

    /**
     * One level of the inverse 5/3 transform on the w x h region at the top-left of {@code a}.
     *
     * @param sw  number of low-pass columns, {@code cx} 1 when the first column is high-pass
     * @param sh  number of low-pass rows, {@code cy} likewise for rows
     */
    void inverse53(int[] a, int stride, int w, int h, int sw, int cx, int sh, int cy) {
        rows53(a, stride, 0, h, w, sw, cx);
        columns53(a, stride, 0, w, h, sh, cy);
    }

    /** The horizontal 5/3 pass on rows [y0, y1) of a level w samples wide. */
    void rows53(int[] a, int stride, int y0, int y1, int w, int sw, int cx) {
        if (w > 1 || cx == 1) {
            if (itmp.length < w) {
                itmp = new int[Math.max(w, 64)];
            }
            for (int y = y0; y < y1; y++) {
                row53(a, y * stride, w, sw, cx, itmp);
            }
        }
    }

    private static void row53(int[] a, int off, int n, int sn, int cas, int[] t) {
        int dn = n - sn;
        if (cas == 0) {
            if (n == 1) {
                return;
            }
            // t: even results at t[0..sn), odd at t[sn..n)
            int lo = off;
            int hi = off + sn;
            for (int k = 0; k < sn; k++) {
                int hm = a[hi + (k == 0 ? 0 : Math.min(k - 1, dn - 1))];
                int hk = a[hi + Math.min(k, dn - 1)];
                t[k] = a[lo + k] - ((hm + hk + 2) >> 2);
            }
            for (int k = 0; k < dn; k++) {
                int e1 = t[Math.min(k + 1, sn - 1)];
                a[off + 2 * k + 1] = a[hi + k] + ((t[k] + e1) >> 1);
            }
            for (int k = 0; k < sn; k++) {
                a[off + 2 * k] = t[k];
            }
        } else {
            if (n == 1) {
                a[off] /= 2;
                return;
            }
            int lo = off;
            int hi = off + sn;
            for (int k = 0; k < sn; k++) {
                int h0 = a[hi + Math.min(k, dn - 1)];
                int h1 = a[hi + Math.min(k + 1, dn - 1)];
                t[k] = a[lo + k] - ((h0 + h1 + 2) >> 2);
            }
            for (int k = 0; k < dn; k++) {
                int l0 = t[Math.max(0, Math.min(k - 1, sn - 1))];
                int l1 = t[Math.min(k, sn - 1)];
                a[off + 2 * k] = a[hi + k] + ((l0 + l1) >> 1);
            }
            for (int k = 0; k < sn; k++) {
                a[off + 2 * k + 1] = t[k];
            }
        }
    }

    /**
     * Vertical 5/3 synthesis in strips of {@link #STRIP} columns: a strip (L rows then H rows) is
     * copied out, then every output row is computed over the strip width, so that the working set
     * stays in cache and the inner loops run along rows.
     */
    /** The vertical 5/3 pass on columns [from, to) of a level h samples high. */
    void columns53(int[] a, int stride, int from, int to, int h, int sn, int cas) {
        int dn = h - sn;
        if (h == 1) {
            if (cas == 1) {
                for (int x = from; x < to; x++) {
                    a[x] /= 2;
                }
            }
            return;
        }
        int need = h * STRIP;
        if (itmp.length < need) {
            itmp = new int[need];
        }
        int[] t = itmp;
        for (int x0 = from; x0 < to; x0 += STRIP) {
            int sw = Math.min(STRIP, to - x0);
            for (int y = 0; y < h; y++) {
                System.arraycopy(a, y * stride + x0, t, y * sw, sw);
            }
            // t rows: L at 0..sn-1, H at sn..h-1
            int hBase = sn * sw;
            if (cas == 0) {
                for (int k = 0; k < sn; k++) {
                    int hm = hBase + (k == 0 ? 0 : Math.min(k - 1, dn - 1)) * sw;
                    int hk = hBase + Math.min(k, dn - 1) * sw;
                    int l = k * sw;
                    int o = 2 * k * stride + x0;
                    for (int x = 0; x < sw; x++) {
                        a[o + x] = t[l + x] - ((t[hm + x] + t[hk + x] + 2) >> 2);
                    }
                }
                for (int k = 0; k < dn; k++) {
                    int e0 = 2 * k * stride + x0;
                    int e1 = 2 * Math.min(k + 1, sn - 1) * stride + x0;
                    int hh = hBase + k * sw;
                    int o = (2 * k + 1) * stride + x0;
                    for (int x = 0; x < sw; x++) {
                        a[o + x] = t[hh + x] + ((a[e0 + x] + a[e1 + x]) >> 1);
                    }
                }
            } else {
                for (int k = 0; k < sn; k++) {
                    int h0 = hBase + Math.min(k, dn - 1) * sw;
                    int h1 = hBase + Math.min(k + 1, dn - 1) * sw;
                    int l = k * sw;
                    int o = (2 * k + 1) * stride + x0;
                    for (int x = 0; x < sw; x++) {
                        a[o + x] = t[l + x] - ((t[h0 + x] + t[h1 + x] + 2) >> 2);
                    }
                }
                for (int k = 0; k < dn; k++) {
                    int l0 = (2 * Math.max(0, Math.min(k - 1, sn - 1)) + 1) * stride + x0;
                    int l1 = (2 * Math.min(k, sn - 1) + 1) * stride + x0;
                    int hh = hBase + k * sw;
                    int o = 2 * k * stride + x0;
                    for (int x = 0; x < sw; x++) {
                        a[o + x] = t[hh + x] + ((a[l0 + x] + a[l1 + x]) >> 1);
                    }
                }
            }
        }
    }

    /** One level of the inverse 9/7 transform (same layout as {@link #inverse53}). */
    void inverse97(float[] a, int stride, int w, int h, int sw, int cx, int sh, int cy) {
        rows97(a, stride, 0, h, w, sw, cx);
        columns97(a, stride, 0, w, h, sh, cy);
    }

    /** The horizontal 9/7 pass on rows [y0, y1) of a level w samples wide. */
    void rows97(float[] a, int stride, int y0, int y1, int w, int sw, int cx) {
        if (ftmp.length < w) {
            ftmp = new float[Math.max(w, 64)];
        }
        for (int y = y0; y < y1; y++) {
            lift97(a, y * stride, w, sw, cx, ftmp);
        }
    }

    private static boolean nothingToDo97(int n, int sn, int cas) {
        int dn = n - sn;
        return cas == 0 ? !(dn > 0 || sn > 1) : !(sn > 0 || dn > 1);
    }

    /** In-place 1-D 9/7 synthesis of the n samples at a[off..]: first sn low, then high. */
    private static void lift97(float[] a, int off, int n, int sn, int cas, float[] t) {
        if (nothingToDo97(n, sn, cas)) {
            return;
        }
        int dn = n - sn;
        // interleave into t: low samples at positions of parity cas
        for (int k = 0; k < sn; k++) {
            t[2 * k + cas] = a[off + k] * K;
        }
        for (int k = 0; k < dn; k++) {
            t[2 * k + 1 - cas] = a[off + sn + k] * TWO_INV_K;
        }
        liftStep(t, n, cas, DELTA);
        liftStep(t, n, 1 - cas, GAMMA);
        liftStep(t, n, cas, BETA);
        liftStep(t, n, 1 - cas, ALPHA);
        System.arraycopy(t, 0, a, off, n);
    }

    /**
     * x[i] -= c * (x[i-1] + x[i+1]) for i of the given parity, mirrored at both ends (a single
     * sample mirrors onto itself). The interior loop has no boundary tests.
     */
    private static void liftStep(float[] t, int n, int parity, float c) {
        if (n == 1) {
            if (parity == 0) {
                t[0] -= c * (t[0] + t[0]);
            }
            return;
        }
        int i = parity;
        if (i == 0) {
            t[0] -= c * (t[1] + t[1]);
            i = 2;
        }
        for (; i < n - 1; i += 2) {
            t[i] -= c * (t[i - 1] + t[i + 1]);
        }
        if (i == n - 1) {
            t[i] -= c * (t[i - 1] + t[i - 1]);
        }
    }

    /**
     * Vertical 9/7 synthesis in strips of {@link #STRIP} columns: each strip is interleaved into
     * {@code t} (row-major, width of the strip), lifted row by row, and copied back. The same
     * arithmetic per sample as {@link #lift97}, so results do not depend on the strip width.
     */
    void columns97(float[] a, int stride, int from, int to, int h, int sn, int cas) {
        if (nothingToDo97(h, sn, cas)) {
            return;
        }
        if (ftmp.length < h * STRIP) {
            ftmp = new float[h * STRIP];
        }
        float[] t = ftmp;
        int dn = h - sn;
        for (int x0 = from; x0 < to; x0 += STRIP) {
            int sw = Math.min(STRIP, to - x0);
            for (int k = 0; k < sn; k++) {
                int s = k * stride + x0;
                int d = (2 * k + cas) * sw;
                for (int x = 0; x < sw; x++) {
                    t[d + x] = a[s + x] * K;
                }
            }
            for (int k = 0; k < dn; k++) {
                int s = (sn + k) * stride + x0;
                int d = (2 * k + 1 - cas) * sw;
                for (int x = 0; x < sw; x++) {
                    t[d + x] = a[s + x] * TWO_INV_K;
                }
            }
            liftRows(t, h, sw, cas, DELTA);
            liftRows(t, h, sw, 1 - cas, GAMMA);
            liftRows(t, h, sw, cas, BETA);
            liftRows(t, h, sw, 1 - cas, ALPHA);
            for (int y = 0; y < h; y++) {
                System.arraycopy(t, y * sw, a, y * stride + x0, sw);
            }
        }
    }

    /** {@link #liftStep} on whole rows of width sw. */
    private static void liftRows(float[] t, int n, int sw, int parity, float c) {
        if (n == 1) {
            if (parity == 0) {
                for (int x = 0; x < sw; x++) {
                    t[x] -= c * (t[x] + t[x]);
                }
            }
            return;
        }
        for (int i = parity; i < n; i += 2) {
            int o = i * sw;
            int l = (i > 0 ? i - 1 : 1) * sw;
            int r = (i + 1 < n ? i + 1 : i - 1) * sw;
            for (int x = 0; x < sw; x++) {
                t[o + x] -= c * (t[l + x] + t[r + x]);
            }
        }
    }
}
