package org.hounsfield.codec.jpeg;

import org.hounsfield.core.DicomCodecException;

/** Decoding of one lossless (process 14) scan into the component planes. */
final class LosslessScan {
    /** Internal selection value: predictor 6 with the 16-bit overflow of some encoders. */
    static final int PREDICTOR_6_OVERFLOW16 = 8;
    private final JpegFrameDecoder f;
    private final EntropyReader r;
    private final Component[] sc;
    private final int sv;
    private final int initial;

    LosslessScan(JpegFrameDecoder f, EntropyReader r, Component[] sc, int sv, int pt) {
        this.f = f;
        this.r = r;
        this.sc = sc;
        this.sv = sv;
        this.initial = 1 << (f.precision() - pt - 1);
    }

    void decode() {
        int w;
        int h;
        if (sc.length == 1) {
            w = sc[0].dw;
            h = sc[0].dh;
        } else {
            for (Component c : sc) {
                if (c.h != 1 || c.v != 1) {
                    throw new DicomCodecException(
                            "JPEG: interleaved lossless scan with subsampled components is not supported",
                            r.pos - r.base);
                }
                // one sample per component per MCU: the MCU grid is the component size, which is
                // smaller than the frame when another component of the frame has a larger sampling
                // factor (found by fuzzing: the frame size overran the planes)
                if (c.dw != sc[0].dw || c.dh != sc[0].dh || c.stride != sc[0].stride) {
                    throw new DicomCodecException("JPEG: interleaved lossless scan over components of different sizes",
                            r.pos - r.base);
                }
            }
            w = sc[0].dw;
            h = sc[0].dh;
        }
        if (sc.length == 1) {
            decodeOne(sc[0], w, h);
        } else {
            decodeInterleaved(w, h);
        }
    }

    private int diff(HuffmanTable t) {
        final EntropyReader rd = r;
        if (rd.nbits < 32) {
            rd.fill();
        }
        int e = t.fast[(int) (rd.bits >>> (64 - HuffmanTable.LOOKAHEAD))];
        if (e != 0) {
            int len = e & 0xFF;
            rd.bits <<= len;
            rd.nbits -= len;
            return e >> 8;
        }
        int s = rd.decodeSymbol(t);
        if (s == 0) {
            return 0;
        }
        if (s >= 16) {
            if (s == 16) {
                return 32768;
            }
            throw new DicomCodecException("JPEG: invalid lossless difference category " + s, rd.pos - rd.base);
        }
        return HuffmanTable.extend(rd.receive(s), s);
    }

    private static int predict(int sv, int ra, int rb, int rc) {
        switch (sv) {
            case 1:
                return ra;
            case 2:
                return rb;
            case 3:
                return rc;
            case 4:
                return ra + rb - rc;
            case 5:
                return ra + ((rb - rc) >> 1);
            case 6:
                return rb + ((ra - rc) >> 1);
            case PREDICTOR_6_OVERFLOW16:
                // Some encoders computed Ra - Rc in 16-bit signed arithmetic (DCMTK's +w6 workaround)
                return rb + ((short) (ra - rc) >> 1);
            default:
                return (ra + rb) >> 1;
        }
    }

    private boolean overrunCheck() {
        if (r.overrun()) {
            if (r.stop == EntropyReader.STOP_EOF) {
                throw r.truncated("lossless scan");
            }
            return true;
        }
        return false;
    }

    /** Single component scan (the usual case): tight loop without the MCU bookkeeping. */
    private void decodeOne(Component c, int w, int h) {
        final short[] pl = c.plane;
        final int stride = c.stride;
        final HuffmanTable t = c.dc;
        final int ri = f.restartInterval();
        final int sv = this.sv;
        int toGo = ri;
        int nextRst = 0;
        boolean skip = false;
        boolean firstLine = true;
        for (int y = 0; y < h; y++) {
            int row = y * stride;
            int x = 0;
            while (x < w) {
                int runEnd = w;
                boolean restartHere = false;
                if (ri > 0) {
                    if (toGo == 0) {
                        restartHere = true;
                    } else if (toGo < w - x) {
                        runEnd = x + toGo;
                    }
                }
                if (restartHere) {
                    boolean ok = r.restart(nextRst);
                    nextRst = (nextRst + 1) & 7;
                    if (ok) {
                        skip = false;
                    }
                    toGo = ri;
                    firstLine = true;
                    if (toGo < w - x) {
                        runEnd = x + toGo;
                    }
                    // the sample after a restart is predicted from the initial value
                    int d = skip ? 0 : diff(t);
                    pl[row + x] = (short) (initial + d);
                    x++;
                    toGo--;
                    if (!skip && overrunCheck()) {
                        skip = true;
                    }
                    continue;
                }
                if (ri > 0) {
                    toGo -= runEnd - x;
                }
                if (skip) {
                    for (; x < runEnd; x++) {
                        pl[row + x] = (short) pred(pl, row, x, stride, firstLine, sv);
                    }
                    continue;
                }
                if (x == 0) {
                    int p = firstLine ? initial : pl[row - stride] & 0xFFFF;
                    pl[row] = (short) (p + diff(t));
                    x = 1;
                }
                if (firstLine || sv == 1) {
                    int ra = pl[row + x - 1];
                    for (; x < runEnd; x++) {
                        ra = ra + diff(t);
                        pl[row + x] = (short) ra;
                    }
                } else if (sv == 2) {
                    for (; x < runEnd; x++) {
                        pl[row + x] = (short) ((pl[row + x - stride] & 0xFFFF) + diff(t));
                    }
                } else {
                    for (; x < runEnd; x++) {
                        int ra = pl[row + x - 1] & 0xFFFF;
                        int rb = pl[row + x - stride] & 0xFFFF;
                        int rc = pl[row + x - stride - 1] & 0xFFFF;
                        pl[row + x] = (short) (predict(sv, ra, rb, rc) + diff(t));
                    }
                }
                if (overrunCheck()) {
                    skip = true;
                }
            }
            firstLine = false;
        }
    }

