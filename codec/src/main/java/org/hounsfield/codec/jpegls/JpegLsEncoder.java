package org.hounsfield.codec.jpegls;

import org.hounsfield.codec.FrameInfo;

/**
 * Pure-Java JPEG-LS encoder (ITU-T T.87), lossless by default, producing streams for transfer
 * syntax 1.2.840.10008.1.2.4.80 (or .81 with {@link Options#near()} &gt; 0).
 *
 * <p>Input is one frame in the {@link org.hounsfield.codec.FrameDecoder} layout: little endian,
 * samples interleaved (samples last), 1 byte per sample for Bits Allocated 8 and 2 for 16. The
 * sample precision P is Bits Stored (at least 2, at most 16); bits above Bits Stored are ignored
 * (so sign-extended signed input codes its stored bits). 1 to 4 components; the default
 * interleave mode is none for one component and line interleaved otherwise.
 *
 * <pre>{@code
 * byte[] jls = new JpegLsEncoder().encode(samples, info);
 * }</pre>
 *
 * <p>Instances are immutable and thread safe.
 */
public final class JpegLsEncoder {

    /**
     * Encoder settings.
     *
     * @param near            NEAR (0 = lossless)
     * @param interleaveMode  0 none (one scan per component), 1 line, 2 sample; -1 = automatic
     * @param restartInterval lines per restart interval (0 = no restart markers)
     * @param maxVal          preset MAXVAL, 0 = default (2^P - 1)
     * @param t1              preset T1, 0 = default
     * @param t2              preset T2, 0 = default
     * @param t3              preset T3, 0 = default
     * @param reset           preset RESET, 0 = default (64)
     */
    public record Options(int near, int interleaveMode, int restartInterval, int maxVal, int t1, int t2, int t3,
                          int reset) {
        /** Lossless, automatic interleave, no restart markers, default parameters. */
        public static final Options LOSSLESS = new Options(0, -1, 0, 0, 0, 0, 0, 0);

        /** Near-lossless with the given NEAR and interleave mode (-1 automatic). */
        public static Options nearLossless(int near, int interleaveMode) {
            return new Options(near, interleaveMode, 0, 0, 0, 0, 0, 0);
        }

        /** These options with restart markers every {@code lines} lines (0 = none). */
        public Options withRestart(int lines) {
            return new Options(near, interleaveMode, lines, maxVal, t1, t2, t3, reset);
        }

        boolean hasPreset() {
            return maxVal != 0 || t1 != 0 || t2 != 0 || t3 != 0 || reset != 0;
        }
    }

    private final Options options;

    /** A lossless encoder with default settings. */
    public JpegLsEncoder() {
        this(Options.LOSSLESS);
    }

    /** An encoder with the given settings. */
    public JpegLsEncoder(Options options) {
        this.options = options;
    }

