package org.hounsfield.codec.jpeg2000.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.hounsfield.core.DicomCodecException;

/**
 * HTJ2K block decoder (ITU-T T.814 | ISO/IEC 15444-15): the HT cleanup pass (MEL, CxtVLC and
 * U-VLC, MagSgn) and the optional HT SigProp and MagRef refinement passes. Same output convention
 * as {@link EbcotBlockDecoder}, so dequantisation and the wavelet stages are shared with Part 1.
 *
 * <p>Code-block segments as gathered by tier-2: even segments are HT cleanup passes (one pass
 * each), odd segments hold the SigProp and MagRef passes of the same HT set. Only the last HT set
 * is decoded (earlier ones are superseded by it); its cleanup pass codes magnitudes at bit-plane
 * {@code numBitPlanes - 1 - set}. Streams with several HT sets or placeholder passes are decoded
 * that way but have not been checked against another decoder (neither ojph_compress nor
 * opj_compress writes them).
 *
 * <p>Bit-stream readers follow the reference decoders also on non-conforming input (a set MSB in
 * a stuffed byte is OR-ed into the next byte's first bit), so corrupt streams decode alike.
 *
 * <p>Instances are used by one thread at a time.
 */
public final class HtBlockDecoder implements CodeBlockDecoder {
    private static final int[] MEL_E = {0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5};
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * U-VLC decoding of the residuals u of a quad pair, indexed by
     * {@code variant << 6 | next 6 VLC bits}: variant 1 = first quad only, 2 = second quad only,
     * 3 = both, 4 = both in the initial row with MEL event 0 (u of the second quad is 1 or 2 when
     * the first prefix is long), 5 = both in the initial row with MEL event 1 (u + 2 each).
     * Entry: prefix bits used (0-2) | suffix length A << 3 | suffix length B << 6 | u base A << 9 |
     * u base B << 15 | all bits used << 21; u = base + suffix; suffix A is read before suffix B.
     */
    private static final int[] UVLC = new int[6 << 6];

    static {
        for (int variant = 1; variant <= 5; variant++) {
            for (int bits = 0; bits < 64; bits++) {
                int[] pa = prefix(bits);
                int used = 0;
                int sa = 0;
                int sb = 0;
                int ua = 0;
                int ub = 0;
                if (variant == 1 || variant == 2) {
                    used = pa[0];
                    if (variant == 1) {
                        sa = pa[1];
                        ua = pa[2];
                    } else {
                        sb = pa[1];
                        ub = pa[2];
                    }
                } else if (variant == 4 && pa[2] > 2) {
                    // prefix A, one bit for u_B in {1, 2}, then suffix A
                    used = pa[0] + 1;
                    sa = pa[1];
                    ua = pa[2];
                    ub = 1 + ((bits >> pa[0]) & 1);
                } else {
                    int[] pb = prefix(bits >> pa[0]);
                    used = pa[0] + pb[0];
                    sa = pa[1];
                    sb = pb[1];
                    ua = pa[2] + (variant == 5 ? 2 : 0);
                    ub = pb[2] + (variant == 5 ? 2 : 0);
                }
                UVLC[(variant << 6) | bits] = used | (sa << 3) | (sb << 6) | (ua << 9) | (ub << 15)
                        | ((used + sa + sb) << 21);
            }
        }
    }

    /** U-VLC prefix code ('1', '01', '001', '000'): {length, suffix length, u_pfx}. */
    private static int[] prefix(int bits) {
        if ((bits & 1) != 0) {
            return new int[] {1, 0, 1};
        }
        if ((bits & 2) != 0) {
            return new int[] {2, 0, 2};
        }
        if ((bits & 4) != 0) {
            return new int[] {3, 1, 3};
        }
        return new int[] {3, 5, 5};
    }

    private byte[] d;

    // MagSgn: forward, LSB first, a bit unstuffed after 0xFF, 0xFF beyond the end; unstuffed
    // up front into msc, read at bit position msBit (at most msLimit: beyond it all bits are 1)
    private byte[] msc = new byte[64];
    private int msBit, msLimit;

    // VLC: backward, LSB first, unstuffing after a byte > 0x8F, 0 beyond the end; unstuffed up
    // front into vlcc (read forward, at most to vlcLimit: beyond it all bits are 0)
    private byte[] vlcc = new byte[64];
    private int vlcLimit;

