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

    /** Columns per strip of the vertical passes: a strip of a 2k-high level is 512 KB of floats. */
    static final int STRIP = 64;

    /** 9/7 scratch of the horizontal pass: low and high samples of a row, shifted neighbours. */
    private float[] flo = new float[0];
    private float[] fhi = new float[0];
    private float[] fsh = new float[0];
    /** 9/7 scratch of the vertical pass: the low and high rows of a strip, one array each. */
    private float[][] vlo = new float[0][];
    private float[][] vhi = new float[0][];
    /** 9/7 scratch of the single-threaded level: the rows of the level after the horizontal pass. */
    private float[][] rbuf = new float[0][];
    /** Ring buffers of low and high rows of {@link #level97}. */
    private float[][] ringL = new float[0][];
    private float[][] ringH = new float[0][];
    /** Ping-pong buffers for the low-pass output of the levels of {@link #level97}. */
    private float[] llA = new float[0];
    private float[] llB = new float[0];

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
            int need = w / 2 + 2;
            if (ia.length < need) {
                ia = new int[Math.max(need, 64)];
                ib = new int[Math.max(need, 64)];
                ic = new int[Math.max(need, 64)];
                id = new int[Math.max(need, 64)];
            }
            for (int y = y0; y < y1; y++) {
                row53(a, y * stride, w, sw, cx, ia, ib, ic, id);
            }
        }
    }

    /** Scratch of {@link #row53}. */
    private int[] ia = new int[0];
    private int[] ib = new int[0];
    private int[] ic = new int[0];
    private int[] id = new int[0];

    /**
     * 1-D 5/3 synthesis of the n samples at a[off..] (first sn low, then high), in place. The
     * two lifting steps run on separate arrays holding the neighbours of each sample at the same
     * index (the mirrored ones at the ends), so that each step is a contiguous loop over distinct
     * arrays that C2 vectorises; then the results are interleaved back into a.
     */
    private static void row53(int[] a, int off, int n, int sn, int cas, int[] e, int[] o, int[] p, int[] q) {
        int dn = n - sn;
        int hi = off + sn;
        if (cas == 0) {
            if (n == 1) {
                return;
            }
            // even sample k (low k): neighbours high k-1 and k, mirrored: p[k] = H[k-1], q[k] = H[k]
            System.arraycopy(a, hi, p, 1, dn);
            p[0] = a[hi];
            System.arraycopy(a, hi, q, 0, dn);
            q[dn] = a[hi + dn - 1]; // used when sn == dn + 1
            for (int k = 0; k < sn; k++) {
                e[k] = a[off + k] - ((p[k] + q[k] + 2) >> 2);
            }
            // odd sample k (high k): neighbours even k and k+1, mirrored
            System.arraycopy(e, 1, p, 0, sn - 1);
            p[sn - 1] = e[sn - 1];
            for (int k = 0; k < dn; k++) {
                o[k] = a[hi + k] + ((e[k] + p[k]) >> 1);
            }
            for (int k = 0; k < dn; k++) {
                a[off + 2 * k] = e[k];
                a[off + 2 * k + 1] = o[k];
            }
            if (sn > dn) {
                a[off + 2 * dn] = e[dn];
            }
        } else {
            if (n == 1) {
                a[off] /= 2;
                return;
            }
            // odd sample k (low k): neighbours high k and k+1, mirrored: q[k] = H[k+1]
            int m = Math.min(sn, dn - 1);
            System.arraycopy(a, hi + 1, q, 0, m);
            if (m < sn) {
                q[sn - 1] = a[hi + dn - 1];
            }
            for (int k = 0; k < sn; k++) {
                e[k] = a[off + k] - ((a[hi + k] + q[k] + 2) >> 2);
            }
            // even sample k (high k): neighbours odd k-1 and k, mirrored: p[k] = L'[k-1], e[sn] = e[sn-1]
            p[0] = e[0];
            System.arraycopy(e, 0, p, 1, Math.min(sn, dn - 1));
            e[sn] = e[sn - 1];
            for (int k = 0; k < dn; k++) {
                o[k] = a[hi + k] + ((p[k] + e[k]) >> 1);
            }
            for (int k = 0; k < sn; k++) {
                a[off + 2 * k] = o[k];
                a[off + 2 * k + 1] = e[k];
            }
            if (dn > sn) {
                a[off + 2 * sn] = o[sn];
            }
        }
    }

    /** 5/3 scratch of the vertical pass: the low and high rows of a strip, one array each. */
    private int[][] ilo = new int[0][];
    private int[][] ihi = new int[0][];

    /**
     * The vertical 5/3 pass on columns [from, to) of a level h samples high, in strips of
     * {@link #STRIP} columns: the low and high rows of a strip are copied into one array per row,
     * then one sweep down the strip lifts each row (a loop over distinct arrays, vectorised) and
     * writes it back as soon as it is final.
     */
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
        if (ilo.length < sn) {
            ilo = irows(ilo, sn);
        }
        if (ihi.length < dn) {
            ihi = irows(ihi, dn);
        }
        int[][] lo = ilo;
        int[][] hr = ihi;
        for (int x0 = from; x0 < to; x0 += STRIP) {
            int sw = Math.min(STRIP, to - x0);
            for (int k = 0; k < sn; k++) {
                System.arraycopy(a, k * stride + x0, lo[k], 0, sw);
            }
            for (int k = 0; k < dn; k++) {
                System.arraycopy(a, (sn + k) * stride + x0, hr[k], 0, sw);
            }
            if (cas == 0) {
                // low row k is output row 2k, high row k output row 2k+1
                int last = Math.max(sn - 1, dn);
                for (int k = 0; k <= last; k++) {
                    if (k < sn) {
                        liftLow53(lo[k], hr[Math.max(k - 1, 0)], hr[Math.min(k, dn - 1)], sw);
                        System.arraycopy(lo[k], 0, a, 2 * k * stride + x0, sw);
                    }
                    int j = k - 1;
                    if (j >= 0 && j < dn) {
                        liftHigh53(hr[j], lo[j], lo[Math.min(j + 1, sn - 1)], sw);
                        System.arraycopy(hr[j], 0, a, (2 * j + 1) * stride + x0, sw);
                    }
                }
            } else {
                // low row k is output row 2k+1, high row k output row 2k
                int last = Math.max(sn, dn) - 1;
                for (int k = 0; k <= last; k++) {
                    if (k < sn) {
                        liftLow53(lo[k], hr[Math.min(k, dn - 1)], hr[Math.min(k + 1, dn - 1)], sw);
                        System.arraycopy(lo[k], 0, a, (2 * k + 1) * stride + x0, sw);
                    }
                    if (k < dn) {
                        liftHigh53(hr[k], lo[Math.max(0, Math.min(k - 1, sn - 1))], lo[Math.min(k, sn - 1)], sw);
                        System.arraycopy(hr[k], 0, a, 2 * k * stride + x0, sw);
                    }
                }
            }
        }
    }

    /** x[i] -= (l[i] + r[i] + 2) >> 2 for i below n (the 5/3 update step). */
    private static void liftLow53(int[] x, int[] l, int[] r, int n) {
        for (int i = 0; i < n; i++) {
            x[i] -= (l[i] + r[i] + 2) >> 2;
        }
    }

    /** x[i] += (l[i] + r[i]) >> 1 for i below n (the 5/3 predict step). */
    private static void liftHigh53(int[] x, int[] l, int[] r, int n) {
        for (int i = 0; i < n; i++) {
            x[i] += (l[i] + r[i]) >> 1;
        }
    }

    /** {@code old} extended to n rows of {@link #STRIP} ints (keeping the rows it has). */
    private static int[][] irows(int[][] old, int n) {
        int[][] r = java.util.Arrays.copyOf(old, Math.max(n, old.length + old.length / 2));
        for (int i = old.length; i < r.length; i++) {
            r[i] = new int[STRIP];
        }
        return r;
    }

    /** Receives the output rows of the last level instead of the buffer (see {@link #inverse97}). */
    interface RowSink {
        /** Output row y of the level: n samples at src[off..]. */
        void row(int y, float[] src, int off, int n);
    }

    /** One level of the inverse 9/7 transform (same layout as {@link #inverse53}). */
    void inverse97(float[] a, int stride, int w, int h, int sw, int cx, int sh, int cy) {
        inverse97(a, stride, w, h, sw, cx, sh, cy, null);
    }

    /**
     * One level of the inverse 9/7 transform on one thread. The horizontal pass writes its rows,
     * already scaled for the vertical pass, into full-width row buffers (one array per row), and
     * the vertical sweep runs on those and writes each final row into {@code a}, or hands it to
     * {@code out} when not null (then {@code a} is left as it is). Same arithmetic as
     * {@link #rows97} then {@link #columns97}.
     */
    void inverse97(float[] a, int stride, int w, int h, int sw, int cx, int sh, int cy, RowSink out) {
        if (nothingToDo97(h, sh, cy)) {
            rows97(a, stride, 0, h, w, sw, cx);
            if (out != null) {
                for (int y = 0; y < h; y++) {
                    out.row(y, a, y * stride, w);
                }
            }
            return;
        }
        float[][] r = rowBuffers(h, w);
        boolean horizontal = !nothingToDo97(w, sw, cx);
        ensureRowScratch(w);
        for (int y = 0; y < h; y++) {
            float scale = y < sh ? K : TWO_INV_K;
            if (horizontal) {
                row97(a, y * stride, r[y], 0, scale, w, sw, cx, flo, fhi, fsh);
            } else {
                float[] d = r[y];
                int s = y * stride;
                for (int x = 0; x < w; x++) {
                    d[x] = a[s + x] * scale;
                }
            }
        }
        if (cy == 0) {
            sweep0(a, stride, 0, w, sh, h - sh, r, r, sh, out);
        } else {
            sweep1(a, stride, 0, w, sh, h - sh, r, r, sh, out);
        }
    }

    /** Rows in the ring buffers of {@link #level97} (a power of two; rows live 4 iterations at most). */
    private static final int RING = 8;

    /**
     * One level of the inverse 9/7 transform on one thread, streaming: the low-pass quarter is
     * read from {@code ll} (stride {@code llStride}; {@code a} itself for the first level), the
     * three high-pass bands from {@code a}, and every output row goes to {@code out}; {@code a} is
     * not written. Each input row is transformed horizontally (and scaled for the vertical pass)
     * just before the vertical sweep needs it, into a ring of a few row arrays, so that rows stay
     * in cache between the two passes. Same arithmetic as {@link #rows97} then {@link #columns97}.
     */
    void level97(float[] ll, int llStride, float[] a, int stride, int w, int h, int sw, int cx, int sh, int cy,
            RowSink out) {
        ensureRowScratch(w);
        if (ringL.length == 0 || ringL[0].length < w) {
            ringL = new float[RING][Math.max(w, 64)];
            ringH = new float[RING][Math.max(w, 64)];
        }
        float[][] lr = ringL;
        float[][] hr = ringH;
        if (nothingToDo97(h, sh, cy)) {
            for (int y = 0; y < h; y++) {
                inputRow(ll, llStride, a, stride, y, w, sw, cx, sh, 1f, lr[0]);
                out.row(y, lr[0], 0, w);
            }
            return;
        }
        int sn = sh;
        int dn = h - sh;
        int m = RING - 1;
        if (cy == 0) {
            // as sweep0: low row k is output row 2k, high row k output row 2k+1
            int last = Math.max(sn, dn + 1);
            for (int k = 0; k <= last; k++) {
                if (k < sn) {
                    inputRow(ll, llStride, a, stride, k, w, sw, cx, sh, K, lr[k & m]);
                }
                if (k < dn) {
                    inputRow(ll, llStride, a, stride, sn + k, w, sw, cx, sh, TWO_INV_K, hr[k & m]);
                }
                if (k < sn) {
                    liftRow(lr[k & m], hr[Math.max(k - 1, 0) & m], hr[Math.min(k, dn - 1) & m], w, DELTA);
                }
                int j = k - 1;
                if (j >= 0 && j < dn) {
                    liftRow(hr[j & m], lr[j & m], lr[Math.min(j + 1, sn - 1) & m], w, GAMMA);
                }
                if (j >= 0 && j < sn) {
                    liftRow(lr[j & m], hr[Math.max(j - 1, 0) & m], hr[Math.min(j, dn - 1) & m], w, BETA);
                    out.row(2 * j, lr[j & m], 0, w);
                }
                j = k - 2;
                if (j >= 0 && j < dn) {
                    liftRow(hr[j & m], lr[j & m], lr[Math.min(j + 1, sn - 1) & m], w, ALPHA);
                    out.row(2 * j + 1, hr[j & m], 0, w);
                }
            }
        } else {
            // as sweep1: low row k is output row 2k+1, high row k output row 2k; high rows are
            // needed one iteration ahead
            int last = Math.max(sn, dn);
            int made = 0;
            for (int k = 0; k <= last; k++) {
                for (int need = Math.min(k + 1, dn - 1); made <= need; made++) {
                    inputRow(ll, llStride, a, stride, sn + made, w, sw, cx, sh, TWO_INV_K, hr[made & m]);
                }
                if (k < sn) {
                    inputRow(ll, llStride, a, stride, k, w, sw, cx, sh, K, lr[k & m]);
                    liftRow(lr[k & m], hr[k & m], hr[Math.min(k + 1, dn - 1) & m], w, DELTA);
                }
                if (k < dn) {
                    liftRow(hr[k & m], lr[Math.max(k - 1, 0) & m], lr[Math.min(k, sn - 1) & m], w, GAMMA);
                }
                int j = k - 1;
                if (j >= 0 && j < sn) {
                    liftRow(lr[j & m], hr[j & m], hr[Math.min(j + 1, dn - 1) & m], w, BETA);
                    out.row(2 * j + 1, lr[j & m], 0, w);
                }
                if (j >= 0 && j < dn) {
                    liftRow(hr[j & m], lr[Math.max(j - 1, 0) & m], lr[Math.min(j, sn - 1) & m], w, ALPHA);
                    out.row(2 * j, hr[j & m], 0, w);
                }
            }
        }
    }

    /**
     * Input row y of a level after the horizontal pass, times scale, into dst: its low part from
     * ll (rows above sh) or a, its high part from a at column sw.
     */
    private void inputRow(float[] ll, int llStride, float[] a, int stride, int y, int w, int sw, int cx, int sh,
            float scale, float[] dst) {
        float[] lo = y < sh ? ll : a;
        int loOff = y < sh ? y * llStride : y * stride;
        int hiOff = y * stride + sw;
        if (!nothingToDo97(w, sw, cx)) {
            row97(lo, loOff, a, hiOff, dst, 0, scale, w, sw, cx, flo, fhi, fsh);
        } else if (sw == 1) {
            dst[0] = lo[loOff] * scale; // w == 1: the one sample is low-pass
        } else {
            dst[0] = a[hiOff] * scale;
        }
    }

    /** Row buffers of the single-threaded 9/7 level, larger ones than this are not kept. */
    private static final long KEEP_ROW_FLOATS = 1L << 22;

    private float[][] rowBuffers(int h, int w) {
        float[][] r = rbuf;
        if (r.length < h) {
            r = java.util.Arrays.copyOf(r, h);
        }
        for (int y = 0; y < h; y++) {
            if (r[y] == null || r[y].length < w) {
                r[y] = new float[w];
            }
        }
        rbuf = r;
        return r;
    }

    /** Drops the 9/7 buffers that hold more than 16 MB (called after each tile). */
    void trim() {
        long n = 0;
        for (float[] row : rbuf) {
            n += row != null ? row.length : 0;
        }
        if (n > KEEP_ROW_FLOATS) {
            rbuf = new float[0][];
        }
        if (llA.length > KEEP_ROW_FLOATS) {
            llA = new float[0];
        }
        if (llB.length > KEEP_ROW_FLOATS) {
            llB = new float[0];
        }
    }

    /** Ping-pong buffer {@code which} (0 or 1) for a low-pass output of n samples. */
    float[] llBuffer(int which, int n) {
        if (which == 0) {
            if (llA.length < n) {
                llA = new float[n];
            }
            return llA;
        }
        if (llB.length < n) {
            llB = new float[n];
        }
        return llB;
    }

    private void ensureRowScratch(int w) {
        int need = (w >> 1) + 3;
        if (flo.length < need) {
            flo = new float[Math.max(need, 64)];
            fhi = new float[Math.max(need, 64)];
            fsh = new float[Math.max(need, 64)];
        }
    }

    /** The horizontal 9/7 pass on rows [y0, y1) of a level w samples wide. */
    void rows97(float[] a, int stride, int y0, int y1, int w, int sw, int cx) {
        if (nothingToDo97(w, sw, cx)) {
            return;
        }
        ensureRowScratch(w);
        for (int y = y0; y < y1; y++) {
            row97(a, y * stride, a, y * stride, 1f, w, sw, cx, flo, fhi, fsh);
        }
    }

    private static boolean nothingToDo97(int n, int sn, int cas) {
        int dn = n - sn;
        return cas == 0 ? !(dn > 0 || sn > 1) : !(sn > 0 || dn > 1);
    }

    /**
     * 1-D 9/7 synthesis of the n samples at a[off..] (first sn low, then high; n >= 2) into
     * dst[doff..], each output sample multiplied by {@code scale} (1 or the vertical pass's K or
     * 2/K; dst may be a itself).
     * The lifting runs on the low and high samples kept apart in lo[1..sn] and hi[1..dn] (the
     * neighbours of a sample of one parity are the samples of the other), so that every step is
     * a contiguous loop; index 0 and the one after the last hold the mirrored neighbours. Each
     * sample gets the same operations in the same order as x[i] -= c * (x[i-1] + x[i+1]) on the
     * interleaved signal, mirrored at both ends.
     */
    private static void row97(float[] a, int off, float[] dst, int doff, float scale, int n, int sn, int cas,
            float[] lo, float[] hi, float[] sh) {
        row97(a, off, a, off + sn, dst, doff, scale, n, sn, cas, lo, hi, sh);
    }

    /** As above with the low samples at la[loff..] and the high ones at ha[hoff..]. */
    private static void row97(float[] la, int loff, float[] ha, int hoff, float[] dst, int doff, float scale, int n,
            int sn, int cas, float[] lo, float[] hi, float[] sh) {
        int dn = n - sn;
        for (int k = 0; k < sn; k++) {
            lo[k + 1] = la[loff + k] * K;
        }
        for (int k = 0; k < dn; k++) {
            hi[k + 1] = ha[hoff + k] * TWO_INV_K;
        }
        if (cas == 0) {
            // low sample k sits at 2k: neighbours hi k-1 and k; high sample k: lo k and k+1
            hi[0] = hi[1];
            hi[dn + 1] = hi[dn];
            liftLeft(lo, hi, sh, sn, DELTA);
            lo[sn + 1] = lo[sn];
            liftRight(hi, lo, sh, dn, GAMMA);
            hi[0] = hi[1];
            hi[dn + 1] = hi[dn];
            liftLeft(lo, hi, sh, sn, BETA);
            lo[sn + 1] = lo[sn];
            liftRight(hi, lo, sh, dn, ALPHA);
        } else {
            // low sample k sits at 2k+1: neighbours hi k and k+1; high sample k: lo k-1 and k
            hi[dn + 1] = hi[dn];
            liftRight(lo, hi, sh, sn, DELTA);
            lo[0] = lo[1];
            lo[sn + 1] = lo[sn];
            liftLeft(hi, lo, sh, dn, GAMMA);
            hi[dn + 1] = hi[dn];
            liftRight(lo, hi, sh, sn, BETA);
            lo[0] = lo[1];
            lo[sn + 1] = lo[sn];
            liftLeft(hi, lo, sh, dn, ALPHA);
        }
        int lo0 = doff + cas - 2;
        for (int k = 1; k <= sn; k++) {
            dst[lo0 + 2 * k] = lo[k] * scale;
        }
        int hi0 = doff + 1 - cas - 2;
        for (int k = 1; k <= dn; k++) {
            dst[hi0 + 2 * k] = hi[k] * scale;
        }
    }

    /**
     * x[j] -= c * (y[j-1] + y[j]) for j in 1..cnt. The shifted neighbours are first copied to
     * ys[j] = y[j-1]: a loop reading one array at two offsets does not vectorise in C2 (the loads
     * are shared between unrolled iterations), one reading y[j] and ys[j] does.
     */
    private static void liftLeft(float[] x, float[] y, float[] ys, int cnt, float c) {
        System.arraycopy(y, 0, ys, 1, cnt);
        for (int j = 1; j <= cnt; j++) {
            x[j] -= c * (ys[j] + y[j]);
        }
    }

    /** x[j] -= c * (y[j] + y[j+1]) for j in 1..cnt, through ys[j] = y[j+1] likewise. */
    private static void liftRight(float[] x, float[] y, float[] ys, int cnt, float c) {
        System.arraycopy(y, 2, ys, 1, cnt);
        for (int j = 1; j <= cnt; j++) {
            x[j] -= c * (y[j] + ys[j]);
        }
    }

    /**
     * Vertical 9/7 synthesis in strips of {@link #STRIP} columns: the low and high rows of a strip
     * are copied (scaled) into two row-major buffers, then one sweep down the strip applies the
     * four lifting steps with a lag of a row or two between them, so that the rows involved are
     * still in cache, and writes each output row into {@code a} as soon as it is final. The same
     * arithmetic per sample as {@link #row97}, so results do not depend on the strip width.
     */
    void columns97(float[] a, int stride, int from, int to, int h, int sn, int cas) {
        if (nothingToDo97(h, sn, cas)) {
            return;
        }
        int dn = h - sn;
        if (vlo.length < sn) {
            vlo = rows(vlo, sn);
        }
        if (vhi.length < dn) {
            vhi = rows(vhi, dn);
        }
        float[][] lo = vlo;
        float[][] hi = vhi;
        for (int x0 = from; x0 < to; x0 += STRIP) {
            int sw = Math.min(STRIP, to - x0);
            for (int k = 0; k < sn; k++) {
                float[] r = lo[k];
                int s = k * stride + x0;
                for (int x = 0; x < sw; x++) {
                    r[x] = a[s + x] * K;
                }
            }
            for (int k = 0; k < dn; k++) {
                float[] r = hi[k];
                int s = (sn + k) * stride + x0;
                for (int x = 0; x < sw; x++) {
                    r[x] = a[s + x] * TWO_INV_K;
                }
            }
            if (cas == 0) {
                sweep0(a, stride, x0, sw, sn, dn, lo, hi, 0, null);
            } else {
                sweep1(a, stride, x0, sw, sn, dn, lo, hi, 0, null);
            }
        }
    }

    /** {@code old} extended to n rows of {@link #STRIP} floats (keeping the rows it has). */
    private static float[][] rows(float[][] old, int n) {
        float[][] r = java.util.Arrays.copyOf(old, Math.max(n, old.length + old.length / 2));
        for (int i = old.length; i < r.length; i++) {
            r[i] = new float[STRIP];
        }
        return r;
    }

    /**
     * The pipelined lifting of one strip when row 0 is low-pass: low row k is output row 2k, high
     * row k output row 2k+1. In iteration k: DELTA on low k, GAMMA on high k-1, BETA on low k-1
     * (final), ALPHA on high k-2 (final); each reads only rows already at the step it needs.
     */
    private static void sweep0(float[] a, int stride, int x0, int sw, int sn, int dn, float[][] lo, float[][] hr,
            int hb, RowSink out) {
        float[][] hi = hb == 0 ? hr : java.util.Arrays.copyOfRange(hr, hb, hb + dn);
        int last = Math.max(sn, dn + 1);
        for (int k = 0; k <= last; k++) {
            if (k < sn) {
                liftRow(lo[k], hi[Math.max(k - 1, 0)], hi[Math.min(k, dn - 1)], sw, DELTA);
            }
            int j = k - 1;
            if (j >= 0 && j < dn) {
                liftRow(hi[j], lo[j], lo[Math.min(j + 1, sn - 1)], sw, GAMMA);
            }
            if (j >= 0 && j < sn) {
                liftRow(lo[j], hi[Math.max(j - 1, 0)], hi[Math.min(j, dn - 1)], sw, BETA);
                emit(a, stride, x0, sw, 2 * j, lo[j], out);
            }
            j = k - 2;
            if (j >= 0 && j < dn) {
                liftRow(hi[j], lo[j], lo[Math.min(j + 1, sn - 1)], sw, ALPHA);
                emit(a, stride, x0, sw, (2 * j + 1), hi[j], out);
            }
        }
    }

    /**
     * As {@link #sweep0} when row 0 is high-pass: low row k is output row 2k+1, high row k output
     * row 2k. In iteration k: DELTA on low k, GAMMA on high k, BETA on low k-1, ALPHA on high k-1.
     */
    private static void sweep1(float[] a, int stride, int x0, int sw, int sn, int dn, float[][] lo, float[][] hr,
            int hb, RowSink out) {
        float[][] hi = hb == 0 ? hr : java.util.Arrays.copyOfRange(hr, hb, hb + dn);
        int last = Math.max(sn, dn);
        for (int k = 0; k <= last; k++) {
            if (k < sn) {
                liftRow(lo[k], hi[k], hi[Math.min(k + 1, dn - 1)], sw, DELTA);
            }
            if (k < dn) {
                liftRow(hi[k], lo[Math.max(k - 1, 0)], lo[Math.min(k, sn - 1)], sw, GAMMA);
            }
            int j = k - 1;
            if (j >= 0 && j < sn) {
                liftRow(lo[j], hi[j], hi[Math.min(j + 1, dn - 1)], sw, BETA);
                emit(a, stride, x0, sw, (2 * j + 1), lo[j], out);
            }
            if (j >= 0 && j < dn) {
                liftRow(hi[j], lo[Math.max(j - 1, 0)], lo[Math.min(j, sn - 1)], sw, ALPHA);
                emit(a, stride, x0, sw, 2 * j, hi[j], out);
            }
        }
    }

    /** Output row y of a strip: into a, or to the sink. */
    private static void emit(float[] a, int stride, int x0, int sw, int y, float[] row, RowSink out) {
        if (out != null) {
            out.row(y, row, 0, sw);
        } else {
            System.arraycopy(row, 0, a, y * stride + x0, sw);
        }
    }

    /** x[i] -= c * (l[i] + r[i]) for i below n: one array per row, so that the loop vectorises. */
    private static void liftRow(float[] x, float[] l, float[] r, int n, float c) {
        for (int i = 0; i < n; i++) {
            x[i] -= c * (l[i] + r[i]);
        }
    }
}
