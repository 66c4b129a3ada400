package org.hounsfield.codec.jpeg;

import org.hounsfield.codec.FrameInfo;
import org.hounsfield.core.DicomCodecException;

/** Decoding state of one frame: marker parsing, scans and output. Used once. */
final class JpegFrameDecoder {
    private static final int SOF0 = 0xC0;
    private static final int SOF1 = 0xC1;
    private static final int SOF2 = 0xC2;
    private static final int SOF3 = 0xC3;
    private static final int DHT = 0xC4;
    private static final int DAC = 0xCC;
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int DQT = 0xDB;
    private static final int DNL = 0xDC;
    private static final int DRI = 0xDD;

    private final byte[] src;
    private final int base;
    private final int end;
    private final FrameInfo info;

    private final HuffmanTable[] dcTables = new HuffmanTable[4];
    private final HuffmanTable[] acTables = new HuffmanTable[4];
    private final int[][] qTables = new int[4][];
    private int restartInterval;

    private int sofType = -1;
    private int precision;
    private int width;
    private int height;
    private Component[] comps;
    private int hmax;
    private int vmax;
    private int mcusX;
    private int mcusY;
    private boolean progressive;
    private boolean lossless;
    private int losslessPt;
    private int scans;
    private Idct idct;

    /** Decode predictor 6 with the 16-bit overflow of some encoders (see {@link JpegDecoder}). */
    boolean predictor6Overflow16;

    /** May the frame be streamed (decoded and written one MCU row at a time)? */
    private final boolean mayStream;
    private boolean streaming;
    /** Streamed, 8-bit, one byte per sample and no subsampling: the IDCT writes into {@link #dst}. */
    private boolean direct;
    private OutputWriter writer;
    private byte[] dst;
    private int dstOff;

    JpegFrameDecoder(byte[] src, int off, int len, FrameInfo info, boolean mayStream) {
        this.src = src;
        this.base = off;
        this.end = off + len;
        this.info = info;
        this.mayStream = mayStream;
    }

    private DicomCodecException error(String msg, int at) {
        return new DicomCodecException("JPEG: " + msg, at - base);
    }

    private int u16(int p) {
        return ((src[p] & 0xFF) << 8) | (src[p + 1] & 0xFF);
    }

    /**
     * Decodes the frame into dst. Returns false, having written nothing useful, when a streamed
     * frame turns out to have a second scan: the caller then decodes it again without streaming.
     */
    boolean decode(byte[] dst, int dstOff) {
        this.dst = dst;
        this.dstOff = dstOff;
        int p = base;
        if (end - p < 2 || src[p] != (byte) 0xFF || src[p + 1] != (byte) SOI) {
            throw error("expected SOI marker (FFD8) at the start of the frame", p);
        }
        p += 2;
        boolean sawEoi = false;
        for (;;) {
            // next marker, skipping garbage and fill bytes
            while (p < end && src[p] != (byte) 0xFF) {
                p++;
            }
            while (p + 1 < end && src[p + 1] == (byte) 0xFF) {
                p++;
            }
            if (p + 1 >= end) {
                break;
            }
            int marker = src[p + 1] & 0xFF;
            int mpos = p;
            p += 2;
            if (marker == 0 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // stuffed byte, TEM, stray RSTn: no segment
            }
            if (marker == EOI) {
                sawEoi = true;
                break;
            }
            if (marker == SOI) {
                throw error("unexpected second SOI marker", mpos);
            }
            if (end - p < 2) {
                throw error("truncated marker segment FF" + Integer.toHexString(marker).toUpperCase(), mpos);
            }
            int len = u16(p);
            if (len < 2 || len > end - p) {
                throw error("truncated or invalid length " + len + " of marker segment FF"
                        + Integer.toHexString(marker).toUpperCase(), p);
            }
            int segStart = p + 2;
            int segEnd = p + len;
            switch (marker) {
                case SOF0, SOF1, SOF2, SOF3 -> readSof(marker, segStart, segEnd, mpos);
                case DHT -> readDht(segStart, segEnd);
                case DQT -> readDqt(segStart, segEnd);
                case DRI -> {
                    if (segEnd - segStart < 2) {
                        throw error("DRI segment too short", mpos);
                    }
                    restartInterval = u16(segStart);
                }
                case DNL -> {
                    // the height of the frame comes from the dataset when the SOF gave 0
                }
                case SOS -> {
                    if (streaming) {
                        return false;
                    }
                    p = readSosAndDecode(segStart, segEnd, mpos);
                    continue;
                }
                case 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF -> throw error(
                        "unsupported JPEG process (SOF" + (marker - 0xC0)
                                + ": arithmetic coding or hierarchical mode)", mpos);
                default -> {
                    // APPn, COM, DAC, JPG, others: skipped
                }
            }
            p = segEnd;
        }
        if (scans == 0) {
            if (sofType < 0) {
                throw error("no SOF marker before the end of the stream", end);
            }
            throw error(sawEoi ? "no scan (SOS) before EOI" : "truncated stream: no scan (SOS)", end);
        }
        if (progressive) {
            finishProgressive();
        }
        if (!streaming) {
            newWriter().write(dst, dstOff, 0, height);
        }
        return true;
    }