    // MEL: forward, MSB first; events decoded ahead into melBits (melReady of them so far)
    private int melPos, melEnd, melLast;
    private long melBuf;
    private int melAvail, melK, melCount, melReady;
    private boolean melUnstuff;
    private long[] melBits = new long[0];

    private byte[] sig = new byte[0];

    private static DicomCodecException corrupt(String msg) {
        return new DicomCodecException("JPEG 2000: corrupt HT code-block (" + msg + ")", -1);
    }

    @Override
    public void decode(CodeBlock cb, int numBitPlanes, int orient, int style, int[] out) {
        run(cb, numBitPlanes, style, out, 0, cb.width(), 0, true);
    }

    /**
     * Decodes {@code cb} for the reversible path and writes every coefficient of the block, halved
     * (the reconstruction bit dropped, rounded toward zero), into {@code dst} at {@code off} with
     * row stride {@code stride}. Same values as {@link #decode} then {@code out[i] / 2}, without
     * the intermediate block.
     */
    void decodeInto(CodeBlock cb, int numBitPlanes, int style, int[] dst, int off, int stride) {
        if (hasRefinement(cb, numBitPlanes)) {
            // the refinement passes work on the block layout: decode there, then copy
            int w = cb.width();
            int h = cb.height();
            if (block.length < w * h) {
                block = new int[w * h];
            }
            int[] b = block;
            run(cb, numBitPlanes, style, b, 0, w, 0, true);
            for (int y = 0; y < h; y++) {
                int o = off + y * stride;
                int s = y * w;
                for (int x = 0; x < w; x++) {
                    dst[o + x] = b[s + x] / 2;
                }
            }
            return;
        }
        run(cb, numBitPlanes, style, dst, off, stride, 1, false);
    }

    /** Whether decoding {@code cb} runs a refinement pass (see {@link #run}). */
    private static boolean hasRefinement(CodeBlock cb, int numBitPlanes) {
        int last = (cb.numSegments - 1) & ~1;
        return cb.numSegments > 0 && last + 1 < cb.numSegments && cb.segPasses[last + 1] > 0
                && cb.segLengths[last + 1] > 0 && numBitPlanes - 1 - last / 2 > 0;
    }

    /** Scratch block of {@link #decodeInto} when refinement passes need the block layout. */
    private int[] block = new int[0];

    /**
     * Decodes {@code cb} into {@code out} at {@code off} (row stride {@code ostride}), each value
     * shifted right by {@code ds} in magnitude; refinement passes only when {@code refineOk}
     * (they need {@code off == 0}, {@code ostride == width} and {@code ds == 0}).
     */
    private void run(CodeBlock cb, int numBitPlanes, int style, int[] out, int off0, int ostride, int ds,
            boolean refineOk) {
        int w = cb.width();
        int h = cb.height();
        if (cb.numSegments == 0 || w == 0 || h == 0) {
            zero(out, off0, ostride, w, h);
            return;
        }
        int last = (cb.numSegments - 1) & ~1;
        int off = 0;
        for (int s = 0; s < last; s++) {
            off += cb.segLengths[s];
        }
        int lcup = cb.segLengths[last];
        int p = numBitPlanes - 1 - last / 2;
        if (lcup == 0) {
            zero(out, off0, ostride, w, h);
            return;
        }
        if (p < 0 || numBitPlanes > 31) {
            throw corrupt("invalid number of bit-planes " + numBitPlanes);
        }
        if (off + lcup > cb.dataLength) {
            throw corrupt("segment exceeds the code-block data");
        }
        int refPasses = 0;
        int lref = 0;
        if (last + 1 < cb.numSegments) {
            refPasses = Math.min(2, cb.segPasses[last + 1]);
            lref = cb.segLengths[last + 1];
            if (off + lcup + lref > cb.dataLength) {
                throw corrupt("refinement segment exceeds the code-block data");
            }
        }
        boolean refining = refPasses > 0 && lref > 0 && p > 0;
        if (refining && !refineOk) {
            throw new IllegalStateException("refinement passes need the block layout");
        }
        d = cb.data;
        cleanup(off, lcup, w, h, p, out, off0, ostride, ds);
        if (refining) {
            refine(off + lcup, lref, refPasses, w, h, p, (style & CodingStyle.CB_CAUSAL) != 0, out);
        }
        d = null;
    }

