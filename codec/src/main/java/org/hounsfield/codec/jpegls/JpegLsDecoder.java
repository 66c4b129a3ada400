package org.hounsfield.codec.jpegls;

import org.hounsfield.codec.FrameDecoder;
import org.hounsfield.codec.FrameInfo;
import org.hounsfield.core.DicomCodecException;

/**
 * Pure-Java JPEG-LS decoder (ITU-T T.87 / ISO 14495-1) for transfer syntaxes
 * 1.2.840.10008.1.2.4.80 (lossless) and 1.2.840.10008.1.2.4.81 (near-lossless).
 *
 * <p>Supported: precision 2 to 16 bits, 1 to 4 components, interleave modes none (one scan per
 * component), line and sample, NEAR &gt; 0, preset coding parameters (LSE type 1: MAXVAL, T1,
 * T2, T3, RESET), oversize dimensions (LSE type 4), restart intervals (DRI/RSTm), APPn/COM
 * segments (incl. SPIFF headers), fill bytes before markers, a missing EOI after complete scan
 * data and any padding after EOI. The HP colour transforms (APP8 "mrfx", an HP/CharLS extension
 * outside T.87) are inverted only when that segment signals one (HP1, HP2, HP3 for 8 or 16-bit
 * 3-component images, as CharLS does); without it samples are returned as coded.
 * Not supported (raise {@link DicomCodecException}): mapping tables (palettised JPEG-LS, LSE
 * types 2/3 and Tm &ne; 0), subsampled components, point transform (Al &ne; 0).
 *
 * <p>Output follows {@link FrameDecoder}: little endian, samples interleaved, values as coded.
 * Instances hold no state between calls and may be shared between threads.
 */
public final class JpegLsDecoder implements FrameDecoder {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int DRI = 0xDD;
    private static final int SOF55 = 0xF7;
    private static final int LSE = 0xF8;
    private static final int APP8 = 0xE8;

    @Override
    public void decode(byte[] src, int srcOff, int srcLen, FrameInfo info, byte[] dst, int dstOff) {
        if (srcOff < 0 || srcLen < 0 || srcOff + (long) srcLen > src.length) {
            throw new IllegalArgumentException("source range outside array");
        }
        long need = info.decodedFrameBytes();
        if (dstOff < 0 || dstOff + need > dst.length) {
            throw new IllegalArgumentException("destination too small for frame: need " + need + " bytes");
        }
        new Session(src, srcOff, srcOff + srcLen, info, dst, dstOff).run();
    }

    /** State of one decode call. */
    private static final class Session {
        final byte[] src;
        final int base;
        final int end;
        final FrameInfo info;
        final byte[] dst;
        final int dstOff;
        int p;

        int precision;
        int width;
        int height;
        int[] compIds;
        boolean frameSeen;
        boolean[] decodedComps;
        int presetMaxVal;
        int presetT1;
        int presetT2;
        int presetT3;
        int presetReset;
        int restartInterval;
        int colorTransform;

        Session(byte[] src, int off, int end, FrameInfo info, byte[] dst, int dstOff) {
            this.src = src;
            this.base = off;
            this.end = end;
            this.info = info;
            this.dst = dst;
            this.dstOff = dstOff;
            this.p = off;
        }

        private DicomCodecException error(String msg, int at) {
            return new DicomCodecException("JPEG-LS: " + msg, at - base);
        }

        private int u8() {
            if (p >= end) {
                throw error("stream truncated in a marker segment", p);
            }
            return src[p++] & 0xFF;
        }

        private int u16() {
            int hi = u8();
            return hi << 8 | u8();
        }

        void run() {
            if (end - p < 2 || (src[p] & 0xFF) != 0xFF || (src[p + 1] & 0xFF) != SOI) {
                throw error("missing SOI marker (FFD8)", p);
            }
            p += 2;
            while (true) {
                if (p >= end) {
                    if (allDecoded()) {
                        break; // EOI missing but every scan is complete
                    }
                    throw error("stream truncated before all scans were decoded", p);
                }
                int markerAt = p;
                if ((src[p] & 0xFF) != 0xFF) {
                    throw error("expected a marker, found 0x" + Integer.toHexString(src[p] & 0xFF), p);
                }
                while (p < end && (src[p] & 0xFF) == 0xFF) {
                    p++; // fill bytes
                }
                int marker = u8();
                if (marker == EOI) {
                    if (!allDecoded()) {
                        throw error("EOI before all components were decoded", markerAt);
                    }
                    break;
                }
                if (marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
                    continue; // stray RSTm / TEM: no length
                }
                if (marker == SOI) {
                    throw error("unexpected second SOI marker", markerAt);
                }
                int segStart = p;
                int len = u16();
                if (len < 2 || segStart + len > end) {
                    throw error("marker segment FF" + hex(marker) + " length " + len + " invalid or truncated",
                            markerAt);
                }
                int segEnd = segStart + len;
                switch (marker) {
                    case SOF55 -> readFrameHeader(segEnd, markerAt);
                    case LSE -> readPreset(segEnd, markerAt);
                    case DRI -> readRestart(len, markerAt);
                    case SOS -> {
                        readScanAndDecode(segEnd, markerAt);
                        continue; // p is at the next marker
                    }
                    case APP8 -> readApp8(segEnd);
                    default -> {
                        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                            throw error("SOF" + (marker - 0xC0) + " is not JPEG-LS (expected SOF55, FFF7)", markerAt);
                        }
                    }
                }
                p = segEnd;
            }
            if (colorTransform != 0) {
                applyInverseColorTransform();
            }
        }

