package org.hounsfield.codec.jpeg2000.internal;

/**
 * MQ arithmetic decoder (ISO/IEC 15444-1 Annex C) over one codeword segment. Context states are
 * kept as packed words (see {@link #NEXT_MPS_W}) in {@link #ctx}. Bytes past the segment end read as 0xFF.
 */
final class MqDecoder {
    private static final int[] QE_TABLE = {
        0x5601, 0x3401, 0x1801, 0x0AC1, 0x0521, 0x0221, 0x5601, 0x5401, 0x4801, 0x3801, 0x3001, 0x2401,
        0x1C01, 0x1601, 0x5601, 0x5401, 0x5101, 0x4801, 0x3801, 0x3401, 0x3001, 0x2801, 0x2401, 0x2201,
        0x1C01, 0x1801, 0x1601, 0x1401, 0x1201, 0x1101, 0x0AC1, 0x09C1, 0x08A1, 0x0521, 0x0441, 0x02A1,
        0x0221, 0x0141, 0x0111, 0x0085, 0x0049, 0x0025, 0x0015, 0x0009, 0x0005, 0x0001, 0x5601};
    private static final int[] NMPS = {
        1, 2, 3, 4, 5, 38, 7, 8, 9, 10, 11, 12, 13, 29, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27,
        28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 45, 46};
    private static final int[] NLPS = {
        1, 6, 9, 12, 29, 33, 6, 14, 14, 14, 17, 18, 20, 21, 14, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 23,
        24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 46};
    private static final int[] SWITCH = {
        1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    /**
     * Context words: {@code (Qe << 16) | (state << 1) | mps}, so that one load gives the
     * probability estimate and the MPS. Indexed by the low 7 bits of a word (128 entries so that
     * the index mask bounds it): the word after an MPS / an LPS renormalisation.
     */
    static final int[] NEXT_MPS_W = new int[128];
    static final int[] NEXT_LPS_W = new int[128];

    static {
        for (int s = 0; s < 47; s++) {
            for (int mps = 0; mps < 2; mps++) {
                int i = (s << 1) | mps;
                NEXT_MPS_W[i] = word((NMPS[s] << 1) | mps);
                NEXT_LPS_W[i] = word((NLPS[s] << 1) | (SWITCH[s] != 0 ? 1 - mps : mps));
            }
        }
    }

    /** The context word of state index {@code i = (state << 1) | mps}. */
    static int word(int i) {
        return (QE_TABLE[i >> 1] << 16) | i;
    }

    final int[] ctx = new int[19];
    private byte[] data;
    private int bp;
    private int end;
    /** Interval register A, code register C and bit counter CT: copied to locals by hot loops. */
    int a;
    int c;
    int ct;

    void resetContexts() {
        java.util.Arrays.fill(ctx, word(0));
        ctx[0] = word(4 << 1);
        ctx[EbcotBlockDecoder.CTX_RL] = word(3 << 1);
        ctx[EbcotBlockDecoder.CTX_UNI] = word(46 << 1);
    }

    /** INITDEC on data[off, off + len). */
    void init(byte[] d, int off, int len) {
        data = d;
        bp = off;
        end = off + len;
        c = (len > 0 ? (d[off] & 0xFF) : 0xFF) << 16;
        byteIn();
        c <<= 7;
        ct -= 7;
        a = 0x8000;
    }

    private void byteIn() {
        int p = bp;
        if (p + 1 < end) {
            // both bytes inside the segment: the usual case, without the end checks
            byte[] d = data;
            int cur = d[p] & 0xFF;
            int next = d[p + 1] & 0xFF;
            if (cur != 0xFF) {
                bp = p + 1;
                c += next << 8;
                ct = 8;
            } else if (next > 0x8F) {
                c += 0xFF00;
                ct = 8;
            } else {
                bp = p + 1;
                c += next << 9;
                ct = 7;
            }
            return;
        }
        int cur = bp < end ? data[bp] & 0xFF : 0xFF;
        if (cur == 0xFF) {
            int next = bp + 1 < end ? data[bp + 1] & 0xFF : 0xFF;
            if (next > 0x8F) {
                c += 0xFF00;
                ct = 8;
            } else {
                bp++;
                c += next << 9;
                ct = 7;
            }
        } else {
            bp++;
            c += (bp < end ? data[bp] & 0xFF : 0xFF) << 8;
            ct = 8;
        }
    }

    /** RENORMD on the fields (the slow path, when bytes must be read): shifts in bulk. */
    void renorm() {
        int n = Integer.numberOfLeadingZeros(a) - 16;
        while (n > ct) {
            a <<= ct;
            c <<= ct;
            n -= ct;
            ct = 0;
            byteIn();
        }
        a <<= n;
        c <<= n;
        ct -= n;
    }

    /** DECODE (reference form on the fields; hot loops inline the same steps on locals). */
    int decode(int cx) {
        int w = ctx[cx];
        int qe = w >>> 16;
        int d;
        a -= qe;
        if ((c >>> 16) < qe) {
            if (a < qe) {
                d = w & 1;
                ctx[cx] = NEXT_MPS_W[w & 0x7F];
            } else {
                d = 1 - (w & 1);
                ctx[cx] = NEXT_LPS_W[w & 0x7F];
            }
            a = qe;
        } else {
            c -= qe << 16;
            if ((a & 0x8000) != 0) {
                return w & 1;
            }
            if (a < qe) {
                d = 1 - (w & 1);
                ctx[cx] = NEXT_LPS_W[w & 0x7F];
            } else {
                d = w & 1;
                ctx[cx] = NEXT_MPS_W[w & 0x7F];
            }
        }
        renorm();
        return d;
    }
}