    private static void zero(int[] out, int off, int stride, int w, int h) {
        for (int y = 0; y < h; y++) {
            Arrays.fill(out, off + y * stride, off + y * stride + w, 0);
        }
    }

    // ------------------------------------------------------------------ bit readers

    /**
     * Unstuffs the MagSgn bytes {@code d[off .. off+len)} into {@link #msc} as a plain LSB-first
     * bit string followed by at least 32 bytes of 1 bits (what the reader sees beyond the end).
     * Four bytes at once while none is 0xFF, else byte by byte.
     */
    private void unstuffMagSgn(int off, int len) {
        if (msc.length < len + 48) {
            msc = new byte[Math.max(len + 48, 2 * msc.length)];
        }
        byte[] b = d;
        byte[] c = msc;
        long acc = 0;
        int accBits = 0;
        int o = 0;
        int pos = off;
        int end = off + len;
        boolean unstuff = false;
        while (pos < end) {
            if (!unstuff && pos + 4 <= end) {
                int x = (int) LE_INT.get(b, pos);
                int nx = ~x;
                if (((nx - 0x01010101) & ~nx & 0x80808080) == 0) {
                    acc |= (x & 0xFFFFFFFFL) << accBits;
                    LE_INT.set(c, o, (int) acc);
                    acc >>>= 32;
                    o += 4;
                    pos += 4;
                    continue;
                }
            }
            int v = b[pos++] & 0xFF;
            // after 0xFF only 7 bits count; like the reference decoders, a (non-conforming) set
            // MSB of the stuffed byte is OR-ed into the next byte's first bit
            acc |= (long) v << accBits;
            accBits += unstuff ? 7 : 8;
            unstuff = v == 0xFF;
            if (accBits >= 32) {
                LE_INT.set(c, o, (int) acc);
                acc >>>= 32;
                accBits -= 32;
                o += 4;
            }
        }
        msLimit = (o + 16) * 8;
        acc |= -1L << accBits;
        LE_LONG.set(c, o, acc);
        Arrays.fill(c, o + 8, o + 48, (byte) -1);
        msBit = 0;
    }

    /**
     * Unstuffs the VLC bytes, read backwards from {@code d[from]} down to {@code d[low]} after
     * the 3 or 4 bits {@code first} of the Scup byte, into {@link #vlcc} as a plain LSB-first bit
     * string followed by at least 32 zero bytes (what the reader sees beyond the end). Four bytes
     * at once while none ends in seven 1 bits, else byte by byte.
     */
    private void unstuffVlc(int from, int low, int first) {
        int len = from - low + 1;
        if (vlcc.length < len + 48) {
            vlcc = new byte[Math.max(len + 48, 2 * vlcc.length)];
        }
        byte[] b = d;
        byte[] c = vlcc;
        long acc = first >> 4;
        int accBits = ((first >> 4) & 7) == 7 ? 3 : 4;
        boolean unstuff = (first | 0x0F) > 0x8F;
        int o = 0;
        int pos = from;
        while (pos >= low) {
            if (pos - 3 >= low) {
                int x = Integer.reverseBytes((int) LE_INT.get(b, pos - 3));
                int y = ~(x | 0x80808080);
                if (((y - 0x01010101) & ~y & 0x80808080) == 0) {
                    acc |= (x & 0xFFFFFFFFL) << accBits;
                    LE_INT.set(c, o, (int) acc);
                    acc >>>= 32;
                    o += 4;
                    pos -= 4;
                    unstuff = (x >>> 24) > 0x8F;
                    continue;
                }
            }
            int v = b[pos--] & 0xFF;
            acc |= (long) v << accBits;
            accBits += unstuff && (v & 0x7F) == 0x7F ? 7 : 8;
            unstuff = v > 0x8F;
            if (accBits >= 32) {
                LE_INT.set(c, o, (int) acc);
                acc >>>= 32;
                accBits -= 32;
                o += 4;
            }
        }
        vlcLimit = (o + 16) * 8;
        LE_LONG.set(c, o, acc);
        Arrays.fill(c, o + 8, o + 48, (byte) 0);
    }

