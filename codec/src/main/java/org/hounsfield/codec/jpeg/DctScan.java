package org.hounsfield.codec.jpeg;

import java.util.Arrays;
import org.hounsfield.core.DicomCodecException;

/** Decoding of one Huffman-coded DCT scan (sequential or progressive). */
final class DctScan {
    private final JpegFrameDecoder f;
    private final EntropyReader r;
    private final Component[] sc;
    private final Idct idct;
    private final int[] blk = new int[64];
    private final int[] nat = Idct.NATURAL;

    /**
     * For zigzag position k (0 to 127, positions past 63 as {@link Idct#NATURAL} maps them): the
     * natural position n in bits 0-5 and, from bit 6, (1 &lt;&lt; row) &lt;&lt; 8 | (1 &lt;&lt; column)
     * of n. One look-up per coefficient; the constant length lets the JIT drop its bounds check.
     */
    private static final int[] ZIGZAG = new int[128];

    static {
        for (int k = 0; k < 128; k++) {
            int n = k < Idct.NATURAL.length ? Idct.NATURAL[k] : 63;
            ZIGZAG[k] = ((1 << (n >> 3)) << 8 | 1 << (n & 7)) << 6 | n;
        }
    }

    private int eobrun;
    private boolean skip;
    private int nextRst;
    private int toGo;

    DctScan(JpegFrameDecoder f, EntropyReader r, Component[] sc, Idct idct) {
        this.f = f;
        this.r = r;
        this.sc = sc;
        this.idct = idct;
    }

    /** Called before each MCU: handles restart markers. */
    private void beforeMcu(int ri) {
        if (ri > 0) {
            if (toGo == 0) {
                restart(ri);
            }
            toGo--;
        }
    }

    private void restart(int ri) {
        boolean ok = r.restart(nextRst);
        nextRst = (nextRst + 1) & 7;
        if (ok) {
            skip = false;
        }
        for (Component c : sc) {
            c.pred = 0;
        }
        eobrun = 0;
        toGo = ri;
    }

    /** Called after each MCU: detects exhausted data. */
    private void afterMcu() {
        EntropyReader rd = r;
        if (rd.nbits < rd.pad) {
            overrun();
        }
    }

    private void overrun() {
        if (r.stop == EntropyReader.STOP_EOF) {
            throw r.truncated("DCT scan");
        }
        skip = true;
    }

    void decodeSequential() {
        final int ri = f.restartInterval();
        toGo = ri;
        if (f.direct()) {
            decodeDirect(ri);
            return;
        }
        if (sc.length == 1) {
            Component c = sc[0];
            int bw = (c.dw + 7) >> 3;
            int bh = (c.dh + 7) >> 3;
            final boolean stream = f.streaming();
            for (int by = 0; by < bh; by++) {
                int row = c.rowOffset(by * 8);
                for (int bx = 0; bx < bw; bx++) {
                    beforeMcu(ri);
                    sequentialBlock(c, row + bx * 8);
                    afterMcu();
                }
                // streamed only when this is the frame's one component: its MCU row is c.v block rows
                if (stream && ((by + 1) % c.v == 0 || by == bh - 1)) {
                    f.mcuRowDone(by / c.v);
                }
            }
            return;
        }
        int mx = f.mcusX();
        int my = f.mcusY();
        final boolean stream = f.streaming();
        for (int y = 0; y < my; y++) {
            for (int x = 0; x < mx; x++) {
                beforeMcu(ri);
                for (Component c : sc) {
                    for (int v = 0; v < c.v; v++) {
                        int row = c.rowOffset((y * c.v + v) * 8);
                        for (int h = 0; h < c.h; h++) {
                            sequentialBlock(c, row + (x * c.h + h) * 8);
                        }
                    }
                }
                afterMcu();
            }
            if (stream) {
                f.mcuRowDone(y);
            }
        }
    }