    private OutputWriter newWriter() {
        return new OutputWriter(info, comps, width, height, hmax, vmax, precision, lossless ? losslessPt : 0, lossless);
    }

    /**
     * Allocates the component planes when the first scan starts: a ring of three MCU rows per
     * component when the frame is streamed (a sequential scan holding every component), else
     * whole planes.
     */
    private void allocatePlanes(int scanComponents) {
        streaming = mayStream && !progressive && !lossless && scanComponents == comps.length;
        direct = streaming && precision == 8 && info.bytesPerSample() == 1;
        for (Component c : comps) {
            direct &= c.h == hmax && c.v == vmax;
        }
        int unit = lossless ? 1 : 8;
        for (Component c : comps) {
            c.ringRows = streaming ? Math.min(3 * c.v * unit, c.blocksH * unit) : c.blocksH * unit;
            c.plane = direct ? new short[0] : new short[c.stride * c.ringRows];
        }
        if (streaming && !direct) {
            writer = newWriter();
        }
    }

    boolean streaming() {
        return streaming;
    }

    /**
     * True when the samples go straight into the destination (see {@link #direct}): then
     * {@link #mcuRowDone} is not called.
     */
    boolean direct() {
        return direct;
    }

    byte[] dst() {
        return dst;
    }

    int dstOff() {
        return dstOff;
    }

    int components() {
        return comps.length;
    }

    /**
     * Streaming: MCU row {@code mcuRow} is decoded. Writes the output rows of the MCU row before it
     * (interpolated chroma may need the first row of the following MCU row), and with the last
     * MCU row the rest.
     */
    void mcuRowDone(int mcuRow) {
        int rowsPerMcu = 8 * vmax;
        if (mcuRow > 0) {
            writer.write(dst, dstOff, (mcuRow - 1) * rowsPerMcu, Math.min(height, mcuRow * rowsPerMcu));
        }
        if (mcuRow == mcusY - 1) {
            writer.write(dst, dstOff, mcuRow * rowsPerMcu, height);
        }
    }