    /** Starts the MEL decoder: room for {@code count} events, none decoded yet. */
    private void melStart(int count) {
        int words = (count >> 6) + 2;
        if (melBits.length < words) {
            melBits = new long[words];
        } else {
            Arrays.fill(melBits, 0, words, 0);
        }
        melCount = count;
        melReady = 0;
        melBuf = 0;
        melAvail = 0;
        melUnstuff = false;
        melK = 0;
    }

    /**
     * Decodes MEL events into the bit set {@link #melBits} (1 = the quad or quad pair is
     * significant) until at least {@code target} are known. The events do not depend on the other
     * streams, so they are decoded ahead, a quad row at a time.
     */
    private void melDecode(int target) {
        long[] mb = melBits;
        byte[] b = d;
        int count = melCount;
        // MSB-aligned bit buffer
        long buf = melBuf;
        int avail = melAvail;
        int pos = melPos;
        int end = melEnd;
        int last = melLast;
        boolean unstuff = melUnstuff;
        int k = melK;
        int n = melReady;
        while (n < target) {
            while (avail < 6) {
                int v = 0xFF;
                if (pos < end) {
                    v = b[pos] & 0xFF;
                    if (pos == last) {
                        v |= 0x0F; // the low nibble of this byte holds Scup
                    }
                }
                pos++;
                int nb = unstuff ? 7 : 8; // after 0xFF the MSB is a stuffed 0
                buf |= (long) (v & ((1 << nb) - 1)) << (64 - avail - nb);
                avail += nb;
                unstuff = v == 0xFF;
            }
            int e = MEL_E[k];
            if (buf < 0) {
                // "1": a run of 2^e insignificant events
                buf <<= 1;
                avail--;
                k = Math.min(12, k + 1);
                n += 1 << e;
            } else {
                // "0" + e bits: r insignificant events, then a significant one
                int r = e == 0 ? 0 : (int) ((buf << 1) >>> (64 - e));
                buf <<= 1 + e;
                avail -= 1 + e;
                k = Math.max(0, k - 1);
                n += r;
                if (n < count) {
                    mb[n >> 6] |= 1L << n;
                }
                n++;
            }
        }
        melBuf = buf;
        melAvail = avail;
        melPos = pos;
        melUnstuff = unstuff;
        melK = k;
        melReady = n;
    }

    // ------------------------------------------------------------------ cleanup pass

    /**
     * Context of a quad in the initial quad row from rho of its left neighbour (significance of
     * samples 0..3: top-left, bottom-left, top-right, bottom-right).
     */
    private static final int[] CTX_INITIAL = new int[16];

    static {
        for (int r = 0; r < 16; r++) {
            CTX_INITIAL[r] = (r & 1) | ((r >> 1) & 1) | ((r >> 1) & 2) | ((r >> 1) & 4);
        }
    }

    /**
     * Per quad, from the first step: rho (bits 0-3), e_k (4-7), e_1 (8-11), u_q (12-17). Row
     * stride quads-per-row + 2, quad q of row r at {@code r * stride + 1 + q}; the first and last
     * slot of each row stay 0 (neighbours outside the block).
     */
    private int[] quads = new int[0];
    /**
     * MagSgn values v | 1 (0 when not significant) of the bottom row of the current and previous
     * quad row at column + 1: their bit lengths are the exponents E.
     */
    private int[] eCur = new int[0];
    private int[] ePrev = new int[0];

    /**
     * The cleanup pass in two steps, as the reference decoders do: first MEL, CxtVLC and U-VLC of
     * all quads (the contexts need only significance), then MagSgn row by row (the exponent
     * bounds need the magnitudes of the row above). Every sample of the block is written.
     */
    private void cleanup(int off, int lcup, int w, int h, int p, int[] out, int ooff, int ostride, int ds) {
        byte[] b = d;
        if (lcup < 2) {
            throw corrupt("cleanup segment shorter than 2 bytes");
        }
        int end = off + lcup;
        int scup = ((b[end - 1] & 0xFF) << 4) | (b[end - 2] & 0x0F);
        if (scup < 2 || scup > lcup || scup > 4079) {
            throw corrupt("invalid MEL/VLC length " + scup);
        }
        int pcup = lcup - scup;
        unstuffMagSgn(off, pcup);
        melPos = off + pcup;
        melEnd = end - 1;
        melLast = end - 2;
        unstuffVlc(end - 3, off + pcup, b[end - 2] & 0xFF);

        int qw = (w + 1) >> 1;
        int qh = (h + 1) >> 1;
        int stride = qw + 2;
        if (quads.length < stride * qh) {
            quads = new int[stride * qh];
        }
        // one event per quad at most, plus one per quad pair of the first row
        melStart(qw * qh + qw);
        vlcStep(w, h, qw, qh, stride);
        magSgnStep(w, h, p, qw, qh, stride, out, ooff, ostride, ds);
    }