    private void sequentialBlock(Component c, int off) {
        final int[] b = blk;
        if (skip) {
            fillBlock(c, off, idct.dcOnly(0));
            return;
        }
        int masks = decodeBlock(c.dc, c.ac, c, b);
        if (masks == 0x101) {
            fillBlock(c, off, idct.dcOnly(b[0]));
            b[0] = 0;
        } else {
            idct.transform(b, masks >>> 8, masks & 0xFF, c.plane, off, c.stride);
            Arrays.fill(b, 0);
        }
    }

    // ---------------------------------------------------------------- straight into the output

    private byte[] out;
    private int outBase;
    /** Bytes from one pixel to the next (the number of components) and from one row to the next. */
    private int pixelBytes;
    private int rowBytes;
    private int width;
    private int height;
    private final short[] edge = new short[64];

    /**
     * Sequential scan of a frame whose samples go straight into the destination (see
     * {@link JpegFrameDecoder#direct()}): every component at full resolution, so block (bx, by) of
     * any component covers pixels 8bx to 8bx+7 of rows 8by to 8by+7.
     */
    private void decodeDirect(int ri) {
        out = f.dst();
        outBase = f.dstOff();
        width = f.width();
        height = f.height();
        pixelBytes = f.components();
        rowBytes = width * pixelBytes;
        if (sc.length == 1) {
            Component c = sc[0];
            int bw = (c.dw + 7) >> 3;
            int bh = (c.dh + 7) >> 3;
            for (int by = 0; by < bh; by++) {
                for (int bx = 0; bx < bw; bx++) {
                    beforeMcu(ri);
                    directBlock(c, bx * 8, by * 8);
                    afterMcu();
                }
            }
            return;
        }
        int mx = f.mcusX();
        int my = f.mcusY();
        for (int y = 0; y < my; y++) {
            for (int x = 0; x < mx; x++) {
                beforeMcu(ri);
                for (Component c : sc) {
                    for (int v = 0; v < c.v; v++) {
                        int py = (y * c.v + v) * 8;
                        for (int h = 0; h < c.h; h++) {
                            directBlock(c, (x * c.h + h) * 8, py);
                        }
                    }
                }
                afterMcu();
            }
        }
    }

    /** Decodes one block and writes its samples at pixel (px, py), clipped to the frame. */
    private void directBlock(Component c, int px, int py) {
        final int[] b = blk;
        int masks = 0x101;
        int value = 0;
        if (skip) {
            value = idct.dcOnly(0);
        } else {
            masks = decodeBlock(c.dc, c.ac, c, b);
            if (masks == 0x101) {
                value = idct.dcOnly(b[0]);
                b[0] = 0;
            }
        }
        final int ps = pixelBytes;
        final int rs = rowBytes;
        if (px + 8 <= width && py + 8 <= height) {
            int o = outBase + py * rs + px * ps + c.index;
            if (masks == 0x101) {
                Idct.fillBytes(out, o, ps, rs, value);
            } else {
                idct.transformBytes(b, masks >>> 8, masks & 0xFF, out, o, ps, rs);
                Arrays.fill(b, 0);
            }
            return;
        }
        // across the right or bottom edge of the frame: through a block of our own
        short[] t = edge;
        if (masks == 0x101) {
            Arrays.fill(t, (short) value);
        } else {
            idct.transform(b, masks >>> 8, masks & 0xFF, t, 0, 8);
            Arrays.fill(b, 0);
        }
        int cols = Math.min(8, width - px);
        int rows = Math.min(8, height - py);
        for (int r = 0; r < rows; r++) {
            int o = outBase + (py + r) * rs + px * ps + c.index;
            for (int k = 0; k < cols; k++, o += ps) {
                out[o] = (byte) t[r * 8 + k];
            }
        }
    }

    private static void fillBlock(Component c, int off, int value) {
        short v = (short) value;
        short[] p = c.plane;
        int s = c.stride;
        for (int i = 0; i < 8; i++, off += s) {
            p[off] = v;
            p[off + 1] = v;
            p[off + 2] = v;
            p[off + 3] = v;
            p[off + 4] = v;
            p[off + 5] = v;
            p[off + 6] = v;
            p[off + 7] = v;
        }
    }

