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

    private int[] itmp = new int[0];
    private float[] ftmp = new float[0];

    /**
     * One level of the inverse 5/3 transform on the w x h region at the top-left of {@code a}.
     *
     * @param sw  number of low-pass columns, {@code cx} 1 when the first column is high-pass
     * @param sh  number of low-pass rows, {@code cy} likewise for rows
     */
    void inverse53(int[] a, int stride, int w, int h, int sw, int cx, int sh, int cy) {
        if (w > 1 || cx == 1) {
            if (itmp.length < w) {
                itmp = new int[Math.max(w, 64)];
            }
            for (int y = 0; y < h; y++) {
                row53(a, y * stride, w, sw, cx, itmp);
            }
        }
        if (h > 1 || cy == 1) {
            columns53(a, stride, w, h, sh, cy);
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

    private void columns53(int[] a, int stride, int w, int h, int sn, int cas) {
        int dn = h - sn;
        if (h == 1) {
            if (cas == 1) {
                for (int x = 0; x < w; x++) {
                    a[x] /= 2;
                }
            }
            return;
        }
        int need = h * w;
        if (itmp.length < need) {
            itmp = new int[need];
        }
        int[] t = itmp;
        for (int y = 0; y < h; y++) {
            System.arraycopy(a, y * stride, t, y * w, w);
        }
        // t rows: L at 0..sn-1, H at sn..h-1
        int hBase = sn * w;
        if (cas == 0) {
            for (int k = 0; k < sn; k++) {
                int hm = hBase + (k == 0 ? 0 : Math.min(k - 1, dn - 1)) * w;
                int hk = hBase + Math.min(k, dn - 1) * w;
                int l = k * w;
                int o = 2 * k * stride;
                for (int x = 0; x < w; x++) {
                    a[o + x] = t[l + x] - ((t[hm + x] + t[hk + x] + 2) >> 2);
                }
            }
            for (int k = 0; k < dn; k++) {
                int e0 = 2 * k * stride;
                int e1 = 2 * Math.min(k + 1, sn - 1) * stride;
                int hh = hBase + k * w;
                int o = (2 * k + 1) * stride;
                for (int x = 0; x < w; x++) {
                    a[o + x] = t[hh + x] + ((a[e0 + x] + a[e1 + x]) >> 1);
                }
            }
        } else {
            for (int k = 0; k < sn; k++) {
                int h0 = hBase + Math.min(k, dn - 1) * w;
                int h1 = hBase + Math.min(k + 1, dn - 1) * w;
                int l = k * w;
                int o = (2 * k + 1) * stride;
                for (int x = 0; x < w; x++) {
                    a[o + x] = t[l + x] - ((t[h0 + x] + t[h1 + x] + 2) >> 2);
                }
            }
            for (int k = 0; k < dn; k++) {
                int l0 = (2 * Math.max(0, Math.min(k - 1, sn - 1)) + 1) * stride;
                int l1 = (2 * Math.min(k, sn - 1) + 1) * stride;
                int hh = hBase + k * w;
                int o = 2 * k * stride;
                for (int x = 0; x < w; x++) {
                    a[o + x] = t[hh + x] + ((a[l0 + x] + a[l1 + x]) >> 1);
                }
            }
        }
    }

    /** One level of the inverse 9/7 transform (same layout as {@link #inverse53}). */
    void inverse97(float[] a, int stride, int w, int h, int sw, int cx, int sh, int cy) {
        if (ftmp.length < Math.max(w, h)) {
            ftmp = new float[Math.max(Math.max(w, h), 64)];
        }
        for (int y = 0; y < h; y++) {
            lift97(a, y * stride, 1, w, sw, cx, ftmp);
        }
        // columns, through a small strip buffer for locality
        for (int x = 0; x < w; x++) {
            lift97(a, x, stride, h, sh, cy, ftmp);
        }
    }

    /** In-place 1-D 9/7 synthesis of n samples at a[off + i*step]: first sn low, then high. */
    private static void lift97(float[] a, int off, int step, int n, int sn, int cas, float[] t) {
        int dn = n - sn;
        if (cas == 0) {
            if (!(dn > 0 || sn > 1)) {
                return;
            }
        } else if (!(sn > 0 || dn > 1)) {
            return;
        }
        // interleave into t: low at positions cas^0 parity
        int lp = cas; // position parity of low samples: 0 when cas == 0
        for (int k = 0; k < sn; k++) {
            t[2 * k + lp] = a[off + k * step] * K;
        }
        for (int k = 0; k < dn; k++) {
            t[2 * k + 1 - lp] = a[off + (sn + k) * step] * TWO_INV_K;
        }
        // step 3: low -= delta * (h(-1) + h(+1)), etc. with symmetric extension
        liftStep(t, n, lp, DELTA);
        liftStep(t, n, 1 - lp, GAMMA);
        liftStep(t, n, lp, BETA);
        liftStep(t, n, 1 - lp, ALPHA);
        for (int i = 0; i < n; i++) {
            a[off + i * step] = t[i];
        }
    }

    /** x[i] -= c * (x[i-1] + x[i+1]) for i of the given parity, mirrored at both ends. */
    private static void liftStep(float[] t, int n, int parity, float c) {
        for (int i = parity; i < n; i += 2) {
            float l = i > 0 ? t[i - 1] : (n > 1 ? t[1] : t[0]);
            float r = i + 1 < n ? t[i + 1] : (n > 1 ? t[i - 1] : t[0]);
            t[i] -= c * (l + r);
        }
    }
}