        private boolean allDecoded() {
            if (!frameSeen) {
                return false;
            }
            for (boolean b : decodedComps) {
                if (!b) {
                    return false;
                }
            }
            return true;
        }

        private static String hex(int m) {
            return Integer.toHexString(m).toUpperCase();
        }

        private void readFrameHeader(int segEnd, int at) {
            if (frameSeen) {
                throw error("second frame header", at);
            }
            precision = u8();
            int y = u16();
            int x = u16();
            int nf = u8();
            if (p + 3 * nf > segEnd) {
                throw error("frame header too short for " + nf + " components", at);
            }
            compIds = new int[nf];
            for (int i = 0; i < nf; i++) {
                compIds[i] = u8();
                int hv = u8();
                u8(); // Tq, 0 in JPEG-LS
                if (hv != 0x11) {
                    throw error("subsampled components (H/V " + hex(hv) + ") are not supported", at);
                }
            }
            if (precision < 2 || precision > 16) {
                throw error("sample precision " + precision + " outside 2..16", at);
            }
            if (precision > info.bytesPerSample() * 8 || info.bitsAllocated() == 1) {
                throw error("sample precision " + precision + " does not fit Bits Allocated " + info.bitsAllocated(), at);
            }
            if (nf != info.samplesPerPixel() || nf < 1 || nf > 4) {
                throw error("frame has " + nf + " components, dataset Samples per Pixel is " + info.samplesPerPixel(), at);
            }
            if (width == 0) {
                width = x;
            }
            if (height == 0) {
                height = y;
            }
            frameSeen = true;
            decodedComps = new boolean[nf];
        }

        private void checkDimensions(int at) {
            if (height == 0) {
                height = info.rows(); // number of lines defined by DNL: trust the dataset
            }
            if (width != info.columns() || height != info.rows()) {
                throw error("frame is " + width + "x" + height + ", dataset says " + info.columns() + "x" + info.rows(), at);
            }
        }

        private void readPreset(int segEnd, int at) {
            int id = u8();
            switch (id) {
                case 1 -> {
                    if (segEnd - p < 10) {
                        throw error("LSE preset parameters segment too short", at);
                    }
                    presetMaxVal = u16();
                    presetT1 = u16();
                    presetT2 = u16();
                    presetT3 = u16();
                    presetReset = u16();
                }
                case 4 -> {
                    int wxy = u8();
                    if (wxy < 2 || wxy > 4 || segEnd - p < 2 * wxy) {
                        throw error("invalid LSE oversize dimension segment", at);
                    }
                    long y = 0;
                    long x = 0;
                    for (int i = 0; i < wxy; i++) {
                        y = y << 8 | u8();
                    }
                    for (int i = 0; i < wxy; i++) {
                        x = x << 8 | u8();
                    }
                    if (x > Integer.MAX_VALUE || y > Integer.MAX_VALUE) {
                        throw error("oversize dimensions too large", at);
                    }
                    width = (int) x;
                    height = (int) y;
                }
                case 2, 3 -> throw error("mapping tables (LSE type " + id + ") are not supported", at);
                default -> throw error("unknown LSE type " + id, at);
            }
        }

        private void readRestart(int len, int at) {
            int n = len - 2;
            if (n < 2 || n > 4) {
                throw error("invalid DRI length " + len, at);
            }
            int ri = 0;
            for (int i = 0; i < n; i++) {
                ri = ri << 8 | u8();
            }
            if (ri < 0) {
                throw error("restart interval too large", at);
            }
            restartInterval = ri;
        }

        private void readApp8(int segEnd) {
            if (segEnd - p == 5 && src[p] == 'm' && src[p + 1] == 'r' && src[p + 2] == 'f' && src[p + 3] == 'x') {
                int t = src[p + 4] & 0xFF;
                if (t > 3) {
                    throw error("HP colour transform " + t + " (APP8 mrfx) is not supported", p);
                }
                colorTransform = t;
            }
        }