    /** Step 1: MEL, CxtVLC and U-VLC of every quad into {@link #quads}. */
    private void vlcStep(int w, int h, int qw, int qh, int stride) {
        int[] qi = quads;
        short[] vlcTab = HtVlcTables.VLC;
        int[] ctx0 = CTX_INITIAL;
        int[] uvlc = UVLC;
        long[] mb = melBits;
        byte[] vc = vlcc;
        int limit = vlcLimit;
        int mc = 0; // MEL events consumed
        int vp = 0; // VLC bit position of the first bit not in vb
        long vb = 0;
        int vbits = 0;
        for (int qy = 0; qy < qh; qy++) {
            int row = qy * stride + 1;
            int up = row - stride;
            qi[row - 1] = 0;
            qi[row + qw] = 0;
            boolean initial = qy == 0;
            int tabBase = initial ? 0 : 8 << 7;
            int prevRho = 0;
            int rowOr = 0;
            // the events this row may take
            if (melReady < mc + qw + (qw + 1) / 2) {
                melDecode(mc + qw + (qw + 1) / 2);
            }
            for (int q = 0; q < qw; q += 2) {
                if (vbits < 32) {
                    // one quad pair takes at most 30 bits; beyond the data all bits are 0:
                    // reading stays at the limit
                    vp = Math.min(vp, limit);
                    vb |= ((long) LE_LONG.get(vc, vp >>> 3) >>> (vp & 7)) << vbits;
                    vp += 56 - vbits;
                    vbits = 56;
                }
                int ctx;
                if (initial) {
                    ctx = ctx0[prevRho];
                } else {
                    int a = qi[up + q];
                    ctx = ((qi[up + q - 1] >> 3 | a >> 1) & 1) | ((prevRho >> 1 | prevRho >> 2) & 2)
                            | ((a >> 1 | qi[up + q + 1] << 1) & 4);
                }
                int infA = 0;
                if (ctx != 0 || ((mb[mc >>> 6] >>> mc++) & 1) != 0) {
                    infA = vlcTab[tabBase | (ctx << 7) | (int) (vb & 0x7F)];
                    int len = (infA >> 13) & 7;
                    vb >>>= len;
                    vbits -= len;
                }
                int rhoA = infA & 15;
                int infB = 0;
                if (q + 1 < qw) {
                    if (initial) {
                        ctx = ctx0[rhoA];
                    } else {
                        int a = qi[up + q + 1];
                        ctx = ((qi[up + q] >> 3 | a >> 1) & 1) | ((rhoA >> 1 | rhoA >> 2) & 2)
                                | ((a >> 1 | qi[up + q + 2] << 1) & 4);
                    }
                    if (ctx != 0 || ((mb[mc >>> 6] >>> mc++) & 1) != 0) {
                        infB = vlcTab[tabBase | (ctx << 7) | (int) (vb & 0x7F)];
                        int len = (infB >> 13) & 7;
                        vb >>>= len;
                        vbits -= len;
                    }
                }
                int rhoB = infB & 15;
                prevRho = rhoB;
                rowOr |= rhoA | rhoB;
                // unsigned residuals u_q
                int variant = ((infA >> 4) & 1) | ((infB >> 3) & 2);
                if (variant == 3 && initial) {
                    variant = 4 + (int) ((mb[mc >>> 6] >>> mc++) & 1);
                }
                // variant 0 (no residuals) has all-zero entries
                int e = uvlc[(variant << 6) | (int) (vb & 63)];
                long v = vb >>> (e & 7);
                int sa = (e >> 3) & 7;
                int sb = (e >> 6) & 7;
                int uA = ((e >> 9) & 63) + (int) (v & ((1 << sa) - 1));
                int uB = ((e >> 15) & 63) + (int) ((v >>> sa) & ((1 << sb) - 1));
                int used = e >>> 21;
                vb >>>= used;
                vbits -= used;
                qi[row + q] = rhoA | ((infA >> 1) & 0xFF0) | (uA << 12);
                // without a second quad this is the row's last slot, which stays 0
                qi[row + q + 1] = rhoB | ((infB >> 1) & 0xFF0) | (uB << 12);
            }
            // the bottom samples of a last half row, the right samples of a last half column
            if ((2 * qy + 1 >= h && (rowOr & 0xA) != 0) || ((w & 1) != 0 && (qi[row + qw - 1] & 0xC) != 0)) {
                throw corrupt("significant sample outside the code-block");
            }
        }
    }

