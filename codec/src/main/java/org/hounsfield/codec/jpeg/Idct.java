package org.hounsfield.codec.jpeg;

/**
 * Accurate integer inverse DCT: the Loeffler-Ligtenberg-Moschytz algorithm with 13-bit fixed
 * point constants, scaled and rounded the way the IJG "islow" method does, so that results agree
 * with libjpeg based decoders (GDCM, DCMTK) sample for sample, including the wrap-around range
 * limiting of out-of-range values.
 */
final class Idct {
    private static final int CONST_BITS = 13;
    private static final int FIX_0_298631336 = 2446;
    private static final int FIX_0_390180644 = 3196;
    private static final int FIX_0_541196100 = 4433;
    private static final int FIX_0_765366865 = 6270;
    private static final int FIX_0_899976223 = 7373;
    private static final int FIX_1_175875602 = 9633;
    private static final int FIX_1_501321110 = 12299;
    private static final int FIX_1_847759065 = 15137;
    private static final int FIX_1_961570560 = 16069;
    private static final int FIX_2_053119869 = 16819;
    private static final int FIX_2_562915447 = 20995;
    private static final int FIX_3_072711026 = 25172;

    /** Zigzag position to natural position, with a safety tail for overlong runs. */
    static final int[] NATURAL = new int[80];

    static {
        int[] zz = {
            0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
            12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
            35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
            58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};
        System.arraycopy(zz, 0, NATURAL, 0, 64);
        for (int i = 64; i < 80; i++) {
            NATURAL[i] = 63;
        }
    }

    private final int pass1;
    private final int center;
    private final int maxval;
    private final int wrapShift;
    private final int[] ws = new int[64];

    /** @param precision 8 or 12 bits */
    Idct(int precision) {
        pass1 = precision <= 8 ? 2 : 1;
        center = 1 << (precision - 1);
        maxval = (1 << precision) - 1;
        // libjpeg indexes its range-limit table with (x & (4 * (MAXJSAMPLE + 1) - 1))
        wrapShift = 32 - (precision + 2);
    }

    private int limit(int x) {
        int v = ((x << wrapShift) >> wrapShift) + center;
        return v < 0 ? 0 : (v > maxval ? maxval : v);
    }

    /** Output of a block whose only non-zero coefficient is the DC term. */
    int dcOnly(int coef, int q) {
        int p1 = pass1;
        int dc = (coef * q) << p1;
        int sh = p1 + 3;
        return limit((dc + (1 << (sh - 1))) >> sh);
    }

