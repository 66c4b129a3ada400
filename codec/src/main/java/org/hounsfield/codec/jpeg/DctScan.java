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
            toGo--;
        }
    }

    /** Called after each MCU: detects exhausted data. */
    private void afterMcu() {
        if (r.overrun()) {
            if (r.stop == EntropyReader.STOP_EOF) {
                throw r.truncated("DCT scan");
            }
            skip = true;
        }
    }

    void decodeSequential() {
        final int ri = f.restartInterval();
        toGo = ri;
        if (sc.length == 1) {
            Component c = sc[0];
            int bw = (c.dw + 7) >> 3;
            int bh = (c.dh + 7) >> 3;
            for (int by = 0; by < bh; by++) {
                for (int bx = 0; bx < bw; bx++) {
                    beforeMcu(ri);
                    sequentialBlock(c, (by * c.stride + bx) * 8);
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
                        int row = (y * c.v + v) * 8 * c.stride;
                        for (int h = 0; h < c.h; h++) {
                            sequentialBlock(c, row + (x * c.h + h) * 8);
                        }
                    }
                }
                afterMcu();
            }
        }
    }

    private void sequentialBlock(Component c, int off) {
        final int[] b = blk;
        final int[] q = c.quant;
        if (skip) {
            fillBlock(c, off, idct.dcOnly(0, q[0]));
            return;
        }
        int last = decodeBlock(c.dc, c.ac, c, b);
        if (last == 0) {
            fillBlock(c, off, idct.dcOnly(b[0], q[0]));
            b[0] = 0;
        } else {
            idct.transform(b, q, c.plane, off, c.stride);
            Arrays.fill(b, 0);
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

    /** Decodes the 64 coefficients of one block into b (zeroed); returns the last zigzag index set. */
    private int decodeBlock(HuffmanTable dc, HuffmanTable ac, Component c, int[] b) {
        final EntropyReader rd = r;
        if (rd.nbits < 32) {
            rd.fill();
        }
        int e = dc.fast[(int) (rd.bits >>> (64 - HuffmanTable.LOOKAHEAD))];
        int diff;
        if (e != 0) {
            int len = e & 0xFF;
            rd.bits <<= len;
            rd.nbits -= len;
            diff = e >> 8;
        } else {
            int s = rd.decodeSymbol(dc);
            if (s > 16) {
                throw new DicomCodecException("JPEG: invalid DC difference category " + s, rd.pos - rd.base);
            }
            diff = s == 0 ? 0 : HuffmanTable.extend(rd.receive(s), s);
        }
        int pred = c.pred + diff;
        c.pred = pred;
        b[0] = (short) pred;
        int last = 0;
        final int[] fast = ac.fast;
        final int[] nz = nat;
        for (int k = 1; k < 64; k++) {
            if (rd.nbits < 32) {
                rd.fill();
            }
            e = fast[(int) (rd.bits >>> (64 - HuffmanTable.LOOKAHEAD))];
            if (e != 0) {
                int len = e & 0xFF;
                rd.bits <<= len;
                rd.nbits -= len;
                k += (e >> 8) & 0xFF;
                b[nz[k]] = (short) (e >> 16);
                last = k;
                continue;
            }
            int rs = rd.decodeSymbol(ac);
            int run = rs >> 4;
            int s = rs & 15;
            if (s != 0) {
                k += run;
                b[nz[k]] = (short) HuffmanTable.extend(rd.receive(s), s);
                last = k;
            } else {
                if (run != 15) {
                    break;
                }
                k += 15;
            }
        }
        return last;
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
        // AC refinement (T.81 G.1.2.3)
        int p1 = 1 << al;
        int m1 = -1 << al;
        int k = ss;
        if (eobrun == 0) {
            for (; k <= se; k++) {
                int rs = rd.decodeSymbol(ac);
                int run = rs >> 4;
                int s = rs & 15;
                int val = 0;
                if (s != 0) {
                    val = rd.bit() != 0 ? p1 : m1;
                } else if (run != 15) {
                    eobrun = 1 << run;
                    if (run != 0) {
                        eobrun += rd.receive(run);
                    }
                    break;
                }
                do {
                    int idx = co + nat[k];
                    int cv = coef[idx];
                    if (cv != 0) {
                        if (rd.bit() != 0 && (cv & p1) == 0) {
                            coef[idx] = (short) (cv >= 0 ? cv + p1 : cv + m1);
                        }
                    } else {
                        if (--run < 0) {
                            break;
                        }
                    }
                    k++;
                } while (k <= se);
                if (val != 0) {
                    coef[co + nat[k]] = (short) val;
                }
            }
        }
        if (eobrun > 0) {
            for (; k <= se; k++) {
                int idx = co + nat[k];
                int cv = coef[idx];
                if (cv != 0 && rd.bit() != 0 && (cv & p1) == 0) {
                    coef[idx] = (short) (cv >= 0 ? cv + p1 : cv + m1);
                }
            }
            eobrun--;
        }
    }
}