    /**
     * Step 2: exponent bounds and MagSgn values of every quad, written to {@code out} at
     * {@code ooff} (row stride {@code os}), magnitudes shifted right by {@code ds}.
     */
    private void magSgnStep(int w, int h, int p, int qw, int qh, int stride, int[] out, int ooff, int os, int ds) {
        int[] qi = quads;
        // U_q is bounded so that (2 mu + 1) << p fits in an int
        int maxU = 30 - p;
        if (eCur.length < 2 * qw + 2) {
            eCur = new int[2 * qw + 2];
            ePrev = new int[2 * qw + 2];
        }
        int[] ec = eCur;
        int[] ep = ePrev;
        Arrays.fill(ep, 0, 2 * qw + 2, 0);
        byte[] c = msc;
        int limit = msLimit;
        int bp = msBit;
        for (int qy = 0; qy < qh; qy++) {
            int y = 2 * qy;
            boolean hasBottom = y + 1 < h;
            int row = qy * stride + 1;
            int rowBase = ooff + y * os;
            ec[0] = 0;
            ec[2 * qw + 1] = 0;
            // quads with all 4 samples inside the block take the fast path
            int full = hasBottom ? w >> 1 : 0;
            for (int q = 0; q < qw; q++) {
                int inf = qi[row + q];
                int rho = inf & 15;
                int x0 = 2 * q;
                int base = rowBase + x0;
                if (rho == 0 && q < full) {
                    out[base] = 0;
                    out[base + 1] = 0;
                    out[base + os] = 0;
                    out[base + os + 1] = 0;
                    ec[x0 + 1] = 0;
                    ec[x0 + 2] = 0;
                    continue;
                }
                // exponent bound U_q = kappa + u_q; kappa = max(1, max E of the 4 samples above
                // - 1) when the quad has 2+ significant samples (ep is all 0 for the first row);
                // the largest E is the bit length of the largest value
                int e = 32 - Integer.numberOfLeadingZeros(
                        Math.max(Math.max(ep[x0], ep[x0 + 1]), Math.max(ep[x0 + 2], ep[x0 + 3])));
                int multi = rho & (rho - 1);
                int u = 1 + (Math.max(0, e - 2) & ((multi | -multi) >> 31)) + (inf >>> 12);
                if (u > maxU && rho != 0) {
                    throw corrupt("exponent bound " + u + " exceeds the available bit-planes");
                }
                // beyond the data all bits are 1: reading stays at the limit
                bp = Math.min(bp, limit);
                if (q >= full || u > 14) {
                    msBit = bp;
                    quadChecked(inf, u, p, ds, out, base, os, x0 + 1 < w, hasBottom, ec, x0);
                    bp = msBit;
                    continue;
                }
                // 57+ bits at bp cover the quad: 4 samples of at most 14 bits
                long buf = (long) LE_LONG.get(c, bp >>> 3) >>> (bp & 7);
                if (rho == 15) {
                    // all four significant (common in busy areas): no masks
                    int m = u - (inf >> 4 & 1);
                    int v = ((int) buf & ((1 << m) - 1)) | ((inf >> 8 & 1) << m);
                    buf >>>= m;
                    int used = m;
                    int neg = -(v & 1);
                    out[base] = (((((v | 1) + 2) << p) >> ds) ^ neg) - neg;
                    m = u - (inf >> 5 & 1);
                    v = ((int) buf & ((1 << m) - 1)) | ((inf >> 9 & 1) << m);
                    buf >>>= m;
                    used += m;
                    neg = -(v & 1);
                    out[base + os] = (((((v | 1) + 2) << p) >> ds) ^ neg) - neg;
                    ec[x0 + 1] = v | 1;
                    m = u - (inf >> 6 & 1);
                    v = ((int) buf & ((1 << m) - 1)) | ((inf >> 10 & 1) << m);
                    buf >>>= m;
                    used += m;
                    neg = -(v & 1);
                    out[base + 1] = (((((v | 1) + 2) << p) >> ds) ^ neg) - neg;
                    m = u - (inf >> 7 & 1);
                    v = ((int) buf & ((1 << m) - 1)) | ((inf >> 11 & 1) << m);
                    used += m;
                    neg = -(v & 1);
                    out[base + os + 1] = (((((v | 1) + 2) << p) >> ds) ^ neg) - neg;
                    ec[x0 + 2] = v | 1;
                    bp += used;
                    continue;
                }
                // samples 0..3: top-left, bottom-left, top-right, bottom-right; each reads
                // U_q - e_k bits when significant, the value's LSB is its sign
                int s = rho & 1;
                int m = (u - (inf >> 4 & 1)) & -s;
                int v = ((int) buf & ((1 << m) - 1)) | ((inf >> 8 & s) << m);
                buf >>>= m;
                int used = m;
                int mag = (((v | 1) + 2) << p) >> ds;
                int neg = -(v & 1);
                out[base] = ((mag ^ neg) - neg) & -s;

                s = rho >> 1 & 1;
                m = (u - (inf >> 5 & 1)) & -s;
                v = ((int) buf & ((1 << m) - 1)) | ((inf >> 9 & s) << m);
                buf >>>= m;
                used += m;
                mag = (((v | 1) + 2) << p) >> ds;
                neg = -(v & 1);
                out[base + os] = ((mag ^ neg) - neg) & -s;
                ec[x0 + 1] = (v | 1) & -s;

                s = rho >> 2 & 1;
                m = (u - (inf >> 6 & 1)) & -s;
                v = ((int) buf & ((1 << m) - 1)) | ((inf >> 10 & s) << m);
                buf >>>= m;
                used += m;
                mag = (((v | 1) + 2) << p) >> ds;
                neg = -(v & 1);
                out[base + 1] = ((mag ^ neg) - neg) & -s;

                s = rho >> 3;
                m = (u - (inf >> 7 & 1)) & -s;
                v = ((int) buf & ((1 << m) - 1)) | ((inf >> 11 & s) << m);
                used += m;
                mag = (((v | 1) + 2) << p) >> ds;
                neg = -(v & 1);
                out[base + os + 1] = ((mag ^ neg) - neg) & -s;
                ec[x0 + 2] = (v | 1) & -s;
                bp += used;
            }
            int[] t = ec;
            ec = ep;
            ep = t;
        }
        eCur = ec;
        ePrev = ep;
    }

