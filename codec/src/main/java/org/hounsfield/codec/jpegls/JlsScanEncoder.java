package org.hounsfield.codec.jpegls;

import java.util.Arrays;

/**
 * Encodes the entropy-coded data of one JPEG-LS scan (ITU-T T.87 Annex A), the mirror image of
 * {@link JlsScanDecoder}: regular and run mode, limited-length Golomb codes, bit stuffing after
 * 0xFF, optional restart intervals.
 */
final class JlsScanEncoder {

    private static final int[] J = JlsScanDecoder.J;

    private final int[] ctxA = new int[367];
    private final int[] ctxB = new int[367];
    private final int[] ctxC = new int[367];
    private final int[] ctxN = new int[367];
    private final int[] ctxNn = new int[2];
    private int runIndex;

    private final JlsParameters p;
    private final byte[] qt;
    private final int maxVal;
    private final int near;
    private final int near2p1;
    private final int rangeStep;
    private final int range;
    private final int limit;
    private final int qbpp;
    private final int reset;

    private final ByteSink out;
    private long acc;
    private int accBits;
    private boolean lastFF;

    JlsScanEncoder(JlsParameters p, ByteSink out) {
        this.p = p;
        this.qt = p.quantizationTable();
        this.maxVal = p.maxVal;
        this.near = p.near;
        this.near2p1 = 2 * p.near + 1;
        this.range = p.range;
        this.rangeStep = p.range * near2p1;
        this.limit = p.limit;
        this.qbpp = p.qbpp;
        this.reset = p.reset;
        this.out = out;
    }

    private void resetContexts() {
        int a = Math.max(2, (p.range + 32) >> 6);
        Arrays.fill(ctxA, a);
        Arrays.fill(ctxB, 0);
        Arrays.fill(ctxC, 0);
        Arrays.fill(ctxN, 1);
        ctxNn[0] = 0;
        ctxNn[1] = 0;
        runIndex = 0;
    }

    // ---- bit writer -------------------------------------------------------------------------

    /** Appends the low {@code n} (0..31) bits of {@code v}. */
    private void write(int v, int n) {
        if (n == 0) {
            return;
        }
        acc = (acc << n) | (v & ((1L << n) - 1));
        accBits += n;
        if (accBits >= 32) {
            drain();
        }
    }

    private void writeZeros(int n) {
        while (n > 0) {
            int c = Math.min(n, 31);
            write(0, c);
            n -= c;
        }
    }

    private void drain() {
        while (true) {
            int take = lastFF ? 7 : 8;
            if (accBits < take) {
                return;
            }
            accBits -= take;
            int b = (int) (acc >>> accBits) & ((1 << take) - 1);
            out.put(b);
            lastFF = b == 0xFF;
        }
    }

    /** Pads the last byte with zero bits; after a final 0xFF appends a zero byte. */
    private void flushScan() {
        drain();
        if (accBits > 0) {
            int take = lastFF ? 7 : 8;
            write(0, take - accBits);
            drain();
        }
        if (lastFF) {
            out.put(0);
        }
        acc = 0;
        accBits = 0;
        lastFF = false;
    }

    private void encodeValue(int k, int m, int lim) {
        int hi = m >>> k;
        int maxZ = lim - qbpp - 1;
        if (hi < maxZ) {
            writeZeros(hi);
            write(1, 1);
            write(m, k);
        } else {
            writeZeros(maxZ);
            write(1, 1);
            write(m - 1, qbpp);
        }
    }

    // ---- modelling --------------------------------------------------------------------------

    private int fix(int rx) {
        if (rx < -near) {
            rx += rangeStep;
        } else if (rx > maxVal + near) {
            rx -= rangeStep;
        }
        return rx < 0 ? 0 : (rx > maxVal ? maxVal : rx);
    }

    private int quantizeError(int e) {
        if (near == 0) {
            return e;
        }
        return e > 0 ? (e + near) / near2p1 : -((near - e) / near2p1);
    }

    private int moduloReduce(int e) {
        if (e < 0) {
            e += range;
        }
        if (e >= (range + 1) / 2) {
            e -= range;
        }
        return e;
    }

    private static int predict(int ra, int rb, int rc) {
        int mx = Math.max(ra, rb);
        int mn = Math.min(ra, rb);
        if (rc >= mx) {
            return mn;
        }
        if (rc <= mn) {
            return mx;
        }
        return ra + rb - rc;
    }

