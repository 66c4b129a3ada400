package org.hounsfield.codec.jpeg2000.internal;

import org.hounsfield.core.DicomCodecException;

/**
 * EBCOT tier-1 decoder (ISO/IEC 15444-1 Annex D): significance propagation, magnitude refinement
 * and cleanup passes with all code-block style options (bypass, reset, termination on each pass,
 * vertically causal contexts, predictable termination, segmentation symbols).
 *
 * <p>The MQ DECODE steps are inlined into the pass loops on local copies of A, C and CT (written
 * back at the end of each pass and around the byte-reading slow path, {@link MqDecoder#renorm}).
 * A context is one packed word (Qe, state index, MPS), so one load gives what the interval
 * arithmetic needs. The significance and refinement passes use a branch-free form (masks
 * instead of the MPS/LPS and exchange branches, the next context word picked by mask, kept when
 * no renormalisation happens): in lossless code-blocks their decisions are close to random and
 * mispredicted branches cost more than the few extra operations; so do the sign decisions of the
 * cleanup pass, whose other decisions (mostly zeros in long runs) keep the branching form. The
 * refinement pass keeps its three context words in registers for the whole pass.
 */
public final class EbcotBlockDecoder implements CodeBlockDecoder {
    static final int CTX_RL = 17, CTX_UNI = 18;

    // neighbour significance
    private static final int NW = 1, N = 2, NE = 4, W = 8, E = 16, SW = 32, S = 64, SE = 128;
    // neighbour signs (set together with the significance bit)
    private static final int NEG_N = 256, NEG_W = 512, NEG_E = 1024, NEG_S = 2048;
    private static final int SIG = 4096, NEG = 32768;
    /*
     * Stripe-column words (one per column of each 4-row stripe, in cols[]): bits 0-3 significance
     * of the column's rows, bits 4-7 "visited by this bit-plane's significance pass", bits 8-11
     * the row has a significant neighbour (exactly the rows whose flags have a neighbour bit),
     * bits 12-15 the row has been refined (its magnitude refinement context is then 16, whatever
     * its neighbours). The passes find the rows to code from this one word.
     */
    private static final int C_VIS_SHIFT = 4, C_VIS = 0xF0, C_NB_SHIFT = 8, C_NB = 0xF00, C_REF_SHIFT = 12;

    /** Zero-coding contexts for LL/LH, HL, HH, indexed by the 8 neighbour bits. */
    private static final byte[][] ZC = new byte[4][256];
    /** Sign contexts: (context << 1) | xor bit, indexed by 4 significance + 4 sign bits. */
    private static final byte[] SC = new byte[256];

    static {
        for (int f = 0; f < 256; f++) {
            int h = ((f & W) != 0 ? 1 : 0) + ((f & E) != 0 ? 1 : 0);
            int v = ((f & N) != 0 ? 1 : 0) + ((f & S) != 0 ? 1 : 0);
            int d = ((f & NW) != 0 ? 1 : 0) + ((f & NE) != 0 ? 1 : 0) + ((f & SW) != 0 ? 1 : 0)
                    + ((f & SE) != 0 ? 1 : 0);
            ZC[0][f] = (byte) zcLL(h, v, d);
            ZC[2][f] = ZC[0][f];
            ZC[1][f] = (byte) zcLL(v, h, d);
            int hd = h + v;
            int hh;
            if (d >= 3) {
                hh = 8;
            } else if (d == 2) {
                hh = hd >= 1 ? 7 : 6;
            } else if (d == 1) {
                hh = hd >= 2 ? 5 : hd == 1 ? 4 : 3;
            } else {
                hh = hd >= 2 ? 2 : hd == 1 ? 1 : 0;
            }
            ZC[3][f] = (byte) hh;
        }
        for (int i = 0; i < 256; i++) {
            // bits: 0 sigN, 1 sigW, 2 sigE, 3 sigS, 4 negN, 5 negW, 6 negE, 7 negS
            int hc = contrib(i, 1, 5) + contrib(i, 2, 6);
            int vc = contrib(i, 0, 4) + contrib(i, 3, 7);
            hc = Math.max(-1, Math.min(1, hc));
            vc = Math.max(-1, Math.min(1, vc));
            int ctx;
            int xor;
            if (hc == 1) {
                xor = 0;
                ctx = vc == 1 ? 13 : vc == 0 ? 12 : 11;
            } else if (hc == 0) {
                ctx = vc == 0 ? 9 : 10;
                xor = vc == -1 ? 1 : 0;
            } else {
                xor = 1;
                ctx = vc == 1 ? 11 : vc == 0 ? 12 : 13;
            }
            SC[i] = (byte) ((ctx << 1) | xor);
        }
    }

    private static int contrib(int i, int sigBit, int negBit) {
        if ((i & (1 << sigBit)) == 0) {
            return 0;
        }
        return (i & (1 << negBit)) != 0 ? -1 : 1;
    }