    /**
     * Decodes the coefficients of one block into b (all zero on entry), dequantised, natural order.
     * Returns (rows &lt;&lt; 8) | columns: bit r of rows / bit c of columns set when row r / column c
     * of the block received a coefficient; 0x101 means the DC term alone.
     */
    private int decodeBlock(HuffmanTable dc, HuffmanTable ac, Component c, int[] b) {
        final EntropyReader rd = r;
        final int[] q = c.quant;
        // the bit buffer lives in locals here, written back around the calls that use it
        long bits = rd.bits;
        int nbits = rd.nbits;
        if (nbits < 32) {
            rd.fill();
            bits = rd.bits;
            nbits = rd.nbits;
        }
        int e = dc.fast[(int) (bits >>> (64 - HuffmanTable.LOOKAHEAD))];
        int diff;
        if (e != 0) {
            int len = e & 0xFF;
            bits <<= len;
            nbits -= len;
            diff = e >> 8;
        } else {
            rd.bits = bits;
            rd.nbits = nbits;
            int s = rd.decodeSymbol(dc);
            if (s > 16) {
                throw new DicomCodecException("JPEG: invalid DC difference category " + s, rd.pos - rd.base);
            }
            diff = s == 0 ? 0 : HuffmanTable.extend(rd.receive(s), s);
            bits = rd.bits;
            nbits = rd.nbits;
        }
        int pred = c.pred + diff;
        c.pred = pred;
        // coefficients are 16-bit quantities (T.81 F.1.1.1), hence the casts
        b[0] = (short) pred * q[0];
        int masks = 0x101;
        final int[] zz = ZIGZAG;
        final int[] fast = ac.fast;
        final byte[] buf = rd.buf;
        for (int k = 1; k < 64; k++) {
            if (nbits < 32) {
                int p = rd.pos;
                if (p + 8 > rd.nextFF) {
                    rd.updateNextFF();
                }
                if (p + 8 <= rd.nextFF && rd.stop == EntropyReader.STOP_NONE) {
                    // EntropyReader.fill's fast path, kept here so that the buffer stays in registers
                    for (; nbits <= 56; nbits += 8) {
                        bits |= (buf[p++] & 0xFFL) << (56 - nbits);
                    }
                    rd.pos = p;
                } else {
                    rd.bits = bits;
                    rd.nbits = nbits;
                    rd.fill();
                    bits = rd.bits;
                    nbits = rd.nbits;
                }
            }
            e = fast[(int) (bits >>> (64 - HuffmanTable.LOOKAHEAD))];
            if (e != 0) {
                int len = e & 0xFF;
                bits <<= len;
                nbits -= len;
                int v = e >> 16;
                if (v == 0) {
                    if ((e & 0xF00) != 0xF00) {
                        break; // end of block
                    }
                    k += 15; // sixteen zeros
                    continue;
                }
                k += (e >> 8) & 0xFF;
                int z = zz[k & 127];
                int n = z & 63;
                b[n] = v * q[n]; // |v| < 2^11: no 16-bit wrap to apply
                masks |= z >>> 6;
            } else {
                rd.bits = bits;
                rd.nbits = nbits;
                int rs = rd.decodeSymbol(ac);
                int run = rs >> 4;
                int s = rs & 15;
                if (s == 0) {
                    bits = rd.bits;
                    nbits = rd.nbits;
                    if (run != 15) {
                        break;
                    }
                    k += 15;
                    continue;
                }
                k += run;
                int z = zz[k & 127];
                int n = z & 63;
                b[n] = (short) HuffmanTable.extend(rd.receive(s), s) * q[n];
                bits = rd.bits;
                nbits = rd.nbits;
                masks |= z >>> 6;
            }
        }
        rd.bits = bits;
        rd.nbits = nbits;
        return masks;
    }

    // ---------------------------------------------------------------- progressive