    /** Codes sample {@code x} in regular mode; returns the reconstructed value. */
    private int encodeRegular(int q, int px, int x) {
        int sign = q >> 31;
        q = (q ^ sign) - sign;
        int cq = ctxC[q];
        px += (cq ^ sign) - sign;
        if (px > maxVal) {
            px = maxVal;
        } else if (px < 0) {
            px = 0;
        }
        int err = x - px;
        if (sign < 0) {
            err = -err;
        }
        err = quantizeError(err);
        int rx = fix(px + ((err ^ sign) - sign) * near2p1);
        err = moduloReduce(err);
        int a = ctxA[q];
        int n = ctxN[q];
        int b = ctxB[q];
        int k = 0;
        while ((n << k) < a) {
            k++;
        }
        int m;
        if (near == 0 && k == 0 && 2 * b <= -n) {
            m = err >= 0 ? 2 * err + 1 : -2 * (err + 1);
        } else {
            m = err >= 0 ? 2 * err : -2 * err - 1;
        }
        encodeValue(k, m, limit);
        b += err * near2p1;
        a += err < 0 ? -err : err;
        if (n == reset) {
            a >>= 1;
            b >>= 1;
            n >>= 1;
        }
        n++;
        ctxA[q] = a;
        ctxN[q] = n;
        if (b + n <= 0) {
            b += n;
            if (b + n <= 0) {
                b = 1 - n;
            }
            if (cq > -128) {
                ctxC[q] = cq - 1;
            }
        } else if (b > 0) {
            b -= n;
            if (b > 0) {
                b = 0;
            }
            if (cq < 127) {
                ctxC[q] = cq + 1;
            }
        }
        ctxB[q] = b;
        return rx;
    }

    /** Codes a run interruption sample; returns the reconstructed value. */
    private int encodeRunInterruption(int ra, int rb, int x, int riType) {
        int px = riType == 1 ? ra : rb;
        int err = x - px;
        boolean flip = riType == 0 && ra > rb;
        if (flip) {
            err = -err;
        }
        err = quantizeError(err);
        int rx = fix(px + (flip ? -err : err) * near2p1);
        err = moduloReduce(err);
        int ctx = 365 + riType;
        int a = ctxA[ctx];
        int n = ctxN[ctx];
        int nn = ctxNn[riType];
        int temp = riType == 0 ? a : a + (n >> 1);
        int k = 0;
        while ((n << k) < temp) {
            k++;
        }
        int map;
        if (k == 0 && err > 0 && 2 * nn < n) {
            map = 1;
        } else if (err < 0 && 2 * nn >= n) {
            map = 1;
        } else if (err < 0 && k != 0) {
            map = 1;
        } else {
            map = 0;
        }
        int em = 2 * Math.abs(err) - riType - map;
        encodeValue(k, em, limit - J[runIndex] - 1);
        if (err < 0) {
            nn++;
        }
        a += (em + 1 - riType) >> 1;
        if (n == reset) {
            a >>= 1;
            n >>= 1;
            nn >>= 1;
        }
        n++;
        ctxA[ctx] = a;
        ctxN[ctx] = n;
        ctxNn[riType] = nn;
        return rx;
    }

    private void encodeRunLength(int runLen, boolean endOfLine) {
        while (runLen >= (1 << J[runIndex])) {
            write(1, 1);
            runLen -= 1 << J[runIndex];
            if (runIndex < 31) {
                runIndex++;
            }
        }
        if (endOfLine) {
            if (runLen > 0) {
                write(1, 1);
            }
        } else {
            write(0, 1);
            write(runLen, J[runIndex]);
        }
    }

    /** Codes one line of one component; {@code in}, prev and cur hold x = -1..w at 0..w+1. */
    private void encodeLine(int[] in, int[] prev, int[] cur, int w) {
        final int off = maxVal;
        prev[w + 1] = prev[w];
        cur[0] = prev[1];
        int x = 1;
        while (x <= w) {
            int ra = cur[x - 1];
            int rb = prev[x];
            int rc = prev[x - 1];
            int rd = prev[x + 1];
            int q = qt[rd - rb + off] * 81 + qt[rb - rc + off] * 9 + qt[rc - ra + off];
            if (q != 0) {
                cur[x] = encodeRegular(q, predict(ra, rb, rc), in[x]);
                x++;
                continue;
            }
            int e = x;
            while (e <= w && Math.abs(in[e] - ra) <= near) {
                cur[e] = ra;
                e++;
            }
            encodeRunLength(e - x, e > w);
            if (e <= w) {
                int rbi = prev[e];
                cur[e] = encodeRunInterruption(ra, rbi, in[e], Math.abs(ra - rbi) <= near ? 1 : 0);
                if (runIndex > 0) {
                    runIndex--;
                }
                e++;
            }
            x = e;
        }
    }