    private static int zcLL(int h, int v, int d) {
        if (h == 2) {
            return 8;
        }
        if (h == 1) {
            return v >= 1 ? 7 : d >= 1 ? 6 : 5;
        }
        if (v == 2) {
            return 4;
        }
        if (v == 1) {
            return 3;
        }
        return d >= 2 ? 2 : d == 1 ? 1 : 0;
    }

    private final MqDecoder mq = new MqDecoder();
    private final RawDecoder raw = new RawDecoder();
    private int[] flags = new int[0];
    private int[] mag = new int[0];
    private int[] cols = new int[0];
    private int w, h, fw;
    /*
     * Per stripe (index 1 .. ns, with the guard stripes 0 and ns + 1): the first and last column
     * whose stripe-column word may be non-zero (empty when first > last). Every sample that
     * became significant widens the range of its stripe by its column +- 1 (and of the stripe
     * above / below when its neighbour bits cross). The passes scan only these columns, the
     * cleanup pass decodes the run-length zeros of the empty columns in bulk, and the next block
     * clears only what the ranges cover (in the layout of the block that set them).
     */
    private int[] sLo = new int[0];
    private int[] sHi = new int[0];
    /** Layout of the previous block (flags row width, height, stripes): what to clear. */
    private int pfw, ph, pns = -2;
    private boolean causal;
    private byte[] zc;

    @Override
    public void decode(CodeBlock cb, int numBitPlanes, int orient, int style, int[] out) {
        run(cb, numBitPlanes, orient, style);
        int o = 0;
        for (int y = 0; y < h; y++) {
            int i = (y + 1) * fw + 1;
            for (int x = 0; x < w; x++, i++) {
                out[o++] = signedMag(flags[i], mag[i]);
            }
        }
    }

    /** The signed coefficient of a sample: 0 unless significant (mag is not cleared between blocks). */
    private static int signedMag(int fl, int m) {
        int neg = (fl << 16) >> 31; // NEG bit 15
        int sig = (fl << 19) >> 31; // SIG bit 12
        return ((m ^ neg) - neg) & sig;
    }

    /**
     * Decodes {@code cb} and writes its coefficients times {@code step} into {@code dst} at
     * {@code off} (row stride {@code stride}). Stripes without a significant sample are skipped,
     * so {@code dst} must hold zeros there. Same values as {@link #decode} then
     * {@code out[i] * step}, without the intermediate block.
     */
    void decodeInto(CodeBlock cb, int numBitPlanes, int orient, int style, float[] dst, int off, int stride,
            float step) {
        run(cb, numBitPlanes, orient, style);
        int[] f = flags;
        int[] m = mag;
        int fw = this.fw;
        for (int y0 = 0; y0 < h; y0 += 4) {
            // samples outside the stripe's column range are not significant
            int lo = sLo[(y0 >> 2) + 1];
            int hi = sHi[(y0 >> 2) + 1];
            int ye = Math.min(y0 + 4, h);
            for (int y = y0; y < ye; y++) {
                int i = (y + 1) * fw + 1;
                int o = off + y * stride;
                for (int x = lo; x <= hi; x++) {
                    dst[o + x] = signedMag(f[i + x], m[i + x]) * step;
                }
            }
        }
    }

    /**
     * As {@link #decodeInto(CodeBlock, int, int, int, float[], int, int, float)} for the 5/3
     * path: writes {@code out[i] / 2} (the reconstruction bit dropped).
     */
    void decodeInto(CodeBlock cb, int numBitPlanes, int orient, int style, int[] dst, int off, int stride) {
        run(cb, numBitPlanes, orient, style);
        int[] f = flags;
        int[] m = mag;
        int fw = this.fw;
        for (int y0 = 0; y0 < h; y0 += 4) {
            int lo = sLo[(y0 >> 2) + 1];
            int hi = sHi[(y0 >> 2) + 1];
            int ye = Math.min(y0 + 4, h);
            for (int y = y0; y < ye; y++) {
                int i = (y + 1) * fw + 1;
                int o = off + y * stride;
                for (int x = lo; x <= hi; x++) {
                    // |v| / 2 with the sign applied: v / 2 rounded toward zero
                    dst[o + x] = signedMag(f[i + x], m[i + x] >> 1);
                }
            }
        }
    }