    private void readSof(int marker, int p, int segEnd, int mpos) {
        if (sofType >= 0) {
            throw error("more than one SOF marker", mpos);
        }
        if (segEnd - p < 6) {
            throw error("SOF segment too short", mpos);
        }
        sofType = marker;
        precision = src[p] & 0xFF;
        height = u16(p + 1);
        width = u16(p + 3);
        int nf = src[p + 5] & 0xFF;
        lossless = marker == SOF3;
        progressive = marker == SOF2;
        if (lossless) {
            if (precision < 2 || precision > 16) {
                throw error("lossless sample precision " + precision + " outside 2..16", p);
            }
        } else if (precision != 8 && precision != 12) {
            throw error("DCT sample precision " + precision + " is neither 8 nor 12", p);
        }
        if (precision > 8 && info.bytesPerSample() < 2) {
            throw error("sample precision " + precision + " does not fit Bits Allocated " + info.bitsAllocated(), p);
        }
        if (nf != info.samplesPerPixel()) {
            throw error("frame has " + nf + " components, Samples per Pixel is " + info.samplesPerPixel(), p + 5);
        }
        if (nf < 1 || nf > 4) {
            throw error("unsupported number of components " + nf, p + 5);
        }
        if (width != info.columns()) {
            throw error("frame width " + width + " differs from Columns " + info.columns(), p + 3);
        }
        if (height == 0) {
            height = info.rows(); // defined by a DNL marker
        } else if (height != info.rows()) {
            throw error("frame height " + height + " differs from Rows " + info.rows(), p + 1);
        }
        if (width == 0 || height == 0) {
            throw error("empty frame", p + 1);
        }
        if (segEnd - p < 6 + 3 * nf) {
            throw error("SOF segment too short for " + nf + " components", mpos);
        }
        comps = new Component[nf];
        hmax = 1;
        vmax = 1;
        for (int i = 0; i < nf; i++) {
            int q = p + 6 + 3 * i;
            int id = src[q] & 0xFF;
            int h = (src[q + 1] >> 4) & 15;
            int v = src[q + 1] & 15;
            int tq = src[q + 2] & 0xFF;
            if (h < 1 || h > 4 || v < 1 || v > 4) {
                throw error("invalid sampling factors " + h + "x" + v, q + 1);
            }
            if (tq > 3) {
                throw error("invalid quantisation table selector " + tq, q + 2);
            }
            for (int j = 0; j < i; j++) {
                if (comps[j].id == id) {
                    throw error("duplicate component identifier " + id, q);
                }
            }
            comps[i] = new Component(id, h, v, tq);
            comps[i].index = i;
            hmax = Math.max(hmax, h);
            vmax = Math.max(vmax, v);
        }
        int unit = lossless ? 1 : 8;
        mcusX = ceilDiv(width, unit * hmax);
        mcusY = ceilDiv(height, unit * vmax);
        for (Component c : comps) {
            c.dw = ceilDiv(width * c.h, hmax);
            c.dh = ceilDiv(height * c.v, vmax);
            c.blocksW = mcusX * c.h;
            c.blocksH = mcusY * c.v;
            c.stride = c.blocksW * unit;
            if ((long) c.stride * c.blocksH * unit > Integer.MAX_VALUE - 16) {
                throw error("frame too large", p + 1);
            }
            if (progressive) {
                c.coefs = new short[c.blocksW * c.blocksH * 64];
            }
        }
        if (!lossless) {
            idct = new Idct(precision);
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private void readDht(int p, int segEnd) {
        while (p < segEnd) {
            if (segEnd - p < 17) {
                throw error("DHT segment too short", p);
            }
            int tc = (src[p] >> 4) & 15;
            int th = src[p] & 15;
            if (tc > 1 || th > 3) {
                throw error("invalid Huffman table class/id " + tc + "/" + th, p);
            }
            int[] counts = new int[17];
            int total = 0;
            for (int i = 1; i <= 16; i++) {
                counts[i] = src[p + i] & 0xFF;
                total += counts[i];
            }
            if (total > 256 || segEnd - p - 17 < total) {
                throw error("invalid Huffman table symbol count " + total, p);
            }
            int[] syms = new int[total];
            for (int i = 0; i < total; i++) {
                syms[i] = src[p + 17 + i] & 0xFF;
            }
            HuffmanTable t = new HuffmanTable(counts, syms, tc == 1, p - base);
            if (tc == 0) {
                dcTables[th] = t;
            } else {
                acTables[th] = t;
            }
            p += 17 + total;
        }
    }

    private void readDqt(int p, int segEnd) {
        while (p < segEnd) {
            int pq = (src[p] >> 4) & 15;
            int tq = src[p] & 15;
            if (pq > 1 || tq > 3) {
                throw error("invalid quantisation table precision/id " + pq + "/" + tq, p);
            }
            int n = pq == 0 ? 64 : 128;
            if (segEnd - p - 1 < n) {
                throw error("DQT segment too short", p);
            }
            int[] q = new int[64];
            for (int i = 0; i < 64; i++) {
                int v = pq == 0 ? src[p + 1 + i] & 0xFF : u16(p + 1 + 2 * i);
                q[Idct.NATURAL[i]] = v;
            }
            qTables[tq] = q;
            p += 1 + n;
        }
    }

    /** Parses an SOS header and decodes its entropy-coded data; returns the position after it. */
    private int readSosAndDecode(int p, int segEnd, int mpos) {
        if (sofType < 0) {
            throw error("SOS before SOF", mpos);
        }
        if (segEnd - p < 1) {
            // a segment of length 2 at the very end of the data (found by fuzzing)
            throw error("empty SOS header", mpos);
        }
        int ns = src[p] & 0xFF;
        if (ns < 1 || ns > 4 || segEnd - p < 4 + 2 * ns) {
            throw error("invalid SOS header (" + ns + " components)", p);
        }
        Component[] sc = new Component[ns];
        for (int i = 0; i < ns; i++) {
            int q = p + 1 + 2 * i;
            int id = src[q] & 0xFF;
            Component c = null;
            for (Component k : comps) {
                if (k.id == id) {
                    c = k;
                }
            }
            if (c == null) {
                throw error("scan component " + id + " not in the frame", q);
            }
            for (int j = 0; j < i; j++) {
                if (sc[j] == c) {
                    throw error("component " + id + " twice in one scan", q);
                }
            }
            sc[i] = c;
            int td = (src[q + 1] >> 4) & 15;
            int ta = src[q + 1] & 15;
            if (td > 3 || ta > 3) {
                throw error("invalid Huffman table selectors", q + 1);
            }
            c.dc = dcTables[td];
            c.ac = acTables[ta];
        }
        int q = p + 1 + 2 * ns;
        int ss = src[q] & 0xFF;
        int se = src[q + 1] & 0xFF;
        int ah = (src[q + 2] >> 4) & 15;
        int al = src[q + 2] & 15;
        int dataStart = segEnd;
        if (ns > 1) {
            int blocks = 0;
            for (Component c : sc) {
                blocks += c.h * c.v;
            }
            if (blocks > (lossless ? 4 * 16 : 10)) {
                throw error("too many blocks in an MCU (" + blocks + ")", p);
            }
        }
        for (Component c : sc) {
            if (!lossless && c.quant == null) {
                int[] qt = qTables[c.tq];
                if (qt == null) {
                    throw error("missing quantisation table " + c.tq, mpos);
                }
                c.quant = qt;
            }
            c.pred = 0;
        }
        if (scans == 0) {
            allocatePlanes(ns);
        }
        EntropyReader r = new EntropyReader(src, base, end, dataStart);
        if (lossless) {
            if (ss < 1 || ss > 7) {
                throw error("invalid lossless predictor " + ss, q);
            }
            if (al >= precision) {
                throw error("invalid point transform " + al, q + 2);
            }
            for (Component c : sc) {
                if (c.dc == null) {
                    throw error("missing Huffman table for component " + c.id, mpos);
                }
            }
            losslessPt = al;
            new LosslessScan(this, r, sc, ss == 6 && predictor6Overflow16 ? LosslessScan.PREDICTOR_6_OVERFLOW16 : ss, al).decode();
        } else if (progressive) {
            boolean dcScan = ss == 0;
            if (dcScan ? se != 0 : (se < ss || se > 63 || ns != 1)) {
                throw error("invalid progressive scan parameters Ss=" + ss + " Se=" + se, q);
            }
            if ((ah != 0 && al != ah - 1) || al > 13) {
                throw error("invalid successive approximation Ah=" + ah + " Al=" + al, q + 2);
            }
            for (Component c : sc) {
                if ((dcScan && ah == 0 && c.dc == null) || (!dcScan && c.ac == null)) {
                    throw error("missing Huffman table for component " + c.id, mpos);
                }
            }
            new DctScan(this, r, sc, idct).decodeProgressive(ss, se, ah, al);
        } else {
            // sequential: libjpeg only warns about odd Ss/Se/Ah/Al and decodes all 64 coefficients
            for (Component c : sc) {
                if (c.dc == null || c.ac == null) {
                    throw error("missing Huffman table for component " + c.id, mpos);
                }
            }
            new DctScan(this, r, sc, idct).decodeSequential();
        }
        for (Component c : sc) {
            c.coded = true;
        }
        scans++;
        // continue after the entropy-coded data: the next marker
        r.discardBits();
        if (r.stop == EntropyReader.STOP_EOF) {
            return end;
        }
        r.seekMarker();
        return r.pos;
    }

    private void finishProgressive() {
        int[] blk = new int[64];
        for (Component c : comps) {
            if (c.quant == null) {
                c.quant = qTables[c.tq] != null ? qTables[c.tq] : new int[64];
            }
            short[] coefs = c.coefs;
            int[] q = c.quant;
            int bw = c.blocksW;
            int bh = c.blocksH;
            for (int by = 0; by < bh; by++) {
                for (int bx = 0; bx < bw; bx++) {
                    int co = (by * bw + bx) * 64;
                    int rows = 0;
                    int cols = 0;
                    for (int i = 0; i < 64; i++) {
                        int v = coefs[co + i];
                        blk[i] = v * q[i];
                        if (v != 0) {
                            rows |= 1 << (i >> 3);
                            cols |= 1 << (i & 7);
                        }
                    }
                    idct.transform(blk, rows | 1, cols | 1, c.plane, by * 8 * c.stride + bx * 8, c.stride);
                }
            }
        }
    }

    int restartInterval() {
        return restartInterval;
    }

    int mcusX() {
        return mcusX;
    }

    int mcusY() {
        return mcusY;
    }

    int precision() {
        return precision;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    int hmax() {
        return hmax;
    }

    int vmax() {
        return vmax;
    }
}