    /** Codes one sample-interleaved line of nc components; index (x + 1) * nc + c. */
    private void encodeLineInterleaved(int[] in, int[] prev, int[] cur, int w, int nc, int[] qs) {
        final int off = maxVal;
        for (int c = 0; c < nc; c++) {
            prev[(w + 1) * nc + c] = prev[w * nc + c];
            cur[c] = prev[nc + c];
        }
        int x = 1;
        while (x <= w) {
            int base = x * nc;
            boolean run = true;
            for (int c = 0; c < nc; c++) {
                int i = base + c;
                int ra = cur[i - nc];
                int rb = prev[i];
                int rc = prev[i - nc];
                int rd = prev[i + nc];
                int q = qt[rd - rb + off] * 81 + qt[rb - rc + off] * 9 + qt[rc - ra + off];
                qs[c] = q;
                run &= q == 0;
            }
            if (!run) {
                for (int c = 0; c < nc; c++) {
                    int i = base + c;
                    cur[i] = encodeRegular(qs[c], predict(cur[i - nc], prev[i], prev[i - nc]), in[i]);
                }
                x++;
                continue;
            }
            int raBase = (x - 1) * nc;
            int e = x;
            while (e <= w) {
                boolean same = true;
                for (int c = 0; c < nc; c++) {
                    if (Math.abs(in[e * nc + c] - cur[raBase + c]) > near) {
                        same = false;
                        break;
                    }
                }
                if (!same) {
                    break;
                }
                System.arraycopy(cur, raBase, cur, e * nc, nc);
                e++;
            }
            encodeRunLength(e - x, e > w);
            if (e <= w) {
                for (int c = 0; c < nc; c++) {
                    cur[e * nc + c] = encodeRunInterruption(cur[raBase + c], prev[e * nc + c], in[e * nc + c], 0);
                }
                if (runIndex > 0) {
                    runIndex--;
                }
                e++;
            }
            x = e;
        }
    }

    /**
     * Codes a whole scan (after its SOS segment).
     *
     * @param src     samples, little endian, {@code spp} interleaved per pixel, {@code bps} bytes each
     * @param comps   frame component index of each scan component
     * @param mask    sample mask applied to the input
     */
    void encodeScan(byte[] src, int width, int height, int spp, int bps, int[] comps, int ilv,
                    int restart, int mask) {
        int nc = comps.length;
        int lineComps = ilv == 1 ? nc : 1;
        int lineLen = ilv == 2 ? (width + 2) * nc : width + 2;
        int[][] prev = new int[lineComps][lineLen];
        int[][] cur = new int[lineComps][lineLen];
        int[] in = new int[lineLen];
        int[] runIndexes = new int[lineComps];
        int[] qs = new int[nc];
        int interval = restart == 0 ? height : restart;
        resetContexts();
        int rst = 0;
        for (int line = 0; line < height; line++) {
            if (line > 0 && line % interval == 0) {
                flushScan();
                out.put(0xFF);
                out.put(0xD0 + rst);
                rst = (rst + 1) & 7;
                resetContexts();
                Arrays.fill(runIndexes, 0);
                for (int c = 0; c < lineComps; c++) {
                    Arrays.fill(prev[c], 0);
                    Arrays.fill(cur[c], 0);
                }
            }
            int rowBase = line * width * spp;
            if (ilv == 2) {
                for (int c = 0; c < nc; c++) {
                    for (int x = 0; x < width; x++) {
                        in[(x + 1) * nc + c] = sample(src, (rowBase + x * spp + comps[c]) * bps, bps) & mask;
                    }
                }
                encodeLineInterleaved(in, prev[0], cur[0], width, nc, qs);
            } else {
                for (int c = 0; c < lineComps; c++) {
                    int fc = ilv == 1 ? comps[c] : comps[0];
                    for (int x = 0; x < width; x++) {
                        in[x + 1] = sample(src, (rowBase + x * spp + fc) * bps, bps) & mask;
                    }
                    runIndex = runIndexes[c];
                    encodeLine(in, prev[c], cur[c], width);
                    runIndexes[c] = runIndex;
                }
            }
            int[][] t = prev;
            prev = cur;
            cur = t;
        }
        flushScan();
    }

    private static int sample(byte[] s, int o, int bps) {
        return bps == 1 ? s[o] & 0xFF : (s[o] & 0xFF) | (s[o + 1] & 0xFF) << 8;
    }

    /** Growable output buffer. */
    static final class ByteSink {
        byte[] buf;
        int len;

        ByteSink(int capacity) {
            buf = new byte[Math.max(64, capacity)];
        }

        void put(int b) {
            if (len == buf.length) {
                if (buf.length > (Integer.MAX_VALUE - 16) / 2) {
                    throw new IllegalStateException("JPEG-LS stream too large");
                }
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[len++] = (byte) b;
        }

        void put16(int v) {
            put(v >>> 8);
            put(v & 0xFF);
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, len);
        }
    }
}