    /** Runs the coding passes of {@code cb}: leaves flags, mag and cols describing the block. */
    private void run(CodeBlock cb, int numBitPlanes, int orient, int style) {
        w = cb.width();
        h = cb.height();
        fw = w + 2;
        // flags and column words are zero except where the previous block's ranges say
        clearTouched();
        int size = fw * (h + 2);
        if (flags.length < size) {
            // mag is read only where flags say significant, and set when a sample becomes so
            flags = new int[size];
            mag = new int[size];
        }
        // stripe-column words with a guard stripe above and below and a guard column each side
        int ns = (h + 3) >> 2;
        int csize = fw * (ns + 2);
        if (cols.length < csize) {
            cols = new int[csize];
        }
        if (sLo.length < ns + 2) {
            sLo = new int[ns + 2];
            sHi = new int[ns + 2];
        }
        java.util.Arrays.fill(sLo, 0, ns + 2, w);
        java.util.Arrays.fill(sHi, 0, ns + 2, -1);
        pfw = fw;
        ph = h;
        pns = ns;
        causal = (style & CodingStyle.CB_CAUSAL) != 0;
        zc = ZC[orient];
        boolean bypass = (style & CodingStyle.CB_BYPASS) != 0;
        boolean reset = (style & CodingStyle.CB_RESET) != 0;
        boolean segsym = (style & CodingStyle.CB_SEGSYM) != 0;
        if (numBitPlanes > 30) {
            throw new DicomCodecException("JPEG 2000: too many bit-planes in code-block (" + numBitPlanes + ")", -1);
        }
        mq.resetContexts();
        int bp = numBitPlanes - 1;
        int passType = 2;
        int pass = 0;
        int segOff = 0;
        boolean rawSeg = false;
        for (int s = 0; s < cb.numSegments && bp >= 0; s++) {
            int len = cb.segLengths[s];
            int np = cb.segPasses[s];
            if (segOff + len > cb.dataLength) {
                throw new DicomCodecException("JPEG 2000: code-block segment exceeds its data", -1);
            }
            rawSeg = bypass && pass >= 10 && passType != 2;
            if (rawSeg) {
                raw.init(cb.data, segOff, len);
            } else {
                mq.init(cb.data, segOff, len);
            }
            for (int k = 0; k < np && bp >= 0; k++, pass++) {
                if (reset && pass > 0) {
                    mq.resetContexts();
                }
                switch (passType) {
                    case 0 -> {
                        if (rawSeg) {
                            sigPassRaw(bp);
                        } else {
                            sigPass(bp);
                        }
                    }
                    case 1 -> {
                        if (rawSeg) {
                            refPassRaw(bp);
                        } else {
                            refPass(bp);
                        }
                    }
                    default -> {
                        cleanupPass(bp);
                        if (segsym) {
                            mq.decode(CTX_UNI);
                            mq.decode(CTX_UNI);
                            mq.decode(CTX_UNI);
                            mq.decode(CTX_UNI);
                        }
                    }
                }
                if (++passType == 3) {
                    passType = 0;
                    bp--;
                }
            }
            segOff += len;
        }
    }

    /**
     * Zeroes the flags and column words the previous block may have set: for each stripe with a
     * column range, its column words and its flag rows (with the row above and below) over the
     * range +- 1, in that block's layout.
     */
    private void clearTouched() {
        int[] f = flags;
        int[] cw = cols;
        int pfw = this.pfw;
        int touched = 0;
        for (int s = 1; s <= pns; s++) {
            if (sLo[s] <= sHi[s]) {
                touched++;
            }
        }
        if (touched * 2 > pns) {
            // a dense block: one fill of each array costs less than the overlapping pieces
            java.util.Arrays.fill(f, 0, pfw * (ph + 2), 0);
            java.util.Arrays.fill(cw, 0, pfw * (pns + 2), 0);
            return;
        }
        for (int s = 0; s <= pns + 1; s++) {
            int lo = sLo[s];
            int hi = sHi[s];
            if (lo > hi) {
                continue;
            }
            // padded columns lo .. hi + 2 are block columns lo - 1 .. hi + 1
            java.util.Arrays.fill(cw, s * pfw + lo, s * pfw + hi + 3, 0);
            if (s >= 1 && s <= pns) {
                int r1 = Math.min(4 * s + 1, ph + 1);
                for (int r = 4 * s - 4; r <= r1; r++) {
                    java.util.Arrays.fill(f, r * pfw + lo, r * pfw + hi + 3, 0);
                }
            }
        }
    }

    /** Widens the column range of stripe s (1-based) to columns xl .. xh. */
    private void widen(int s, int xl, int xh) {
        if (xl < sLo[s]) {
            sLo[s] = xl;
        }
        if (xh > sHi[s]) {
            sHi[s] = xh;
        }
    }