    /**
     * One quad of {@link #magSgnStep} sample by sample (large exponent bounds), writing only the
     * samples inside the block (right column or bottom row outside).
     */
    private void quadChecked(int inf, int u, int p, int ds, int[] out, int base, int w, boolean right, boolean bottom,
            int[] ec, int x0) {
        byte[] c = msc;
        int bp = msBit;
        for (int n = 0; n < 4; n++) {
            int s = (inf >> n) & 1;
            int m = (u - ((inf >> (4 + n)) & 1)) & -s;
            int v = ((int) ((long) LE_LONG.get(c, bp >>> 3) >>> (bp & 7)) & ((1 << m) - 1)) | ((inf >> (8 + n) & s) << m);
            bp += m;
            int mag = (((v | 1) + 2) << p) >> ds;
            int neg = -(v & 1);
            int val = ((mag ^ neg) - neg) & -s;
            int col = n >> 1;
            int dy = n & 1;
            if ((col == 0 || right) && (dy == 0 || bottom)) {
                out[base + dy * w + col] = val;
            }
            if (dy != 0) {
                ec[x0 + 1 + col] = (v | 1) & -s;
            }
        }
        msBit = bp;
    }

    // ------------------------------------------------------------------ SigProp and MagRef

    private int spPos, spEnd;
    private long spBuf;
    private int spBits;
    private boolean spUnstuff;
    private int mrPos, mrLow;
    private long mrBuf;
    private int mrBits;
    private boolean mrUnstuff;