    /**
     * Encodes one frame into a complete JPEG-LS stream (SOI ... EOI).
     *
     * @param samples frame samples, at least {@link FrameInfo#decodedFrameBytes()} bytes
     * @param info    frame geometry (Bits Allocated 8 or 16, Bits Stored 2..16, 1 to 4 samples)
     * @return the JPEG-LS stream, even length is not guaranteed (DICOM pads fragments)
     * @throws IllegalArgumentException for unsupported geometry or options
     */
    public byte[] encode(byte[] samples, FrameInfo info) {
        int ba = info.bitsAllocated();
        if (ba != 8 && ba != 16) {
            throw new IllegalArgumentException("JPEG-LS: Bits Allocated " + ba + " not supported (8 or 16)");
        }
        int precision = Math.max(2, info.bitsStored());
        if (precision > ba) {
            throw new IllegalArgumentException("JPEG-LS: Bits Stored " + info.bitsStored() + " > Bits Allocated " + ba);
        }
        int spp = info.samplesPerPixel();
        if (spp < 1 || spp > 4) {
            throw new IllegalArgumentException("JPEG-LS: " + spp + " samples per pixel (1 to 4 supported)");
        }
        int w = info.columns();
        int h = info.rows();
        if (w < 1 || h < 1 || w > 65535 || h > 65535) {
            throw new IllegalArgumentException("JPEG-LS: frame size " + w + "x" + h + " not supported");
        }
        if (samples.length < info.decodedFrameBytes()) {
            throw new IllegalArgumentException("JPEG-LS: " + samples.length + " sample bytes, frame needs "
                    + info.decodedFrameBytes());
        }
        int ilv = options.interleaveMode() < 0 ? (spp == 1 ? 0 : 1) : options.interleaveMode();
        if (ilv > 2) {
            throw new IllegalArgumentException("JPEG-LS: interleave mode " + ilv);
        }
        if (spp == 1) {
            ilv = 0;
        }
        Options o = options;
        String[] err = new String[1];
        JlsParameters params = JlsParameters.resolve(precision, o.near(), o.maxVal(), o.t1(), o.t2(), o.t3(),
                o.reset(), err);
        if (params == null) {
            throw new IllegalArgumentException("JPEG-LS: " + err[0]);
        }
        int mask = (1 << precision) - 1;
        if (params.maxVal != mask) {
            checkMaxVal(samples, info, mask, params.maxVal);
        }
        if (o.restartInterval() < 0 || o.restartInterval() > 65535) {
            throw new IllegalArgumentException("JPEG-LS: restart interval " + o.restartInterval());
        }
        int bps = ba / 8;
        JlsScanEncoder.ByteSink out = new JlsScanEncoder.ByteSink((int) Math.min(Integer.MAX_VALUE - 64,
                info.decodedFrameBytes() / 2 + 1024));
        out.put(0xFF);
        out.put(0xD8);
        // SOF55
        out.put(0xFF);
        out.put(0xF7);
        out.put16(8 + 3 * spp);
        out.put(precision);
        out.put16(h);
        out.put16(w);
        out.put(spp);
        for (int c = 0; c < spp; c++) {
            out.put(c + 1);
            out.put(0x11);
            out.put(0);
        }
        if (o.hasPreset()) {
            out.put(0xFF);
            out.put(0xF8);
            out.put16(13);
            out.put(1);
            out.put16(o.maxVal());
            out.put16(o.t1());
            out.put16(o.t2());
            out.put16(o.t3());
            out.put16(o.reset());
        }
        if (o.restartInterval() > 0) {
            out.put(0xFF);
            out.put(0xDD);
            out.put16(4);
            out.put16(o.restartInterval());
        }
        int[][] scans;
        if (ilv == 0) {
            scans = new int[spp][];
            for (int c = 0; c < spp; c++) {
                scans[c] = new int[] {c};
            }
        } else {
            int[] all = new int[spp];
            for (int c = 0; c < spp; c++) {
                all[c] = c;
            }
            scans = new int[][] {all};
        }
        for (int[] comps : scans) {
            out.put(0xFF);
            out.put(0xDA);
            out.put16(6 + 2 * comps.length);
            out.put(comps.length);
            for (int c : comps) {
                out.put(c + 1);
                out.put(0);
            }
            out.put(o.near());
            out.put(comps.length == 1 ? 0 : ilv);
            out.put(0);
            new JlsScanEncoder(params, out).encodeScan(samples, w, h, spp, bps, comps,
                    comps.length == 1 ? 0 : ilv, o.restartInterval(), mask);
        }
        out.put(0xFF);
        out.put(0xD9);
        return out.toArray();
    }

    private static void checkMaxVal(byte[] s, FrameInfo info, int mask, int maxVal) {
        int bps = info.bytesPerSample();
        long n = (long) info.rows() * info.columns() * info.samplesPerPixel();
        for (long i = 0; i < n; i++) {
            int o = (int) (i * bps);
            int v = (bps == 1 ? s[o] & 0xFF : (s[o] & 0xFF) | (s[o + 1] & 0xFF) << 8) & mask;
            if (v > maxVal) {
                throw new IllegalArgumentException("JPEG-LS: sample " + v + " exceeds preset MAXVAL " + maxVal);
            }
        }
    }
}