    /** Marks sample i (column x, row y) significant with sign neg (0/1) in its neighbours' flags. */
    private void setSig(int i, int x, int y, int neg) {
        int[] f = flags;
        int fw = this.fw;
        int nm = -neg; // all ones when negative: selects the sign bits
        f[i] |= SIG | (NEG & nm);
        int r = y & 3;
        if (!causal || r != 0) {
            f[i - fw - 1] |= SE;
            f[i - fw] |= S | (NEG_S & nm);
            f[i - fw + 1] |= SW;
        }
        f[i - 1] |= E | (NEG_E & nm);
        f[i + 1] |= W | (NEG_W & nm);
        f[i + fw - 1] |= NE;
        f[i + fw] |= N | (NEG_N & nm);
        f[i + fw + 1] |= NW;
        int[] cw = cols;
        int ci = ((y >> 2) + 1) * fw + x + 1;
        // rows r - 1 .. r + 1 of the three columns; row 3 above / row 0 below across stripes
        int nb = (((7 << r) >> 1) & 0xF) << C_NB_SHIFT;
        cw[ci] |= (1 << r) | nb;
        cw[ci - 1] |= nb;
        cw[ci + 1] |= nb;
        int s = (y >> 2) + 1;
        int xl = x > 0 ? x - 1 : 0;
        int xh = x < w - 1 ? x + 1 : x;
        widen(s, xl, xh);
        if (r == 0) {
            if (!causal) {
                int up = 8 << C_NB_SHIFT;
                cw[ci - fw - 1] |= up;
                cw[ci - fw] |= up;
                cw[ci - fw + 1] |= up;
                widen(s - 1, xl, xh);
            }
        } else if (r == 3) {
            int down = 1 << C_NB_SHIFT;
            cw[ci + fw - 1] |= down;
            cw[ci + fw] |= down;
            cw[ci + fw + 1] |= down;
            widen(s + 1, xl, xh);
        }
    }

    private static int signIndex(int f) {
        return ((f >> 1) & 1) | ((f >> 2) & 6) | ((f >> 3) & 8) | ((f >> 4) & 0xF0);
    }

    private void sigPass(int bp) {
        int oneHalf = 3 << bp;
        int[] f = flags;
        int[] m = mag;
        byte[] zc = this.zc;
        int fw = this.fw;
        MqDecoder mq = this.mq;
        int[] cxs = mq.ctx;
        final int[] nmps = MqDecoder.NEXT_MPS_W;
        final int[] nlps = MqDecoder.NEXT_LPS_W;
        int a = mq.a;
        int c = mq.c;
        int ct = mq.ct;
        int[] cw = cols;
        for (int y0 = 0; y0 < h; y0 += 4) {
            int ye = Math.min(y0 + 4, h);
            int full = (1 << (ye - y0)) - 1;
            int s = (y0 >> 2) + 1;
            int cb = s * fw + 1;
            // the range grows to the right when a sample of this stripe becomes significant
            for (int x = sLo[s]; x <= sHi[s]; x++) {
                int col = cw[cb + x];
                // rows not yet significant with a significant neighbour, top to bottom
                int cand = ~col & (col >> C_NB_SHIFT) & full;
                if (cand == 0) {
                    continue;
                }
                int vis = 0;
                int i0 = (y0 + 1) * fw + x + 1;
                while (cand != 0) {
                    int r = Integer.numberOfTrailingZeros(cand);
                    cand &= cand - 1;
                    int y = y0 + r;
                    int i = i0 + r * fw;
                    int fl = f[i];
                    {
                        int bit;
                        {
                            int cx_ = zc[fl & 0xFF];
                            int w_ = cxs[cx_];
                            int qe_ = w_ >>> 16;
                            a -= qe_;
                            int lo_ = ((c >>> 16) - qe_) >> 31;
                            int lps_ = lo_ ^ ((a - qe_) >> 31);
                            bit = (w_ ^ lps_) & 1;
                            a = (a & ~lo_) | (qe_ & lo_);
                            c -= (qe_ << 16) & ~lo_;
                            int n_ = Integer.numberOfLeadingZeros(a) - 16;
                            int si_ = w_ & 0x7F;
                            int nm_ = nmps[si_];
                            int nx_ = nm_ ^ ((nm_ ^ nlps[si_]) & lps_);
                            cxs[cx_] = nx_ ^ ((nx_ ^ w_) & ((n_ - 1) >> 31));
                            if (n_ <= ct) {
                                a <<= n_;
                                c <<= n_;
                                ct -= n_;
                            } else {
                                mq.a = a;
                                mq.c = c;
                                mq.ct = ct;
                                mq.renorm();
                                a = mq.a;
                                c = mq.c;
                                ct = mq.ct;
                            }
                        }
                        if (bit != 0) {
                            int sc = SC[signIndex(fl)];
                            int sb;
                            {
                                int cx_ = sc >> 1;
                                int w_ = cxs[cx_];
                                int qe_ = w_ >>> 16;
                                a -= qe_;
                                int lo_ = ((c >>> 16) - qe_) >> 31;
                                int lps_ = lo_ ^ ((a - qe_) >> 31);
                                sb = (w_ ^ lps_) & 1;
                                a = (a & ~lo_) | (qe_ & lo_);
                                c -= (qe_ << 16) & ~lo_;
                                int n_ = Integer.numberOfLeadingZeros(a) - 16;
                                int si_ = w_ & 0x7F;
                                int nm_ = nmps[si_];
                                int nx_ = nm_ ^ ((nm_ ^ nlps[si_]) & lps_);
                                cxs[cx_] = nx_ ^ ((nx_ ^ w_) & ((n_ - 1) >> 31));
                                if (n_ <= ct) {
                                    a <<= n_;
                                    c <<= n_;
                                    ct -= n_;
                                } else {
                                    mq.a = a;
                                    mq.c = c;
                                    mq.ct = ct;
                                    mq.renorm();
                                    a = mq.a;
                                    c = mq.c;
                                    ct = mq.ct;
                                }
                            }
                            m[i] = oneHalf;
                            setSig(i, x, y, sb ^ (sc & 1));
                            // the rows below may have gained a significant neighbour
                            int now = cw[cb + x];
                            cand = ~now & (now >> C_NB_SHIFT) & full & (-2 << r);
                        }
                        vis |= 1 << (r + C_VIS_SHIFT);
                    }
                }
                cw[cb + x] |= vis;
            }
        }
        mq.a = a;
        mq.c = c;
        mq.ct = ct;
    }