    private int spBit() {
        if (spBits == 0) {
            int v = spPos < spEnd ? d[spPos] & 0xFF : 0;
            spPos++;
            spBuf |= v;
            spBits = spUnstuff ? 7 : 8;
            spUnstuff = v == 0xFF;
        }
        int bit = (int) (spBuf & 1);
        spBuf >>>= 1;
        spBits--;
        return bit;
    }

    private int mrBit() {
        if (mrBits == 0) {
            int v = mrPos >= mrLow ? d[mrPos] & 0xFF : 0;
            mrPos--;
            mrBuf |= v;
            mrBits = mrUnstuff && (v & 0x7F) == 0x7F ? 7 : 8;
            mrUnstuff = v > 0x8F;
        }
        int bit = (int) (mrBuf & 1);
        mrBuf >>>= 1;
        mrBits--;
        return bit;
    }

    /**
     * HT SigProp (and MagRef when {@code passes} is 2) at bit-plane p - 1. The refinement segment
     * holds the SigProp bits forward from its start and the MagRef bits backward from its end.
     * SigProp scans stripes of 4 rows column by column, in groups of 4 columns: a sample that is
     * not significant and has a significant neighbour (cleanup significance, or SigProp
     * significance earlier in scan order; rows below the stripe only when not vertically causal)
     * reads one bit; the sign bits of a group's new samples follow the group's significance bits.
     * MagRef reads one bit per sample made significant by the cleanup pass, in the same scan order.
     */
    private void refine(int off, int len, int passes, int w, int h, int p, boolean causal, int[] out) {
        int n = w * h;
        if (sig.length < n) {
            sig = new byte[n];
        }
        byte[] s = sig;
        for (int i = 0; i < n; i++) {
            s[i] = (byte) (out[i] != 0 ? 1 : 0);
        }
        spPos = off;
        spEnd = off + len;
        spBuf = 0;
        spBits = 0;
        spUnstuff = false;
        mrPos = off + len - 1;
        mrLow = off;
        mrBuf = 0;
        mrBits = 0;
        mrUnstuff = true;
        int[] news = new int[16]; // samples made significant in the current group of columns
        int newVal = 3 << (p - 1);
        for (int y0 = 0; y0 < h; y0 += 4) {
            int y1 = Math.min(h, y0 + 4);
            // neighbours below the stripe count only when not vertically causal
            int yMax = causal ? y1 - 1 : Math.min(h - 1, y1);
            for (int g = 0; g < w; g += 4) {
                int g1 = Math.min(w, g + 4);
                int cnt = 0;
                for (int x = g; x < g1; x++) {
                    int xl = Math.max(0, x - 1);
                    int xr = Math.min(w - 1, x + 1);
                    for (int y = y0; y < y1; y++) {
                        int i = y * w + x;
                        if (s[i] != 0) {
                            continue;
                        }
                        boolean any = false;
                        int yt = Math.max(0, y - 1);
                        int yb = Math.min(yMax, y + 1);
                        for (int yy = yt; yy <= yb && !any; yy++) {
                            int r = yy * w;
                            for (int xx = xl; xx <= xr; xx++) {
                                if (s[r + xx] != 0) {
                                    any = true;
                                    break;
                                }
                            }
                        }
                        if (any && spBit() != 0) {
                            s[i] = 2;
                            news[cnt++] = i;
                        }
                    }
                }
                for (int k = 0; k < cnt; k++) {
                    out[news[k]] = spBit() != 0 ? -newVal : newVal;
                }
            }
        }
        if (passes < 2) {
            return;
        }
        for (int y0 = 0; y0 < h; y0 += 4) {
            int y1 = Math.min(h, y0 + 4);
            for (int x = 0; x < w; x++) {
                for (int y = y0; y < y1; y++) {
                    int i = y * w + x;
                    if (s[i] == 1) {
                        int v = out[i];
                        int m = v < 0 ? -v : v;
                        int mu = m >>> (p + 1);
                        int r = ((((mu << 1) | mrBit()) << 1) | 1) << (p - 1);
                        out[i] = v < 0 ? -r : r;
                    }
                }
            }
        }
    }
}