    void decodeProgressive(int ss, int se, int ah, int al) {
        final int ri = f.restartInterval();
        toGo = ri;
        if (sc.length == 1) {
            Component c = sc[0];
            int bw = (c.dw + 7) >> 3;
            int bh = (c.dh + 7) >> 3;
            for (int by = 0; by < bh; by++) {
                for (int bx = 0; bx < bw; bx++) {
                    beforeMcu(ri);
                    if (!skip) {
                        progressiveBlock(c, (by * c.blocksW + bx) * 64, ss, se, ah, al);
                    }
                    afterMcu();
                }
            }
            return;
        }
        int mx = f.mcusX();
        int my = f.mcusY();
        for (int y = 0; y < my; y++) {
            for (int x = 0; x < mx; x++) {
                beforeMcu(ri);
                if (!skip) {
                    for (Component c : sc) {
                        for (int v = 0; v < c.v; v++) {
                            int row = (y * c.v + v) * c.blocksW;
                            for (int h = 0; h < c.h; h++) {
                                progressiveBlock(c, (row + x * c.h + h) * 64, ss, se, ah, al);
                            }
                        }
                    }
                }
                afterMcu();
            }
        }
    }

    private void progressiveBlock(Component c, int co, int ss, int se, int ah, int al) {
        short[] coef = c.coefs;
        EntropyReader rd = r;
        if (ss == 0) {
            if (ah == 0) {
                int s = rd.decodeSymbol(c.dc);
                if (s > 16) {
                    throw new DicomCodecException("JPEG: invalid DC difference category " + s, rd.pos - rd.base);
                }
                int diff = s == 0 ? 0 : HuffmanTable.extend(rd.receive(s), s);
                c.pred += diff;
                coef[co] = (short) (c.pred << al);
            } else if (rd.bit() != 0) {
                coef[co] |= (short) (1 << al);
            }
            return;
        }
        HuffmanTable ac = c.ac;
        if (ah == 0) {
            if (eobrun > 0) {
                eobrun--;
                return;
            }
            for (int k = ss; k <= se; k++) {
                int rs = rd.decodeSymbol(ac);
                int run = rs >> 4;
                int s = rs & 15;
                if (s != 0) {
                    k += run;
                    coef[co + nat[k]] = (short) (HuffmanTable.extend(rd.receive(s), s) << al);
                } else if (run == 15) {
                    k += 15;
                } else {
                    eobrun = 1 << run;
                    if (run != 0) {
                        eobrun += rd.receive(run);
                    }
                    eobrun--;
                    break;
                }
            }
            return;
        }
        // AC refinement (T.81 G.1.2.3): every coefficient that is already non-zero receives one
        // correction bit; a symbol (run, 1) places a new coefficient of magnitude 2^Al after
        // `run` coefficients that are still zero; (15, 0) passes sixteen of them; (r, 0) for r
        // below 15 starts a run of blocks that only receive correction bits
        final int step = 1 << al;
        int k = ss;
        if (eobrun == 0) {
            while (k <= se) {
                int rs = rd.decodeSymbol(ac);
                int zeros = rs >> 4;
                int placed = 0;
                if ((rs & 15) != 0) {
                    placed = rd.bit() != 0 ? step : -step;
                } else if (zeros != 15) {
                    eobrun = (1 << zeros) + (zeros != 0 ? rd.receive(zeros) : 0);
                    break;
                }
                k = correctUpToZero(coef, co, k, se, zeros, step);
                if (placed != 0) {
                    coef[co + nat[k]] = (short) placed;
                }
                k++;
            }
        }
        if (eobrun > 0) {
            correctUpToZero(coef, co, k, se, 64, step);
            eobrun--;
        }
    }

    /**
     * Walks the band from zigzag index k to se: reads a correction bit for each coefficient that
     * is non-zero (adding 2^Al away from zero when the bit is 1 and that bit is still clear) and
     * stops at the zero coefficient that has {@code zeros} zero coefficients before it. Returns
     * its index, or se + 1 when the band ends first.
     */
    private int correctUpToZero(short[] coef, int co, int k, int se, int zeros, int step) {
        final EntropyReader rd = r;
        for (; k <= se; k++) {
            int idx = co + nat[k];
            int v = coef[idx];
            if (v == 0) {
                if (zeros == 0) {
                    return k;
                }
                zeros--;
            } else if (rd.bit() != 0 && (v & step) == 0) {
                coef[idx] = (short) (v + (v > 0 ? step : -step));
            }
        }
        return k;
    }

}
