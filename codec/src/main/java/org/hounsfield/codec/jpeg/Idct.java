package org.hounsfield.codec.jpeg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Inverse DCT of one 8x8 block, giving the same integers as the IJG "accurate integer" method
 * that GDCM and DCMTK use (so lossy output matches them sample for sample).
 *
 * <p>That method is the Loeffler-Ligtenberg-Moschytz factorisation evaluated in 13-bit fixed
 * point: each 1-D pass forms every output from the even inputs (a rotation by 3pi/8) and the odd
 * inputs (a 4x4 butterfly), with intermediate rounding only between the column pass and the row
 * pass. Integer arithmetic is exact modulo 2<sup>32</sup>, so any regrouping of its sums of products
 * gives identical results; we use that to skip work for zero coefficients, which is most of them
 * in medical images:
 * <ul>
 *   <li>the caller says which rows and columns of the block hold non-zero coefficients;</li>
 *   <li>columns without any coefficient are not transformed (their outputs are zero);</li>
 *   <li>when rows or columns 4 to 7 are empty (for the column pass: when inputs 4 to 7 of that
 *       column are zero, whatever the other columns hold), the 1-D transform runs on inputs 0 to
 *       3 only, with the odd part written as one product per input (constants below, each the
 *       sum of the factorisation's constants that multiply that input);</li>
 *   <li>a column or row whose only non-zero input is the first one is a constant, as in IJG.</li>
 * </ul>
 * Out-of-range results wrap and clamp as IJG's range-limit table does.
 */
final class Idct {
    /** Eight bytes of a byte array as one little-endian long (one store, one bounds check). */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Fixed-point scale of the constants. */
    private static final int SCALE_BITS = 13;

    // Even part: rotation of inputs 2 and 6 (constants are round(8192 * sqrt(2) * ...)).
    /** sqrt(2) cos(6 pi / 16). */
    private static final int R6 = 4433;
    /** sqrt(2) (cos(2 pi / 16) - cos(6 pi / 16)). */
    private static final int R2_MINUS_R6 = 6270;
    /** sqrt(2) (cos(2 pi / 16) + cos(6 pi / 16)). */
    private static final int R2_PLUS_R6 = 15137;

    // Odd part, factorised form (dense blocks): shared sums times these.
    private static final int ODD_ALL = 9633;
    private static final int ODD_17 = -7373;
    private static final int ODD_35 = -20995;
    private static final int ODD_37 = -16069;
    private static final int ODD_15 = -3196;
    private static final int ODD_1 = 12299;
    private static final int ODD_3 = 25172;
    private static final int ODD_5 = 16819;
    private static final int ODD_7 = 2446;

    // Odd part when inputs 5 and 7 are zero: output k = A_k * x1 + B_k * x3, the factorised
    // form's constants collected per input (for example 12299 - 7373 - 3196 + 9633 = 11363).
    private static final int A3 = ODD_1 + ODD_17 + ODD_15 + ODD_ALL;
    private static final int B3 = ODD_ALL;
    private static final int A2 = ODD_ALL;
    private static final int B2 = ODD_3 + ODD_35 + ODD_37 + ODD_ALL;
    private static final int A1 = ODD_15 + ODD_ALL;
    private static final int B1 = ODD_35 + ODD_ALL;
    private static final int A0 = ODD_17 + ODD_ALL;
    private static final int B0 = ODD_37 + ODD_ALL;
    // Even part when input 6 is zero.
    private static final int E2_NEAR = R6 + R2_MINUS_R6;

    /** Zigzag position to natural position, with a tail mapping overlong runs to the last coefficient. */
    static final int[] NATURAL = new int[80];

    static {
        // walk the anti-diagonals of the 8x8 block, alternating direction (T.81 Figure A.6)
        int k = 0;
        for (int d = 0; d < 15; d++) {
            int lo = Math.max(0, d - 7);
            int hi = Math.min(d, 7);
            for (int i = lo; i <= hi; i++) {
                int row = (d & 1) == 0 ? d - i : i;
                NATURAL[k++] = row * 8 + (d - row);
            }
        }
        for (; k < NATURAL.length; k++) {
            NATURAL[k] = 63;
        }
    }

    /** Left shift of the column pass results (2 bits of extra precision for 8-bit samples, 1 for 12). */
    private final int colShift;
    /** Sample value of every result modulo 4 * 2^precision: wrapped to a signed value, centred, clamped. */
    private final short[] range;
    /** Whether {@link #RANGE_8} (else {@link #RANGE_12}) is this precision's range-limit table. */
    private final boolean eightBit;
    private final int[] ws = new int[64];

    /**
     * IJG's range-limit tables, indexed by the descaled result modulo 4 * 2^precision (so values
     * wrap before clamping) and repeated to {@link #RANGE_SIZE} entries, so that both precisions
     * are looked up with the same constant mask: a constant table of constant length lets the JIT
     * drop the bounds checks of the 64 look-ups per block.
     */
    private static final int RANGE_SIZE = 4 << 12;
    private static final short[] RANGE_8 = rangeTable(8);
    private static final short[] RANGE_12 = rangeTable(12);

    private static short[] rangeTable(int precision) {
        int period = 4 << precision;
        int wrapShift = 32 - (precision + 2);
        int center = 1 << (precision - 1);
        int maxval = (1 << precision) - 1;
        short[] t = new short[RANGE_SIZE];
        for (int i = 0; i < RANGE_SIZE; i++) {
            int v = (((i & (period - 1)) << wrapShift) >> wrapShift) + center;
            t[i] = (short) (v < 0 ? 0 : Math.min(v, maxval));
        }
        return t;
    }

    /** @param precision 8 or 12 bits */
    Idct(int precision) {
        colShift = precision <= 8 ? 2 : 1;
        eightBit = precision <= 8;
        range = eightBit ? RANGE_8 : RANGE_12;
    }

    private int limit(int x) {
        return range[x & (RANGE_SIZE - 1)];
    }

    /** Output of a block whose only non-zero coefficient is the DC term (already dequantised). */
    int dcOnly(int dc) {
        int sh = colShift + 3;
        return limit(((dc << colShift) + (1 << (sh - 1))) >> sh);
    }

    /**
     * Inverse transform of one block of dequantised coefficients (natural order) into 8x8 samples.
     *
     * @param in      coefficients, natural order (not modified)
     * @param rowMask bit r set when row r of {@code in} may hold a non-zero coefficient
     * @param colMask bit c set when column c of {@code in} may hold a non-zero coefficient
     * @param out     destination plane
     * @param off     first sample of the block in {@code out}
     * @param stride  row stride of {@code out}
     */
    void transform(int[] in, int rowMask, int colMask, short[] out, int off, int stride) {
        // columns the row pass will read: 1, 4 or 8
        final int width = colMask == 1 ? 1 : colMask < 16 ? 4 : 8;
        columns(in, rowMask, colMask, width);
        rows(out, off, stride, width);
    }

    /**
     * {@link #transform} for 8-bit samples, written as bytes: {@code ps} apart within a row (the
     * number of interleaved components) and {@code rs} apart from row to row.
     */
    void transformBytes(int[] in, int rowMask, int colMask, byte[] out, int off, int ps, int rs) {
        final int width = colMask == 1 ? 1 : colMask < 16 ? 4 : 8;
        columns(in, rowMask, colMask, width);
        rowsBytes(out, off, ps, rs, width);
    }

    /** Column pass into {@link #ws}: columns 0 to width-1. */
    private void columns(int[] in, int rowMask, int colMask, int width) {
        final int[] w = ws;
        final int cs = colShift;
        final int sh1 = SCALE_BITS - cs;
        final int rnd1 = 1 << (sh1 - 1);
        final boolean lowRows = rowMask < 16;
        for (int c = 0; c < width; c++) {
            if ((colMask >> c & 1) == 0) {
                w[c] = 0;
                w[c + 8] = 0;
                w[c + 16] = 0;
                w[c + 24] = 0;
                w[c + 32] = 0;
                w[c + 40] = 0;
                w[c + 48] = 0;
                w[c + 56] = 0;
                continue;
            }
            int x0 = in[c];
            int x1 = in[c + 8];
            int x2 = in[c + 16];
            int x3 = in[c + 24];
            int x4 = 0;
            int x5 = 0;
            int x6 = 0;
            int x7 = 0;
            if (!lowRows) {
                x4 = in[c + 32];
                x5 = in[c + 40];
                x6 = in[c + 48];
                x7 = in[c + 56];
            }
            // rows 4 to 7 of this column empty (whatever the other columns hold): 4-input transform
            if ((x4 | x5 | x6 | x7) == 0) {
                if ((x1 | x2 | x3) == 0) {
                    fillColumn(w, c, x0 << cs);
                    continue;
                }
                int e = x0 << SCALE_BITS;
                int p = E2_NEAR * x2;
                int q = R6 * x2;
                int o3 = A3 * x1 + B3 * x3;
                int o2 = A2 * x1 + B2 * x3;
                int o1 = A1 * x1 + B1 * x3;
                int o0 = A0 * x1 + B0 * x3;
                int ea = e + p + rnd1;
                int eb = e + q + rnd1;
                int ec = e - q + rnd1;
                int ed = e - p + rnd1;
                w[c] = (ea + o3) >> sh1;
                w[c + 56] = (ea - o3) >> sh1;
                w[c + 8] = (eb + o2) >> sh1;
                w[c + 48] = (eb - o2) >> sh1;
                w[c + 16] = (ec + o1) >> sh1;
                w[c + 40] = (ec - o1) >> sh1;
                w[c + 24] = (ed + o0) >> sh1;
                w[c + 32] = (ed - o0) >> sh1;
                continue;
            }
            int r = R6 * (x2 + x6);
            int p = r + R2_MINUS_R6 * x2;
            int q = r - R2_PLUS_R6 * x6;
            int e0 = (x0 + x4) << SCALE_BITS;
            int e1 = (x0 - x4) << SCALE_BITS;
            int s = ODD_ALL * (x1 + x3 + x5 + x7);
            int u17 = ODD_17 * (x1 + x7);
            int u35 = ODD_35 * (x3 + x5);
            int u37 = ODD_37 * (x3 + x7) + s;
            int u15 = ODD_15 * (x1 + x5) + s;
            int o3 = ODD_1 * x1 + u17 + u15;
            int o2 = ODD_3 * x3 + u35 + u37;
            int o1 = ODD_5 * x5 + u35 + u15;
            int o0 = ODD_7 * x7 + u17 + u37;
            int ea = e0 + p + rnd1;
            int eb = e1 + q + rnd1;
            int ec = e1 - q + rnd1;
            int ed = e0 - p + rnd1;
            w[c] = (ea + o3) >> sh1;
            w[c + 56] = (ea - o3) >> sh1;
            w[c + 8] = (eb + o2) >> sh1;
            w[c + 48] = (eb - o2) >> sh1;
            w[c + 16] = (ec + o1) >> sh1;
            w[c + 40] = (ec - o1) >> sh1;
            w[c + 24] = (ed + o0) >> sh1;
            w[c + 32] = (ed - o0) >> sh1;
        }
    }

    /** Row pass from {@link #ws} into the plane; inputs beyond {@code width} are zero. */
    private void rows(short[] out, int off, int stride, int width) {
        final int[] w = ws;
        final int cs = colShift;
        final int sh2 = SCALE_BITS + cs + 3;
        final int rnd2 = 1 << (sh2 - 1);
        final int sh0 = cs + 3;
        final int rnd0 = 1 << (sh0 - 1);
        // read from the static fields here, so that the JIT knows the table's length
        final short[] rl = eightBit ? RANGE_8 : RANGE_12;
        final int m = RANGE_SIZE - 1;
        for (int r = 0; r < 64; r += 8, off += stride) {
            int x0 = w[r];
            if (width == 1) {
                fillRow(out, off, rl[((x0 + rnd0) >> sh0) & m]);
                continue;
            }
            int x1 = w[r + 1];
            int x2 = w[r + 2];
            int x3 = w[r + 3];
            if (width == 4) {
                if (x1 == 0 && x2 == 0 && x3 == 0) {
                    fillRow(out, off, rl[((x0 + rnd0) >> sh0) & m]);
                    continue;
                }
                int e = x0 << SCALE_BITS;
                int p = E2_NEAR * x2;
                int q = R6 * x2;
                int o3 = A3 * x1 + B3 * x3;
                int o2 = A2 * x1 + B2 * x3;
                int o1 = A1 * x1 + B1 * x3;
                int o0 = A0 * x1 + B0 * x3;
                int ea = e + p + rnd2;
                int eb = e + q + rnd2;
                int ec = e - q + rnd2;
                int ed = e - p + rnd2;
                out[off] = rl[((ea + o3) >> sh2) & m];
                out[off + 7] = rl[((ea - o3) >> sh2) & m];
                out[off + 1] = rl[((eb + o2) >> sh2) & m];
                out[off + 6] = rl[((eb - o2) >> sh2) & m];
                out[off + 2] = rl[((ec + o1) >> sh2) & m];
                out[off + 5] = rl[((ec - o1) >> sh2) & m];
                out[off + 3] = rl[((ed + o0) >> sh2) & m];
                out[off + 4] = rl[((ed - o0) >> sh2) & m];
                continue;
            }
            int x4 = w[r + 4];
            int x5 = w[r + 5];
            int x6 = w[r + 6];
            int x7 = w[r + 7];
            if (x1 == 0 && x2 == 0 && x3 == 0 && x4 == 0 && x5 == 0 && x6 == 0 && x7 == 0) {
                fillRow(out, off, rl[((x0 + rnd0) >> sh0) & m]);
                continue;
            }
            int rr = R6 * (x2 + x6);
            int p = rr + R2_MINUS_R6 * x2;
            int q = rr - R2_PLUS_R6 * x6;
            int e0 = (x0 + x4) << SCALE_BITS;
            int e1 = (x0 - x4) << SCALE_BITS;
            int s = ODD_ALL * (x1 + x3 + x5 + x7);
            int u17 = ODD_17 * (x1 + x7);
            int u35 = ODD_35 * (x3 + x5);
            int u37 = ODD_37 * (x3 + x7) + s;
            int u15 = ODD_15 * (x1 + x5) + s;
            int o3 = ODD_1 * x1 + u17 + u15;
            int o2 = ODD_3 * x3 + u35 + u37;
            int o1 = ODD_5 * x5 + u35 + u15;
            int o0 = ODD_7 * x7 + u17 + u37;
            int ea = e0 + p + rnd2;
            int eb = e1 + q + rnd2;
            int ec = e1 - q + rnd2;
            int ed = e0 - p + rnd2;
            out[off] = rl[((ea + o3) >> sh2) & m];
            out[off + 7] = rl[((ea - o3) >> sh2) & m];
            out[off + 1] = rl[((eb + o2) >> sh2) & m];
            out[off + 6] = rl[((eb - o2) >> sh2) & m];
            out[off + 2] = rl[((ec + o1) >> sh2) & m];
            out[off + 5] = rl[((ec - o1) >> sh2) & m];
            out[off + 3] = rl[((ed + o0) >> sh2) & m];
            out[off + 4] = rl[((ed - o0) >> sh2) & m];
        }
    }

    /**
     * {@link #rows} for 8-bit samples written as bytes, {@code ps} apart within a row and
     * {@code rs} apart from row to row (the same values: same arithmetic, same table).
     */
    private void rowsBytes(byte[] out, int off, int ps, int rs, int width) {
        final int[] w = ws;
        final int cs = colShift;
        final int sh2 = SCALE_BITS + cs + 3;
        final int rnd2 = 1 << (sh2 - 1);
        final int sh0 = cs + 3;
        final int rnd0 = 1 << (sh0 - 1);
        final short[] rl = RANGE_8;
        final int m = RANGE_SIZE - 1;
        for (int r = 0; r < 64; r += 8, off += rs) {
            int x0 = w[r];
            if (width == 1) {
                fillRowBytes(out, off, ps, rl[((x0 + rnd0) >> sh0) & m]);
                continue;
            }
            int x1 = w[r + 1];
            int x2 = w[r + 2];
            int x3 = w[r + 3];
            if (width == 4) {
                if (x1 == 0 && x2 == 0 && x3 == 0) {
                    fillRowBytes(out, off, ps, rl[((x0 + rnd0) >> sh0) & m]);
                    continue;
                }
                int e = x0 << SCALE_BITS;
                int p = E2_NEAR * x2;
                int q = R6 * x2;
                int o3 = A3 * x1 + B3 * x3;
                int o2 = A2 * x1 + B2 * x3;
                int o1 = A1 * x1 + B1 * x3;
                int o0 = A0 * x1 + B0 * x3;
                int ea = e + p + rnd2;
                int eb = e + q + rnd2;
                int ec = e - q + rnd2;
                int ed = e - p + rnd2;
                putRow(out, off, ps,
                        rl[((ea + o3) >> sh2) & m],
                        rl[((eb + o2) >> sh2) & m],
                        rl[((ec + o1) >> sh2) & m],
                        rl[((ed + o0) >> sh2) & m],
                        rl[((ed - o0) >> sh2) & m],
                        rl[((ec - o1) >> sh2) & m],
                        rl[((eb - o2) >> sh2) & m],
                        rl[((ea - o3) >> sh2) & m]);
                continue;
            }
            int x4 = w[r + 4];
            int x5 = w[r + 5];
            int x6 = w[r + 6];
            int x7 = w[r + 7];
            if (x1 == 0 && x2 == 0 && x3 == 0 && x4 == 0 && x5 == 0 && x6 == 0 && x7 == 0) {
                fillRowBytes(out, off, ps, rl[((x0 + rnd0) >> sh0) & m]);
                continue;
            }
            int rr = R6 * (x2 + x6);
            int p = rr + R2_MINUS_R6 * x2;
            int q = rr - R2_PLUS_R6 * x6;
            int e0 = (x0 + x4) << SCALE_BITS;
            int e1 = (x0 - x4) << SCALE_BITS;
            int s = ODD_ALL * (x1 + x3 + x5 + x7);
            int u17 = ODD_17 * (x1 + x7);
            int u35 = ODD_35 * (x3 + x5);
            int u37 = ODD_37 * (x3 + x7) + s;
            int u15 = ODD_15 * (x1 + x5) + s;
            int o3 = ODD_1 * x1 + u17 + u15;
            int o2 = ODD_3 * x3 + u35 + u37;
            int o1 = ODD_5 * x5 + u35 + u15;
            int o0 = ODD_7 * x7 + u17 + u37;
            int ea = e0 + p + rnd2;
            int eb = e1 + q + rnd2;
            int ec = e1 - q + rnd2;
            int ed = e0 - p + rnd2;
            putRow(out, off, ps,
                    rl[((ea + o3) >> sh2) & m],
                    rl[((eb + o2) >> sh2) & m],
                    rl[((ec + o1) >> sh2) & m],
                    rl[((ed + o0) >> sh2) & m],
                    rl[((ed - o0) >> sh2) & m],
                    rl[((ec - o1) >> sh2) & m],
                    rl[((eb - o2) >> sh2) & m],
                    rl[((ea - o3) >> sh2) & m]);
        }
    }


    private static void fillColumn(int[] w, int c, int v) {
        w[c] = v;
        w[c + 8] = v;
        w[c + 16] = v;
        w[c + 24] = v;
        w[c + 32] = v;
        w[c + 40] = v;
        w[c + 48] = v;
        w[c + 56] = v;
    }

    /** Fills an 8x8 block of byte samples (as {@link #rowsBytes} lays them out) with one value. */
    static void fillBytes(byte[] out, int off, int ps, int rs, int value) {
        short v = (short) value;
        for (int r = 0; r < 8; r++, off += rs) {
            fillRowBytes(out, off, ps, v);
        }
    }

    private static void fillRowBytes(byte[] out, int off, int ps, short v) {
        putRow(out, off, ps, v, v, v, v, v, v, v, v);
    }

    /**
     * Stores the eight samples (0 to 255) of one row: one little-endian long when they are
     * adjacent (one bounds check instead of eight), else ps bytes apart (the usual 3 written
     * with constant offsets).
     */
    private static void putRow(byte[] out, int off, int ps, int a0, int a1, int a2, int a3, int a4, int a5,
                               int a6, int a7) {
        if (ps == 1) {
            LONGS.set(out, off, a0 | a1 << 8 | a2 << 16 | (long) a3 << 24 | (long) a4 << 32 | (long) a5 << 40
                    | (long) a6 << 48 | (long) a7 << 56);
            return;
        }
        if (ps == 3) {
            // constant offsets: the JIT checks the bounds of the first and the last store only
            out[off] = (byte) a0;
            out[off + 3] = (byte) a1;
            out[off + 6] = (byte) a2;
            out[off + 9] = (byte) a3;
            out[off + 12] = (byte) a4;
            out[off + 15] = (byte) a5;
            out[off + 18] = (byte) a6;
            out[off + 21] = (byte) a7;
            return;
        }
        out[off] = (byte) a0;
        out[off + ps] = (byte) a1;
        out[off + 2 * ps] = (byte) a2;
        out[off + 3 * ps] = (byte) a3;
        out[off + 4 * ps] = (byte) a4;
        out[off + 5 * ps] = (byte) a5;
        out[off + 6 * ps] = (byte) a6;
        out[off + 7 * ps] = (byte) a7;
    }

    private static void fillRow(short[] out, int off, short v) {
        out[off] = v;
        out[off + 1] = v;
        out[off + 2] = v;
        out[off + 3] = v;
        out[off + 4] = v;
        out[off + 5] = v;
        out[off + 6] = v;
        out[off + 7] = v;
    }
}