    private void sigPassRaw(int bp) {
        int oneHalf = 3 << bp;
        int[] f = flags;
        int[] cw = cols;
        for (int y0 = 0; y0 < h; y0 += 4) {
            int ye = Math.min(y0 + 4, h);
            int s = (y0 >> 2) + 1;
            int cb = s * fw + 1;
            for (int x = sLo[s]; x <= sHi[s]; x++) {
                int i = (y0 + 1) * fw + x + 1;
                int vis = 0;
                for (int y = y0; y < ye; y++, i += fw) {
                    int fl = f[i];
                    if ((fl & SIG) == 0 && (fl & 0xFF) != 0) {
                        if (raw.bit() != 0) {
                            int neg = raw.bit();
                            mag[i] = oneHalf;
                            setSig(i, x, y, neg);
                        }
                        vis |= 1 << (y - y0 + C_VIS_SHIFT);
                    }
                }
                cw[cb + x] |= vis;
            }
        }
    }

    private void refPass(int bp) {
        int half = 1 << bp;
        int[] f = flags;
        int[] m = mag;
        int fw = this.fw;
        MqDecoder mq = this.mq;
        int[] cxs = mq.ctx;
        final int[] nmps = MqDecoder.NEXT_MPS_W;
        final int[] nlps = MqDecoder.NEXT_LPS_W;
        int a = mq.a;
        int c = mq.c;
        int ct = mq.ct;
        int[] cw = cols;
        // the three refinement contexts live in registers for the pass
        int w14 = cxs[14], w15 = cxs[15], w16 = cxs[16];
        for (int y0 = 0; y0 < h; y0 += 4) {
            int s = (y0 >> 2) + 1;
            int cb = s * fw + 1;
            int i0 = (y0 + 1) * fw + 1;
            for (int x = sLo[s], xe = sHi[s]; x <= xe; x++) {
                int col = cw[cb + x];
                // significant before this bit-plane's significance pass: significant, not visited
                int todo = col & ~(col >> C_VIS_SHIFT) & 0xF;
                if (todo == 0) {
                    continue;
                }
                int refd = col >> C_REF_SHIFT;
                cw[cb + x] = col | (todo << C_REF_SHIFT);
                while (todo != 0) {
                    int r = Integer.numberOfTrailingZeros(todo);
                    todo &= todo - 1;
                    int i = i0 + x + r * fw;
                    {
                        int bit;
                        {
                            int cx_ = ((refd >> r) & 1) != 0 ? 16 : (f[i] & 0xFF) != 0 ? 15 : 14;
                            int w_ = cx_ == 16 ? w16 : cx_ == 15 ? w15 : w14;
                            int qe_ = w_ >>> 16;
                            a -= qe_;
                            int lo_ = ((c >>> 16) - qe_) >> 31;
                            int lps_ = lo_ ^ ((a - qe_) >> 31);
                            bit = (w_ ^ lps_) & 1;
                            a = (a & ~lo_) | (qe_ & lo_);
                            c -= (qe_ << 16) & ~lo_;
                            int n_ = Integer.numberOfLeadingZeros(a) - 16;
                            int si_ = w_ & 0x7F;
                            int nm_ = nmps[si_];
                            int nx_ = nm_ ^ ((nm_ ^ nlps[si_]) & lps_);
                            int nw_ = nx_ ^ ((nx_ ^ w_) & ((n_ - 1) >> 31));
                            if (cx_ == 16) {
                                w16 = nw_;
                            } else if (cx_ == 15) {
                                w15 = nw_;
                            } else {
                                w14 = nw_;
                            }
                            if (n_ <= ct) {
                                a <<= n_;
                                c <<= n_;
                                ct -= n_;
                            } else {
                                mq.a = a;
                                mq.c = c;
                                mq.ct = ct;
                                mq.renorm();
                                a = mq.a;
                                c = mq.c;
                                ct = mq.ct;
                            }
                        }
                        m[i] += (bit << (bp + 1)) - half;
                    }
                }
            }
        }
        cxs[14] = w14;
        cxs[15] = w15;
        cxs[16] = w16;
        mq.a = a;
        mq.c = c;
        mq.ct = ct;
    }