        private void readScanAndDecode(int segEnd, int at) {
            if (!frameSeen) {
                throw error("SOS before the frame header (SOF55)", at);
            }
            checkDimensions(at);
            int ns = u8();
            if (ns < 1 || ns > compIds.length || segEnd - p != 2 * ns + 3) {
                throw error("invalid scan header (" + ns + " components)", at);
            }
            int[] comps = new int[ns];
            for (int i = 0; i < ns; i++) {
                int id = u8();
                int tm = u8();
                int idx = -1;
                for (int k = 0; k < compIds.length; k++) {
                    if (compIds[k] == id) {
                        idx = k;
                        break;
                    }
                }
                if (idx < 0 || decodedComps[idx]) {
                    throw error("scan component " + id + " unknown or already decoded", at);
                }
                if (tm != 0) {
                    throw error("mapping table " + tm + " referenced; palettised JPEG-LS is not supported", at);
                }
                comps[i] = idx;
            }
            int near = u8();
            int ilv = u8();
            int pt = u8();
            if (ilv > 2 || (ns == 1 && ilv != 0 && ilv != 1 && ilv != 2)) {
                throw error("invalid interleave mode " + ilv, at);
            }
            if (ns == 1) {
                ilv = 0;
            } else if (ilv == 0) {
                throw error("interleave mode 0 with " + ns + " components in one scan", at);
            }
            if ((pt & 0x0F) != 0) {
                throw error("point transform " + (pt & 0x0F) + " is not supported", at);
            }
            String[] err = new String[1];
            JlsParameters params = JlsParameters.resolve(precision, near, presetMaxVal, presetT1, presetT2,
                    presetT3, presetReset, err);
            if (params == null) {
                throw error(err[0], at);
            }
            for (int c : comps) {
                decodedComps[c] = true;
            }
            FrameWriter writer = new FrameWriter(dst, dstOff, info, comps, width);
            JlsScanDecoder dec = new JlsScanDecoder(params, src, base, end);
            p = dec.decodeScan(segEnd, width, height, ilv, ns, restartInterval, writer);
        }

        private void applyInverseColorTransform() {
            if (compIds.length != 3 || (precision != 8 && precision != 16)) {
                throw error("HP colour transform needs 3 components of 8 or 16 bits", 0);
            }
            int n = info.rows() * info.columns();
            int range = 1 << precision;
            int mask = range - 1;
            int half = range >> 1;
            int quarter = range >> 2;
            boolean wide = precision == 16;
            for (int i = 0, o = dstOff; i < n; i++, o += wide ? 6 : 3) {
                int v1 = get(o, wide, 0);
                int v2 = get(o, wide, 1);
                int v3 = get(o, wide, 2);
                int r;
                int g;
                int b;
                switch (colorTransform) {
                    case 1 -> {
                        r = (v1 + v2 - half) & mask;
                        g = v2;
                        b = (v3 + v2 - half) & mask;
                    }
                    case 2 -> {
                        r = (v1 + v2 - half) & mask;
                        g = v2;
                        b = (v3 + ((r + g) >> 1) - half) & mask;
                    }
                    default -> {
                        g = (v1 - ((v3 + v2) >> 2) + quarter) & mask;
                        r = (v3 + g - half) & mask;
                        b = (v2 + g - half) & mask;
                    }
                }
                put(o, wide, 0, r);
                put(o, wide, 1, g);
                put(o, wide, 2, b);
            }
        }

        private int get(int o, boolean wide, int c) {
            return wide ? (dst[o + 2 * c] & 0xFF) | (dst[o + 2 * c + 1] & 0xFF) << 8 : dst[o + c] & 0xFF;
        }

        private void put(int o, boolean wide, int c, int v) {
            if (wide) {
                dst[o + 2 * c] = (byte) v;
                dst[o + 2 * c + 1] = (byte) (v >>> 8);
            } else {
                dst[o + c] = (byte) v;
            }
        }
    }

    /** Writes decoded lines into the frame buffer (little endian, samples interleaved). */
    private static final class FrameWriter implements JlsScanDecoder.Output {
        private final byte[] dst;
        private final int dstOff;
        private final int spp;
        private final int bps;
        private final int[] comps;
        private final int width;
        private final int lineBytes;

        FrameWriter(byte[] dst, int dstOff, FrameInfo info, int[] comps, int width) {
            this.dst = dst;
            this.dstOff = dstOff;
            this.spp = info.samplesPerPixel();
            this.bps = info.bytesPerSample();
            this.comps = comps;
            this.width = width;
            this.lineBytes = width * spp * bps;
        }

        @Override
        public void writeLine(int line, int comp, int[] s) {
            final byte[] d = dst;
            final int w = width;
            int o = dstOff + line * lineBytes + comps[comp] * bps;
            if (bps == 1) {
                if (spp == 1) {
                    for (int x = 1; x <= w; x++) {
                        d[o++] = (byte) s[x];
                    }
                } else {
                    for (int x = 1; x <= w; x++, o += spp) {
                        d[o] = (byte) s[x];
                    }
                }
            } else {
                int step = spp * bps;
                for (int x = 1; x <= w; x++, o += step) {
                    int v = s[x];
                    d[o] = (byte) v;
                    d[o + 1] = (byte) (v >>> 8);
                }
            }
        }

        @Override
        public void writeInterleaved(int line, int[] s, int nc) {
            final byte[] d = dst;
            int rowBase = dstOff + line * lineBytes;
            for (int c = 0; c < nc; c++) {
                int o = rowBase + comps[c] * bps;
                int step = spp * bps;
                for (int x = 1, i = nc + c; x <= width; x++, i += nc, o += step) {
                    int v = s[i];
                    d[o] = (byte) v;
                    if (bps == 2) {
                        d[o + 1] = (byte) (v >>> 8);
                    }
                }
            }
        }
    }
}
