package org.hounsfield.codec.jpegls;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.hounsfield.core.DicomCodecException;

/**
 * Decodes the entropy-coded data of one JPEG-LS scan (ITU-T T.87 Annex A): context modelling,
 * regular and run mode, Golomb decoding with marker-bit stuffing, restart intervals.
 * Decoded lines are written straight to the frame buffer.
 */
final class JlsScanDecoder {

    /** J table of T.87 A.7.1.2 (run lengths). */
    static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
        4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15};

    private static final VarHandle LONG_BE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Contexts 0..364 regular, 365/366 run interruption (RItype 0/1). */
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
    private final int limit;
    private final int qbpp;
    private final int reset;

    // bit reader
    private final byte[] src;
    private final int srcBase;
    private final int srcEnd;
    private int pos;
    private int end;
    private int nextFF;
    private long cache;
    private int bits;
    private int padBits;

    JlsScanDecoder(JlsParameters p, byte[] src, int srcBase, int srcEnd) {
        this.p = p;
        this.qt = p.quantizationTable();
        this.maxVal = p.maxVal;
        this.near = p.near;
        this.near2p1 = 2 * p.near + 1;
        this.rangeStep = p.range * near2p1;
        this.limit = p.limit;
        this.qbpp = p.qbpp;
        this.reset = p.reset;
        this.src = src;
        this.srcBase = srcBase;
        this.srcEnd = srcEnd;
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

    /** Position of the first marker (0xFF followed by a byte >= 0x80) at or after {@code from}. */
    private int findMarker(int from) {
        for (int i = from; i < srcEnd - 1; i++) {
            if (src[i] == (byte) 0xFF && (src[i + 1] & 0x80) != 0) {
                return i;
            }
        }
        return srcEnd;
    }

    private int findFF(int from) {
        for (int i = from; i < end; i++) {
            if (src[i] == (byte) 0xFF) {
                return i;
            }
        }
        return end;
    }

    private void startSegment(int from) {
        pos = from;
        end = findMarker(from);
        nextFF = findFF(from);
        cache = 0;
        bits = 0;
        padBits = 0;
    }

    /** Checks that the segment did not need bits beyond its end; returns the marker position. */
    private int endSegment() {
        if (padBits > 0 && bits < padBits) {
            throw new DicomCodecException("JPEG-LS: scan data truncated (needed " + (padBits - bits)
                    + " bits more)", end - srcBase);
        }
        return end;
    }

    private void fill() {
        int b = bits;
        if (pos + 8 <= nextFF) {
            long v = (long) LONG_BE.get(src, pos);
            cache |= v >>> b;
            int n = (63 - b) >>> 3;
            pos += n;
            bits = b + (n << 3);
            return;
        }
        fillSlow();
    }

    private void fillSlow() {
        while (bits <= 56) {
            if (pos >= end) {
                bits += 8;
                padBits += 8;
                continue;
            }
            int v = src[pos] & 0xFF;
            cache |= (long) v << (56 - bits);
            bits += 8;
            pos++;
            if (v == 0xFF) {
                bits--; // the next byte's most significant bit is a stuffed zero
                nextFF = findFF(pos);
            }
        }
    }

    private int readBit() {
        if (bits <= 0) {
            fill();
        }
        int r = (int) (cache >>> 63);
        cache <<= 1;
        bits--;
        return r;
    }

    /** Reads 1..32 bits. */
    private int readBits(int n) {
        if (bits < n) {
            fill();
        }
        int r = (int) (cache >>> (64 - n));
        cache <<= n;
        bits -= n;
        return r;
    }

    /** Decodes a limited-length Golomb code (T.87 A.5.3). */
    private int decodeValue(int k, int lim) {
        if (bits < 48) {
            fill();
        }
        long c = cache;
        int z = Long.numberOfLeadingZeros(c);
        int maxZ = lim - qbpp - 1;
        int total = z + 1 + k;
        if (z < maxZ && total <= bits) {
            c <<= z + 1;
            int v = z << k;
            if (k != 0) {
                v |= (int) (c >>> (64 - k));
                c <<= k;
            }
            cache = c;
            bits -= total;
            return v;
        }
        return decodeValueSlow(k, lim);
    }

    private int decodeValueSlow(int k, int lim) {
        int maxZ = lim - qbpp - 1;
        int z = 0;
        while (true) {
            if (bits <= 0) {
                fill();
            }
            int lz = Long.numberOfLeadingZeros(cache);
            if (lz < bits) {
                z += lz;
                cache <<= lz;
                bits -= lz;
                break;
            }
            z += bits;
            // keep bits beyond the valid ones: after 0xFF they hold the 1 that the stuffed bit overlays
            cache = bits >= 64 ? 0 : cache << bits;
            bits = 0;
            if (z > maxZ) {
                break;
            }
        }
        if (z > maxZ) {
            throw new DicomCodecException("JPEG-LS: invalid Golomb code (" + z + " leading zeros, limit "
                    + maxZ + ")", pos - srcBase);
        }
        cache <<= 1; // the terminating 1 bit
        bits--;
        if (z < maxZ) {
            return k == 0 ? z : (z << k) | readBits(k);
        }
        return readBits(qbpp) + 1;
    }

    private int fix(int rx) {
        if (rx < -near) {
            rx += rangeStep;
        } else if (rx > maxVal + near) {
            rx -= rangeStep;
        }
        return rx < 0 ? 0 : (rx > maxVal ? maxVal : rx);
    }

    /** Regular mode (T.87 A.4 to A.6): q is the signed context number, px the MED prediction. */
    private int decodeRegular(int q, int px) {
        int sign = q >> 31;
        q = (q ^ sign) - sign;
        int cq = ctxC[q];
        px += (cq ^ sign) - sign;
        if (px > maxVal) {
            px = maxVal;
        } else if (px < 0) {
            px = 0;
        }
        int a = ctxA[q];
        int n = ctxN[q];
        int b = ctxB[q];
        int k = 0;
        while (k < 30 && (n << k) < a) { // the bound only matters for corrupt streams
            k++;
        }
        int m = decodeValue(k, limit);
        int err = (m >>> 1) ^ -(m & 1);
        if (k == 0 && near == 0 && 2 * b + n - 1 < 0) {
            err = ~err;
        }
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
        int rx = px + ((err ^ sign) - sign) * near2p1;
        if (near == 0 && rx >= 0 && rx <= maxVal) {
            return rx;
        }
        return fix(rx);
    }

    private static int predict(int ra, int rb, int rc) {
        if (ra > rb) {
            if (rc >= ra) {
                return rb;
            }
            if (rc <= rb) {
                return ra;
            }
        } else {
            if (rc >= rb) {
                return ra;
            }
            if (rc <= ra) {
                return rb;
            }
        }
        return ra + rb - rc;
    }

    /** Run interruption error (T.87 A.7.2), RItype 0 or 1. */
    private int decodeRunInterruptionError(int riType) {
        int ctx = 365 + riType;
        int a = ctxA[ctx];
        int n = ctxN[ctx];
        int temp = riType == 0 ? a : a + (n >> 1);
        int k = 0;
        while (k < 30 && (n << k) < temp) {
            k++;
        }
        int em = decodeValue(k, limit - J[runIndex] - 1);
        int t = em + riType;
        int map = t & 1;
        int absErr = (t + map) >> 1;
        int nn = ctxNn[riType];
        boolean cond = k != 0 || 2 * nn >= n;
        int err = cond == (map == 1) ? -absErr : absErr;
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
        return err;
    }

    /** Run length for {@code count} remaining pixels (T.87 A.7.1.2). */
    private int decodeRunLength(int count) {
        int idx = 0;
        while (readBit() != 0) {
            int full = 1 << J[runIndex];
            int c = Math.min(full, count - idx);
            idx += c;
            if (c == full && runIndex < 31) {
                runIndex++;
            }
            if (idx == count) {
                break;
            }
        }
        if (idx != count) {
            int j = J[runIndex];
            if (j > 0) {
                idx += readBits(j);
            }
        }
        if (idx > count) {
            throw new DicomCodecException("JPEG-LS: run of " + idx + " pixels exceeds the " + count
                    + " left in the line", pos - srcBase);
        }
        return idx;
    }

    /** Decodes one line of one component; lines hold x = -1..w at index 0..w+1. */
    private void decodeLine(int[] prev, int[] cur, int w) {
        final byte[] qt = this.qt;
        final int off = maxVal;
        prev[w + 1] = prev[w];
        cur[0] = prev[1];
        int x = 1;
        int rb = prev[0];
        int rd = prev[1];
        while (x <= w) {
            int ra = cur[x - 1];
            int rc = rb;
            rb = rd;
            rd = prev[x + 1];
            int q = qt[rd - rb + off] * 81 + qt[rb - rc + off] * 9 + qt[rc - ra + off];
            if (q != 0) {
                cur[x] = decodeRegular(q, predict(ra, rb, rc));
                x++;
            } else {
                int count = w - x + 1;
                int run = decodeRunLength(count);
                int e = x + run;
                Arrays.fill(cur, x, e, ra);
                if (run < count) {
                    int rbi = prev[e];
                    int rx;
                    if (Math.abs(ra - rbi) <= near) {
                        rx = fix(ra + decodeRunInterruptionError(1) * near2p1);
                    } else {
                        int err = decodeRunInterruptionError(0);
                        rx = fix(rbi + (rbi < ra ? -err : err) * near2p1);
                    }
                    cur[e] = rx;
                    if (runIndex > 0) {
                        runIndex--;
                    }
                    e++;
                }
                x = e;
                rb = prev[x - 1];
                rd = prev[x];
            }
        }
    }

    /** Decodes one line of nc sample-interleaved components; index (x + 1) * nc + c. */
    private void decodeLineInterleaved(int[] prev, int[] cur, int w, int nc, int[] qs) {
        final byte[] qt = this.qt;
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
                    cur[i] = decodeRegular(qs[c], predict(cur[i - nc], prev[i], prev[i - nc]));
                }
                x++;
                continue;
            }
            int count = w - x + 1;
            int len = decodeRunLength(count);
            int e = x + len;
            for (int xx = x; xx < e; xx++) {
                System.arraycopy(cur, (x - 1) * nc, cur, xx * nc, nc);
            }
            if (len < count) {
                for (int c = 0; c < nc; c++) {
                    int ra = cur[(x - 1) * nc + c];
                    int rbi = prev[e * nc + c];
                    int err = decodeRunInterruptionError(0);
                    cur[e * nc + c] = fix(rbi + (rbi < ra ? -err : err) * near2p1);
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
     * Decodes a whole scan.
     *
     * @param scanStart    first byte of entropy-coded data
     * @param width        samples per line
     * @param height       lines
     * @param ilv          interleave mode (0 none, 1 line, 2 sample)
     * @param nc           components in the scan
     * @param restart      restart interval in lines (0 = none)
     * @param out          output writer positions: for scan component i, its index in the frame
     * @return the position of the marker that ends the scan
     */
    int decodeScan(int scanStart, int width, int height, int ilv, int nc, int restart, Output out) {
        int lineComps = ilv == 1 ? nc : 1;
        int lineLen = ilv == 2 ? (width + 2) * nc : width + 2;
        int[][] prev = new int[lineComps][lineLen];
        int[][] cur = new int[lineComps][lineLen];
        int[] runIndexes = new int[lineComps];
        int[] qs = new int[nc];
        int interval = restart == 0 ? height : restart;
        resetContexts();
        startSegment(scanStart);
        int expectedRst = 0;
        for (int line = 0; line < height; line++) {
            if (line > 0 && line % interval == 0) {
                int m = endSegment();
                if (m + 1 >= srcEnd || (src[m + 1] & 0xFF) != 0xD0 + expectedRst) {
                    throw new DicomCodecException("JPEG-LS: expected restart marker RST" + expectedRst, m - srcBase);
                }
                expectedRst = (expectedRst + 1) & 7;
                resetContexts();
                Arrays.fill(runIndexes, 0);
                for (int c = 0; c < lineComps; c++) {
                    Arrays.fill(prev[c], 0);
                    Arrays.fill(cur[c], 0);
                }
                startSegment(m + 2);
            }
            if (ilv == 2) {
                decodeLineInterleaved(prev[0], cur[0], width, nc, qs);
                out.writeInterleaved(line, cur[0], nc);
            } else {
                for (int c = 0; c < lineComps; c++) {
                    runIndex = runIndexes[c];
                    decodeLine(prev[c], cur[c], width);
                    runIndexes[c] = runIndex;
                    out.writeLine(line, ilv == 1 ? c : 0, cur[c]);
                }
            }
            int[][] t = prev;
            prev = cur;
            cur = t;
        }
        return endSegment();
    }

    /** Receives decoded lines. */
    interface Output {
        /** Line of scan component {@code comp}; samples at index 1..width. */
        void writeLine(int line, int comp, int[] samples);

        /** Sample-interleaved line of nc components; sample (x, c) at index (x + 1) * nc + c. */
        void writeInterleaved(int line, int[] samples, int nc);
    }
}