    private void refPassRaw(int bp) {
        int half = 1 << bp;
        int[] m = mag;
        int[] cw = cols;
        for (int y0 = 0; y0 < h; y0 += 4) {
            int s = (y0 >> 2) + 1;
            int cb = s * fw + 1;
            int i0 = (y0 + 1) * fw + 1;
            for (int x = sLo[s], xe = sHi[s]; x <= xe; x++) {
                int col = cw[cb + x];
                int todo = col & ~(col >> C_VIS_SHIFT) & 0xF;
                cw[cb + x] = col | (todo << C_REF_SHIFT);
                while (todo != 0) {
                    int r = Integer.numberOfTrailingZeros(todo);
                    todo &= todo - 1;
                    int i = i0 + x + r * fw;
                    if (raw.bit() != 0) {
                        m[i] += half;
                    } else {
                        m[i] -= half;
                    }
                }
            }
        }
    }

    private void cleanupPass(int bp) {
        int oneHalf = 3 << bp;
        int[] f = flags;
        int[] m = mag;
        byte[] zc = this.zc;
        int fw = this.fw;
        MqDecoder mq = this.mq;
        int[] cxs = mq.ctx;
        final int[] nmps = MqDecoder.NEXT_MPS_W;
        final int[] nlps = MqDecoder.NEXT_LPS_W;
        int a = mq.a;
        int c = mq.c;
        int ct = mq.ct;
        int[] cw = cols;
        for (int y0 = 0; y0 < h; y0 += 4) {
            int ye = Math.min(y0 + 4, h);
            int full = (1 << (ye - y0)) - 1;
            int s = (y0 >> 2) + 1;
            int cb = s * fw + 1;
            // columns x .. zeroUntil - 1 have an all-zero word (valid until a setSig)
            int zeroUntil = 0;
            for (int x = 0; x < w; x++) {
                int col = cw[cb + x];
                if (col == 0 && full == 15) {
                    /*
                     * A run of empty columns: each codes one run-length decision. While the MPS
                     * is 0 and neither the exchange nor a renormalisation is due, a decision only
                     * takes Qe from A and from C's high half, so k of them at once subtract k Qe.
                     */
                    int rw = cxs[CTX_RL];
                    if ((rw & 1) == 0) {
                        if (x >= zeroUntil) {
                            int lo = sLo[s];
                            int hi = sHi[s];
                            int e;
                            if (x < lo) {
                                e = lo;
                            } else if (x > hi) {
                                e = w;
                            } else {
                                e = x + 1;
                                while (e <= hi && cw[cb + e] == 0) {
                                    e++;
                                }
                                if (e > hi) {
                                    e = w;
                                }
                            }
                            zeroUntil = e;
                        }
                        int qe = rw >>> 16;
                        int k = Math.min(Math.min(c >>> 16, a - 0x8000) / qe, zeroUntil - x);
                        if (k > 0) {
                            int d = k * qe;
                            a -= d;
                            c -= d << 16;
                            x += k;
                            if (x == w) {
                                break;
                            }
                            col = cw[cb + x];
                        }
                    }
                }
                // rows already significant or visited by the significance pass
                int done = (col | (col >> C_VIS_SHIFT)) & 0xF;
                if (done == full) {
                    if ((col & C_VIS) != 0) {
                        cw[cb + x] = col & ~C_VIS;
                    }
                    continue;
                }
                int i0 = (y0 + 1) * fw + x + 1;
                int start = y0;
                if (ye - y0 == 4 && done == 0) {
                    if ((col & C_NB) == 0) {
                        int bit;
                        {
                            int cx_ = CTX_RL;
                            int w_ = cxs[cx_];
                            int qe_ = w_ >>> 16;
                            a -= qe_;
                            if ((c >>> 16) < qe_) {
                                if (a < qe_) {
                                    bit = w_ & 1;
                                    cxs[cx_] = nmps[w_ & 0x7F];
                                } else {
                                    bit = (w_ & 1) ^ 1;
                                    cxs[cx_] = nlps[w_ & 0x7F];
                                }
                                a = qe_;
                                int n_ = Integer.numberOfLeadingZeros(a) - 16;
                                if (n_ <= ct) {
                                    a <<= n_;
                                    c <<= n_;
                                    ct -= n_;
                                } else {
                                    mq.a = a;
                                    mq.c = c;
                                    mq.ct = ct;
                                    mq.renorm();
                                    a = mq.a;
                                    c = mq.c;
                                    ct = mq.ct;
                                }
                            } else {
                                c -= qe_ << 16;
                                if (a < 0x8000) {
                                    if (a < qe_) {
                                        bit = (w_ & 1) ^ 1;
                                        cxs[cx_] = nlps[w_ & 0x7F];
                                    } else {
                                        bit = w_ & 1;
                                        cxs[cx_] = nmps[w_ & 0x7F];
                                    }
                                    int n_ = Integer.numberOfLeadingZeros(a) - 16;
                                    if (n_ <= ct) {
                                        a <<= n_;
                                        c <<= n_;
                                        ct -= n_;
                                    } else {
                                        mq.a = a;
                                        mq.c = c;
                                        mq.ct = ct;
                                        mq.renorm();
                                        a = mq.a;
                                        c = mq.c;
                                        ct = mq.ct;
                                    }
                                } else {
                                    bit = w_ & 1;
                                }
                            }
                        }
                        if (bit == 0) {
                            continue;
                        }
                        int r1;
                        {
                            int cx_ = CTX_UNI;
                            int w_ = cxs[cx_];
                            int qe_ = w_ >>> 16;
                            a -= qe_;
                            if ((c >>> 16) < qe_) {
                                if (a < qe_) {
                                    r1 = w_ & 1;
                                    cxs[cx_] = nmps[w_ & 0x7F];
                                } else {
                                    r1 = (w_ & 1) ^ 1;
                                    cxs[cx_] = nlps[w_ & 0x7F];
                                }
                                a = qe_;
                                int n_ = Integer.numberOfLeadingZeros(a) - 16;
                                if (n_ <= ct) {
                                    a <<= n_;
                                    c <<= n_;
                                    ct -= n_;
                                } else {
                                    mq.a = a;
                                    mq.c = c;
                                    mq.ct = ct;
                                    mq.renorm();
                                    a = mq.a;
                                    c = mq.c;
                                    ct = mq.ct;
                                }
                            } else {
                                c -= qe_ << 16;
                                if (a < 0x8000) {
                                    if (a < qe_) {
                                        r1 = (w_ & 1) ^ 1;
                                        cxs[cx_] = nlps[w_ & 0x7F];
                                    } else {
                                        r1 = w_ & 1;
                                        cxs[cx_] = nmps[w_ & 0x7F];
                                    }
                                    int n_ = Integer.numberOfLeadingZeros(a) - 16;
                                    if (n_ <= ct) {
                                        a <<= n_;
                                        c <<= n_;
                                        ct -= n_;
                                    } else {
                                        mq.a = a;
                                        mq.c = c;
                                        mq.ct = ct;
                                        mq.renorm();
                                        a = mq.a;
                                        c = mq.c;
                                        ct = mq.ct;
                                    }
                                } else {
                                    r1 = w_ & 1;
                                }
                            }
                        }
                        int r2;
                        {
                            int cx_ = CTX_UNI;
                            int w_ = cxs[cx_];
                            int qe_ = w_ >>> 16;
                            a -= qe_;
                            if ((c >>> 16) < qe_) {
                                if (a < qe_) {
                                    r2 = w_ & 1;
                                    cxs[cx_] = nmps[w_ & 0x7F];
                                } else {
                                    r2 = (w_ & 1) ^ 1;
                                    cxs[cx_] = nlps[w_ & 0x7F];
                                }
                                a = qe_;
                                int n_ = Integer.numberOfLeadingZeros(a) - 16;
                                if (n_ <= ct) {
                                    a <<= n_;
                                    c <<= n_;
                                    ct -= n_;
                                } else {
                                    mq.a = a;
                                    mq.c = c;
                                    mq.ct = ct;
                                    mq.renorm();
                                    a = mq.a;
                                    c = mq.c;
                                    ct = mq.ct;
                                }
                            } else {
                                c -= qe_ << 16;
                                if (a < 0x8000) {
                                    if (a < qe_) {
                                        r2 = (w_ & 1) ^ 1;
                                        cxs[cx_] = nlps[w_ & 0x7F];
                                    } else {
                                        r2 = w_ & 1;
                                        cxs[cx_] = nmps[w_ & 0x7F];
                                    }
                                    int n_ = Integer.numberOfLeadingZeros(a) - 16;
                                    if (n_ <= ct) {
                                        a <<= n_;
                                        c <<= n_;
                                        ct -= n_;
                                    } else {
                                        mq.a = a;
                                        mq.c = c;
                                        mq.ct = ct;
                                        mq.renorm();
                                        a = mq.a;
                                        c = mq.c;
                                        ct = mq.ct;
                                    }
                                } else {
                                    r2 = w_ & 1;
                                }
                            }
                        }
                        int r = (r1 << 1) | r2;
                        int i = i0 + r * fw;
                        int sc = SC[signIndex(f[i])];
                        int sb;
                        {
                            int cx_ = sc >> 1;
                            int w_ = cxs[cx_];
                            int qe_ = w_ >>> 16;
                            a -= qe_;
                            int lo_ = ((c >>> 16) - qe_) >> 31;
                            int lps_ = lo_ ^ ((a - qe_) >> 31);
                            sb = (w_ ^ lps_) & 1;
                            a = (a & ~lo_) | (qe_ & lo_);
                            c -= (qe_ << 16) & ~lo_;
                            int n_ = Integer.numberOfLeadingZeros(a) - 16;
                            int si_ = w_ & 0x7F;
                            int nm_ = nmps[si_];
                            int nx_ = nm_ ^ ((nm_ ^ nlps[si_]) & lps_);
                            cxs[cx_] = nx_ ^ ((nx_ ^ w_) & ((n_ - 1) >> 31));
                            if (n_ <= ct) {
                                a <<= n_;
                                c <<= n_;
                                ct -= n_;
                            } else {
                                mq.a = a;
                                mq.c = c;
                                mq.ct = ct;
                                mq.renorm();
                                a = mq.a;
                                c = mq.c;
                                ct = mq.ct;
                            }
                        }
                        m[i] = oneHalf;
                        setSig(i, x, y0 + r, sb ^ (sc & 1));
                        zeroUntil = 0;
                        start = y0 + r + 1;
                    }
                }
                int i = i0 + (start - y0) * fw;
                for (int y = start; y < ye; y++, i += fw) {
                    if ((done & (1 << (y - y0))) == 0) {
                        int fl = f[i];
                        int bit;
                        {
                            int cx_ = zc[fl & 0xFF];
                            int w_ = cxs[cx_];
                            int qe_ = w_ >>> 16;
                            a -= qe_;
                            if ((c >>> 16) < qe_) {
                                if (a < qe_) {
                                    bit = w_ & 1;
                                    cxs[cx_] = nmps[w_ & 0x7F];
                                } else {
                                    bit = (w_ & 1) ^ 1;
                                    cxs[cx_] = nlps[w_ & 0x7F];
                                }
                                a = qe_;
                                int n_ = Integer.numberOfLeadingZeros(a) - 16;
                                if (n_ <= ct) {
                                    a <<= n_;
                                    c <<= n_;
                                    ct -= n_;
                                } else {
                                    mq.a = a;
                                    mq.c = c;
                                    mq.ct = ct;
                                    mq.renorm();
                                    a = mq.a;
                                    c = mq.c;
                                    ct = mq.ct;
                                }
                            } else {
                                c -= qe_ << 16;
                                if (a < 0x8000) {
                                    if (a < qe_) {
                                        bit = (w_ & 1) ^ 1;
                                        cxs[cx_] = nlps[w_ & 0x7F];
                                    } else {
                                        bit = w_ & 1;
                                        cxs[cx_] = nmps[w_ & 0x7F];
                                    }
                                    int n_ = Integer.numberOfLeadingZeros(a) - 16;
                                    if (n_ <= ct) {
                                        a <<= n_;
                                        c <<= n_;
                                        ct -= n_;
                                    } else {
                                        mq.a = a;
                                        mq.c = c;
                                        mq.ct = ct;
                                        mq.renorm();
                                        a = mq.a;
                                        c = mq.c;
                                        ct = mq.ct;
                                    }
                                } else {
                                    bit = w_ & 1;
                                }
                            }
                        }
                        if (bit != 0) {
                            int sc = SC[signIndex(fl)];
                            int sb;
                            {
                                int cx_ = sc >> 1;
                                int w_ = cxs[cx_];
                                int qe_ = w_ >>> 16;
                                a -= qe_;
                                int lo_ = ((c >>> 16) - qe_) >> 31;
                                int lps_ = lo_ ^ ((a - qe_) >> 31);
                                sb = (w_ ^ lps_) & 1;
                                a = (a & ~lo_) | (qe_ & lo_);
                                c -= (qe_ << 16) & ~lo_;
                                int n_ = Integer.numberOfLeadingZeros(a) - 16;
                                int si_ = w_ & 0x7F;
                                int nm_ = nmps[si_];
                                int nx_ = nm_ ^ ((nm_ ^ nlps[si_]) & lps_);
                                cxs[cx_] = nx_ ^ ((nx_ ^ w_) & ((n_ - 1) >> 31));
                                if (n_ <= ct) {
                                    a <<= n_;
                                    c <<= n_;
                                    ct -= n_;
                                } else {
                                    mq.a = a;
                                    mq.c = c;
                                    mq.ct = ct;
                                    mq.renorm();
                                    a = mq.a;
                                    c = mq.c;
                                    ct = mq.ct;
                                }
                            }
                            m[i] = oneHalf;
                            setSig(i, x, y, sb ^ (sc & 1));
                            zeroUntil = 0;
                        }
                    }
                }
                if ((col & C_VIS) != 0) {
                    cw[cb + x] &= ~C_VIS;
                }
            }
        }
        mq.a = a;
        mq.c = c;
        mq.ct = ct;
    }
}