    private int pred(short[] pl, int row, int x, int stride, boolean firstLine, int sv) {
        if (firstLine) {
            return x == 0 ? initial : pl[row + x - 1] & 0xFFFF;
        }
        if (x == 0) {
            return pl[row - stride] & 0xFFFF;
        }
        return predict(sv, pl[row + x - 1] & 0xFFFF, pl[row + x - stride] & 0xFFFF,
                pl[row + x - stride - 1] & 0xFFFF);
    }

    /** Interleaved scan of components without subsampling: one sample of each per MCU. */
    private void decodeInterleaved(int w, int h) {
        final int n = sc.length;
        final short[][] planes = new short[n][];
        final HuffmanTable[] tabs = new HuffmanTable[n];
        final int stride = sc[0].stride;
        for (int i = 0; i < n; i++) {
            planes[i] = sc[i].plane;
            tabs[i] = sc[i].dc;
        }
        final int ri = f.restartInterval();
        final int sv = this.sv;
        int toGo = ri;
        int nextRst = 0;
        boolean skip = false;
        boolean firstLine = true;
        for (int y = 0; y < h; y++) {
            int row = y * stride;
            int x = 0;
            while (x < w) {
                int runEnd = w;
                if (ri > 0) {
                    if (toGo == 0) {
                        boolean ok = r.restart(nextRst);
                        nextRst = (nextRst + 1) & 7;
                        if (ok) {
                            skip = false;
                        }
                        toGo = ri;
                        firstLine = true;
                        for (int i = 0; i < n; i++) {
                            planes[i][row + x] = (short) (initial + (skip ? 0 : diff(tabs[i])));
                        }
                        x++;
                        toGo--;
                        if (!skip && overrunCheck()) {
                            skip = true;
                        }
                        continue;
                    }
                    if (toGo < w - x) {
                        runEnd = x + toGo;
                    }
                    toGo -= runEnd - x;
                }
                if (skip) {
                    for (; x < runEnd; x++) {
                        for (int i = 0; i < n; i++) {
                            planes[i][row + x] = (short) pred(planes[i], row, x, stride, firstLine, sv);
                        }
                    }
                    continue;
                }
                if (x == 0) {
                    for (int i = 0; i < n; i++) {
                        short[] pl = planes[i];
                        int p = firstLine ? initial : pl[row - stride] & 0xFFFF;
                        pl[row] = (short) (p + diff(tabs[i]));
                    }
                    x = 1;
                }
                if (firstLine || sv == 1) {
                    if (n == 3) {
                        short[] p0 = planes[0];
                        short[] p1 = planes[1];
                        short[] p2 = planes[2];
                        HuffmanTable t0 = tabs[0];
                        HuffmanTable t1 = tabs[1];
                        HuffmanTable t2 = tabs[2];
                        for (; x < runEnd; x++) {
                            int o = row + x;
                            p0[o] = (short) (p0[o - 1] + diff(t0));
                            p1[o] = (short) (p1[o - 1] + diff(t1));
                            p2[o] = (short) (p2[o - 1] + diff(t2));
                        }
                    } else {
                        for (; x < runEnd; x++) {
                            int o = row + x;
                            for (int i = 0; i < n; i++) {
                                short[] pl = planes[i];
                                pl[o] = (short) (pl[o - 1] + diff(tabs[i]));
                            }
                        }
                    }
                } else {
                    for (; x < runEnd; x++) {
                        int o = row + x;
                        for (int i = 0; i < n; i++) {
                            short[] pl = planes[i];
                            int ra = pl[o - 1] & 0xFFFF;
                            int rb = pl[o - stride] & 0xFFFF;
                            int rc = pl[o - stride - 1] & 0xFFFF;
                            pl[o] = (short) (predict(sv, ra, rb, rc) + diff(tabs[i]));
                        }
                    }
                }
                if (overrunCheck()) {
                    skip = true;
                }
            }
            firstLine = false;
        }
    }
}