    /**
     * Inverse transform of one block of quantised coefficients (natural order) into 8x8 samples.
     *
     * @param in     coefficients, natural order (not modified)
     * @param q      quantisation table, natural order
     * @param out    destination plane
     * @param off    first sample of the block in {@code out}
     * @param stride row stride of {@code out}
     */
    void transform(int[] in, int[] q, short[] out, int off, int stride) {
        final int p1 = pass1;
        final int[] w = ws;
        final int dsc1 = CONST_BITS - p1;
        final int rnd1 = 1 << (dsc1 - 1);
        for (int c = 0; c < 8; c++) {
            if (in[c + 8] == 0 && in[c + 16] == 0 && in[c + 24] == 0 && in[c + 32] == 0
                    && in[c + 40] == 0 && in[c + 48] == 0 && in[c + 56] == 0) {
                int dc = (in[c] * q[c]) << p1;
                w[c] = dc;
                w[c + 8] = dc;
                w[c + 16] = dc;
                w[c + 24] = dc;
                w[c + 32] = dc;
                w[c + 40] = dc;
                w[c + 48] = dc;
                w[c + 56] = dc;
                continue;
            }
            int z2 = in[c + 16] * q[c + 16];
            int z3 = in[c + 48] * q[c + 48];
            int z1 = (z2 + z3) * FIX_0_541196100;
            int tmp2 = z1 - z3 * FIX_1_847759065;
            int tmp3 = z1 + z2 * FIX_0_765366865;
            z2 = in[c] * q[c];
            z3 = in[c + 32] * q[c + 32];
            int tmp0 = (z2 + z3) << CONST_BITS;
            int tmp1 = (z2 - z3) << CONST_BITS;
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;

            tmp0 = in[c + 56] * q[c + 56];
            tmp1 = in[c + 40] * q[c + 40];
            tmp2 = in[c + 24] * q[c + 24];
            tmp3 = in[c + 8] * q[c + 8];
            z1 = tmp0 + tmp3;
            z2 = tmp1 + tmp2;
            z3 = tmp0 + tmp2;
            int z4 = tmp1 + tmp3;
            int z5 = (z3 + z4) * FIX_1_175875602;
            tmp0 *= FIX_0_298631336;
            tmp1 *= FIX_2_053119869;
            tmp2 *= FIX_3_072711026;
            tmp3 *= FIX_1_501321110;
            z1 *= -FIX_0_899976223;
            z2 *= -FIX_2_562915447;
            z3 *= -FIX_1_961570560;
            z4 *= -FIX_0_390180644;
            z3 += z5;
            z4 += z5;
            tmp0 += z1 + z3;
            tmp1 += z2 + z4;
            tmp2 += z2 + z3;
            tmp3 += z1 + z4;

            w[c] = (tmp10 + tmp3 + rnd1) >> dsc1;
            w[c + 56] = (tmp10 - tmp3 + rnd1) >> dsc1;
            w[c + 8] = (tmp11 + tmp2 + rnd1) >> dsc1;
            w[c + 48] = (tmp11 - tmp2 + rnd1) >> dsc1;
            w[c + 16] = (tmp12 + tmp1 + rnd1) >> dsc1;
            w[c + 40] = (tmp12 - tmp1 + rnd1) >> dsc1;
            w[c + 24] = (tmp13 + tmp0 + rnd1) >> dsc1;
            w[c + 32] = (tmp13 - tmp0 + rnd1) >> dsc1;
        }
        final int dsc2 = CONST_BITS + p1 + 3;
        final int rnd2 = 1 << (dsc2 - 1);
        final int dsc0 = p1 + 3;
        final int rnd0 = 1 << (dsc0 - 1);
        for (int r = 0; r < 64; r += 8, off += stride) {
            if (w[r + 1] == 0 && w[r + 2] == 0 && w[r + 3] == 0 && w[r + 4] == 0
                    && w[r + 5] == 0 && w[r + 6] == 0 && w[r + 7] == 0) {
                short v = (short) limit((w[r] + rnd0) >> dsc0);
                out[off] = v;
                out[off + 1] = v;
                out[off + 2] = v;
                out[off + 3] = v;
                out[off + 4] = v;
                out[off + 5] = v;
                out[off + 6] = v;
                out[off + 7] = v;
                continue;
            }
            int z2 = w[r + 2];
            int z3 = w[r + 6];
            int z1 = (z2 + z3) * FIX_0_541196100;
            int tmp2 = z1 - z3 * FIX_1_847759065;
            int tmp3 = z1 + z2 * FIX_0_765366865;
            int tmp0 = (w[r] + w[r + 4]) << CONST_BITS;
            int tmp1 = (w[r] - w[r + 4]) << CONST_BITS;
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;

            tmp0 = w[r + 7];
            tmp1 = w[r + 5];
            tmp2 = w[r + 3];
            tmp3 = w[r + 1];
            z1 = tmp0 + tmp3;
            z2 = tmp1 + tmp2;
            z3 = tmp0 + tmp2;
            int z4 = tmp1 + tmp3;
            int z5 = (z3 + z4) * FIX_1_175875602;
            tmp0 *= FIX_0_298631336;
            tmp1 *= FIX_2_053119869;
            tmp2 *= FIX_3_072711026;
            tmp3 *= FIX_1_501321110;
            z1 *= -FIX_0_899976223;
            z2 *= -FIX_2_562915447;
            z3 *= -FIX_1_961570560;
            z4 *= -FIX_0_390180644;
            z3 += z5;
            z4 += z5;
            tmp0 += z1 + z3;
            tmp1 += z2 + z4;
            tmp2 += z2 + z3;
            tmp3 += z1 + z4;

            out[off] = (short) limit((tmp10 + tmp3 + rnd2) >> dsc2);
            out[off + 7] = (short) limit((tmp10 - tmp3 + rnd2) >> dsc2);
            out[off + 1] = (short) limit((tmp11 + tmp2 + rnd2) >> dsc2);
            out[off + 6] = (short) limit((tmp11 - tmp2 + rnd2) >> dsc2);
            out[off + 2] = (short) limit((tmp12 + tmp1 + rnd2) >> dsc2);
            out[off + 5] = (short) limit((tmp12 - tmp1 + rnd2) >> dsc2);
            out[off + 3] = (short) limit((tmp13 + tmp0 + rnd2) >> dsc2);
            out[off + 4] = (short) limit((tmp13 - tmp0 + rnd2) >> dsc2);
        }
    }
}
