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

    /**
     * U-VLC decoding of the residuals u of a quad pair, indexed by
     * {@code variant << 6 | next 6 VLC bits}: variant 1 = first quad only, 2 = second quad only,
     * 3 = both, 4 = both in the initial row with MEL event 0 (u of the second quad is 1 or 2 when
     * the first prefix is long), 5 = both in the initial row with MEL event 1 (u + 2 each).
     * Entry: prefix bits used (0-2) | suffix length A << 3 | suffix length B << 6 | u base A << 9 |
     * u base B << 15; u = base + suffix; suffix A is read before suffix B.
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
                UVLC[(variant << 6) | bits] = used | (sa << 3) | (sb << 6) | (ua << 9) | (ub << 15);
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

    // MagSgn: forward, LSB first, a bit unstuffed after 0xFF, 0xFF beyond the end
    private int msPos, msEnd;
    private long msBuf;
    private int msBits;
    private boolean msUnstuff;

    // VLC: backward, LSB first, unstuffing after a byte > 0x8F, 0 beyond the end
    private int vlcPos, vlcLow;
    private long vlcBuf;
    private int vlcBits;
    private boolean vlcUnstuff;

    // MEL: forward, MSB first
    private int melPos, melEnd, melLast;
    private long melBuf;
    private int melAvail;
    private boolean melUnstuff;
    private int melK, melRun;
    private boolean melOne;

    private int[] eCur = new int[0];
    private int[] ePrev = new int[0];
    private byte[] sig = new byte[0];

    private static DicomCodecException corrupt(String msg) {
        return new DicomCodecException("JPEG 2000: corrupt HT code-block (" + msg + ")", -1);
    }

    @Override
    public void decode(CodeBlock cb, int numBitPlanes, int orient, int style, int[] out) {
        int w = cb.width();
        int h = cb.height();
        Arrays.fill(out, 0, w * h, 0);
        if (cb.numSegments == 0 || w == 0 || h == 0) {
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
        d = cb.data;
        cleanup(off, lcup, w, h, p, out);
        if (refPasses > 0 && lref > 0 && p > 0) {
            refine(off + lcup, lref, refPasses, w, h, p, (style & CodingStyle.CB_CAUSAL) != 0, out);
        }
        d = null;
    }

    // ------------------------------------------------------------------ bit readers

    private void msFill() {
        byte[] b = d;
        long buf = msBuf;
        int bits = msBits;
        int pos = msPos;
        if (bits <= 32 && !msUnstuff && pos + 4 <= msEnd) {
            // fast path: four bytes without 0xFF need no unstuffing
            int x = (int) LE_INT.get(b, pos);
            int nx = ~x;
            if (((nx - 0x01010101) & ~nx & 0x80808080) == 0) {
                msBuf = buf | (x & 0xFFFFFFFFL) << bits;
                msBits = bits + 32;
                msPos = pos + 4;
                return;
            }
        }
        boolean unstuff = msUnstuff;
        int end = msEnd;
        while (bits <= 56) {
            int v = pos < end ? b[pos] & 0xFF : 0xFF;
            pos++;
            // after 0xFF only 7 bits count; like the reference decoders, a (non-conforming) set
            // MSB of the stuffed byte is OR-ed into the next byte's first bit
            buf |= (long) v << bits;
            bits += unstuff ? 7 : 8;
            unstuff = v == 0xFF;
        }
        msBuf = buf;
        msBits = bits;
        msPos = pos;
        msUnstuff = unstuff;
    }

    private void vlcFill() {
        byte[] b = d;
        long buf = vlcBuf;
        int bits = vlcBits;
        int pos = vlcPos;
        if (bits <= 32 && pos - 3 >= vlcLow) {
            // fast path: four bytes none of which ends in seven 1 bits need no unstuffing
            int x = Integer.reverseBytes((int) LE_INT.get(b, pos - 3));
            int y = ~(x | 0x80808080);
            if (((y - 0x01010101) & ~y & 0x80808080) == 0) {
                vlcBuf = buf | (x & 0xFFFFFFFFL) << bits;
                vlcBits = bits + 32;
                vlcPos = pos - 4;
                vlcUnstuff = (x >>> 24) > 0x8F;
                return;
            }
        }
        boolean unstuff = vlcUnstuff;
        int low = vlcLow;
        while (bits <= 56) {
            int v = pos >= low ? b[pos] & 0xFF : 0;
            pos--;
            buf |= (long) v << bits;
            bits += unstuff && (v & 0x7F) == 0x7F ? 7 : 8;
            unstuff = v > 0x8F;
        }
        vlcBuf = buf;
        vlcBits = bits;
        vlcPos = pos;
        vlcUnstuff = unstuff;
    }

    /** Tops up the MSB-aligned MEL bit buffer. */
    private void melFill() {
        byte[] b = d;
        while (melAvail <= 56) {
            int v;
            if (melPos < melEnd) {
                v = b[melPos] & 0xFF;
                if (melPos == melLast) {
                    v |= 0x0F; // the low nibble of this byte holds Scup
                }
            } else {
                v = 0xFF;
            }
            melPos++;
            int nb = melUnstuff ? 7 : 8; // after 0xFF the MSB is a stuffed 0
            melBuf |= (long) (v & ((1 << nb) - 1)) << (64 - melAvail - nb);
            melAvail += nb;
            melUnstuff = v == 0xFF;
        }
    }

    /** Next MEL event: 1 = the quad (pair) is significant. */
    private int melEvent() {
        if (melRun > 0) {
            melRun--;
            return 0;
        }
        if (melOne) {
            melOne = false;
            return 1;
        }
        if (melAvail < 6) {
            melFill();
        }
        int e = MEL_E[melK];
        if (melBuf < 0) {
            // "1": a run of 2^e insignificant events
            melBuf <<= 1;
            melAvail--;
            if (melK < 12) {
                melK++;
            }
            melRun = (1 << e) - 1;
            return 0;
        }
        // "0" + e bits: r insignificant events, then a significant one
        int r = e == 0 ? 0 : (int) ((melBuf << 1) >>> (64 - e));
        melBuf <<= 1 + e;
        melAvail -= 1 + e;
        if (melK > 0) {
            melK--;
        }
        if (r == 0) {
            return 1;
        }
        melRun = r - 1;
        melOne = true;
        return 0;
    }

    // ------------------------------------------------------------------ cleanup pass

    private void cleanup(int off, int lcup, int w, int h, int p, int[] out) {
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
        msPos = off;
        msEnd = off + pcup;
        msBuf = 0;
        msBits = 0;
        msUnstuff = false;
        melPos = off + pcup;
        melEnd = end - 1;
        melLast = end - 2;
        melBuf = 0;
        melAvail = 0;
        melUnstuff = false;
        melK = 0;
        melRun = 0;
        melOne = false;
        int first = b[end - 2] & 0xFF;
        vlcBuf = first >> 4;
        vlcBits = ((first >> 4) & 7) == 7 ? 3 : 4;
        vlcUnstuff = (first | 0x0F) > 0x8F;
        vlcPos = end - 3;
        vlcLow = off + pcup;

        // U_q is bounded so that (2 mu + 1) << p fits in an int
        int maxU = 30 - p;
        // samples that may lie outside the block: right column of the last quads, bottom row
        int outside = (w & 1) != 0 || (h & 1) != 0 ? 0xFF : 0;
        int qw = (w + 1) >> 1;
        // exponents E of the last row of the previous quad row at index column + 1 (columns -1 to
        // w + 2 are read); index w + 4 is a spare slot
        int spare = w + 4;
        if (eCur.length < w + 5) {
            eCur = new int[w + 5];
            ePrev = new int[w + 5];
        } else {
            Arrays.fill(ePrev, 0, w + 5, 0);
        }
        short[] vlcTab = HtVlcTables.VLC;
        long vb = vlcBuf;
        int vbits = vlcBits;
        long buf = msBuf;
        int bits = msBits;
        for (int y = 0; y < h; y += 2) {
            boolean initial = y == 0;
            int tabBase = initial ? 0 : 8 << 7;
            int[] ec = eCur;
            int[] ep = ePrev;
            Arrays.fill(ec, 0, w + 5, 0);
            boolean hasBottom = y + 1 < h;
            int prevRho = 0;
            for (int q = 0; q < qw; q += 2) {
                if (vbits < 32) {
                    vlcBuf = vb;
                    vlcBits = vbits;
                    vlcFill();
                    vb = vlcBuf;
                    vbits = vlcBits;
                }
                boolean two = q + 1 < qw;
                int x0 = 2 * q;
                // first quad
                int ctx;
                if (initial) {
                    ctx = (prevRho & 1) | ((prevRho >> 1) & 1) | ((prevRho >> 1) & 2) | ((prevRho >> 1) & 4);
                } else {
                    ctx = ((ep[x0] | ep[x0 + 1]) != 0 ? 1 : 0) | (((prevRho >> 2) | (prevRho >> 3)) & 1) << 1
                            | ((ep[x0 + 2] | ep[x0 + 3]) != 0 ? 4 : 0);
                }
                int infA = 0;
                if (ctx != 0 || melEvent() != 0) {
                    infA = vlcTab[tabBase | (ctx << 7) | (int) (vb & 0x7F)];
                    int len = (infA >> 13) & 7;
                    vb >>>= len;
                    vbits -= len;
                }
                int rhoA = infA & 15;
                int infB = 0;
                if (two) {
                    if (initial) {
                        ctx = (rhoA & 1) | ((rhoA >> 1) & 1) | ((rhoA >> 1) & 2) | ((rhoA >> 1) & 4);
                    } else {
                        int x1 = x0 + 2;
                        ctx = ((ep[x1] | ep[x1 + 1]) != 0 ? 1 : 0) | (((rhoA >> 2) | (rhoA >> 3)) & 1) << 1
                                | ((ep[x1 + 2] | ep[x1 + 3]) != 0 ? 4 : 0);
                    }
                    if (ctx != 0 || melEvent() != 0) {
                        infB = vlcTab[tabBase | (ctx << 7) | (int) (vb & 0x7F)];
                        int len = (infB >> 13) & 7;
                        vb >>>= len;
                        vbits -= len;
                    }
                }
                int rhoB = infB & 15;
                prevRho = two ? rhoB : rhoA;
                // unsigned residuals u_q
                int uA = 0;
                int uB = 0;
                int variant = ((infA >> 4) & 1) | ((infB >> 3) & 2);
                if (variant != 0) {
                    if (vbits < 32) {
                        vlcBuf = vb;
                        vlcBits = vbits;
                        vlcFill();
                        vb = vlcBuf;
                        vbits = vlcBits;
                    }
                    if (variant == 3 && initial) {
                        variant = 4 + melEvent();
                    }
                    int e = UVLC[(variant << 6) | (int) (vb & 63)];
                    long v = vb >>> (e & 7);
                    int sa = (e >> 3) & 7;
                    int sb = (e >> 6) & 7;
                    uA = ((e >> 9) & 63) + (int) (v & ((1 << sa) - 1));
                    uB = ((e >> 15) & 63) + (int) ((v >>> sa) & ((1 << sb) - 1));
                    int used = (e & 7) + sa + sb;
                    vb >>>= used;
                    vbits -= used;
                }
                // exponent bounds U_q = kappa + u_q
                int kA = 1;
                int kB = 1;
                if (!initial) {
                    // kappa = max(1, max E of the 4 samples above - 1) when the quad has 2+ significant samples
                    int e2 = Math.max(ep[x0 + 2], ep[x0 + 3]);
                    int eA = Math.max(Math.max(ep[x0], ep[x0 + 1]), e2);
                    int eB = Math.max(e2, Math.max(ep[x0 + 4], ep[x0 + 5]));
                    kA = (rhoA & (rhoA - 1)) != 0 ? Math.max(1, eA - 1) : 1;
                    kB = (rhoB & (rhoB - 1)) != 0 ? Math.max(1, eB - 1) : 1;
                }
                int uqA = kA + uA;
                int uqB = kB + uB;
                if (uqA > maxU || uqB > maxU) {
                    throw corrupt("exponent bound " + Math.max(uqA, uqB) + " exceeds the available bit-planes");
                }
                // MagSgn values of both quads: samples 0..3 of A then of B (top-left, bottom-left,
                // top-right, bottom-right)
                int sigs = rhoA | (rhoB << 4);
                if (sigs == 0) {
                    continue;
                }
                if ((sigs & outside) != 0 && ((x0 + 1 >= w && (rhoA & 12) != 0) || (x0 + 3 >= w && (rhoB & 12) != 0)
                        || (!hasBottom && (sigs & 0xAA) != 0))) {
                    throw corrupt("significant sample outside the code-block");
                }
                int eks = ((infA >> 5) & 15) | ((infB >> 1) & 0xF0);
                int e1s = ((infA >> 9) & 15) | ((infB >> 5) & 0xF0);
                int base = y * w + x0;
                do {
                    int n = Integer.numberOfTrailingZeros(sigs);
                    sigs &= sigs - 1;
                    int m = (n < 4 ? uqA : uqB) - ((eks >> n) & 1);
                    if (bits < m) {
                        msBuf = buf;
                        msBits = bits;
                        msFill();
                        buf = msBuf;
                        bits = msBits;
                    }
                    int v = ((int) buf & ((1 << m) - 1)) | (((e1s >> n) & 1) << m);
                    buf >>>= m;
                    bits -= m;
                    int mag = ((v | 1) + 2) << p;
                    int neg = -(v & 1);
                    int col = ((n >> 2) << 1) | ((n >> 1) & 1);
                    int bottom = n & 1;
                    out[base + bottom * w + col] = (mag ^ neg) - neg;
                    // exponents of the bottom row feed the next quad row; top samples write a spare slot
                    ec[bottom != 0 ? x0 + 1 + col : spare] = 32 - Integer.numberOfLeadingZeros(v | 1);
                } while (sigs != 0);
            }
            eCur = ep;
            ePrev = ec;
        }
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
