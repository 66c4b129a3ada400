package org.hounsfield.imaging.color;

import java.util.Locale;

import org.hounsfield.codec.FrameInfo;
import org.hounsfield.core.DicomValueException;

/**
 * Colour frames to 8-bit RGB, as pydicom's {@code convert_color_space} does it (PS3.3
 * C.7.6.3.1.2, ITU T.871): for YBR_FULL and YBR_FULL_422
 * <pre>
 *   R = Y + 1.402 (Cr - 128)
 *   G = Y - 0.114 * 1.772 / 0.587 (Cb - 128) - 0.299 * 1.402 / 0.587 (Cr - 128)
 *   B = Y + 1.772 (Cb - 128)
 * </pre>
 * rounded half up and clipped to 0..255. YBR_PARTIAL_422/420 (not converted by pydicom) first
 * expand Y from 16..235 and Cb/Cr from 16..240 (factors 255/219 and 255/224). YBR_RCT and
 * YBR_ICT frames come out of the JPEG 2000 decoder already as RGB (the codestream's colour
 * transform is undone there), so they are treated as RGB, as pydicom does.
 *
 * <p>RGB with more than 8 bits is scaled from Bits Stored to 8 bits, rounded:
 * {@code (v * 255 + max / 2) / max}, {@code max = 2^BitsStored - 1}.
 *
 * <pre>{@code
 * byte[] rgb = ColorSpaces.toRgb8(px.frame(0), px.info());   // rows * columns * 3 bytes
 * }</pre>
 */
public final class ColorSpaces {
    private static final double GB = 0.114 * 1.772 / 0.587;
    private static final double GR = 0.299 * 1.402 / 0.587;

    private ColorSpaces() {
    }

    /** Whether the Photometric Interpretation is one this class converts. */
    public static boolean isColor(String photometric) {
        switch (norm(photometric)) {
            case "RGB":
            case "YBR_FULL":
            case "YBR_FULL_422":
            case "YBR_PARTIAL_422":
            case "YBR_PARTIAL_420":
            case "YBR_RCT":
            case "YBR_ICT":
                return true;
            default:
                return false;
        }
    }

    /**
     * A frame in the {@code PixelData.frame} layout (samples last, little endian) to interleaved
     * 8-bit RGB, {@code rows * columns * 3} bytes.
     */
    public static byte[] toRgb8(byte[] frame, FrameInfo info) {
        if (info.samplesPerPixel() != 3) {
            throw new DicomValueException(info.photometric() + " with " + info.samplesPerPixel() + " samples per pixel; 3 expected");
        }
        int n = info.rows() * info.columns();
        String pi = norm(info.photometric());
        byte[] rgb = samples8(frame, info, n * 3);
        switch (pi) {
            case "RGB":
            case "YBR_RCT":
            case "YBR_ICT":
                return rgb;
            case "YBR_FULL":
            case "YBR_FULL_422":
                requireEight(info);
                ybrFullToRgb(rgb, n);
                return rgb;
            case "YBR_PARTIAL_422":
            case "YBR_PARTIAL_420":
                requireEight(info);
                ybrPartialToRgb(rgb, n);
                return rgb;
            default:
                throw new DicomValueException("cannot convert Photometric Interpretation '" + info.photometric() + "' to RGB");
        }
    }

    private static void requireEight(FrameInfo info) {
        if (info.bitsAllocated() != 8) {
            throw new DicomValueException(info.photometric() + " with " + info.bitsAllocated() + " bits allocated is not supported (8 expected)");
        }
    }

    /** The samples as bytes: 8-bit as is, wider scaled from Bits Stored to 0..255. */
    private static byte[] samples8(byte[] frame, FrameInfo info, int count) {
        int bps = info.bytesPerSample();
        if ((long) count * bps > frame.length) {
            throw new DicomValueException("frame holds " + frame.length + " bytes, " + (long) count * bps + " expected");
        }
        byte[] out = new byte[count];
        if (bps == 1) {
            System.arraycopy(frame, 0, out, 0, count);
            return out;
        }
        int bits = Math.min(Math.max(info.bitsStored(), 1), 32);
        long max = (1L << bits) - 1;
        for (int i = 0; i < count; i++) {
            long v = 0;
            for (int k = bps - 1; k >= 0; k--) {
                v = v << 8 | (frame[i * bps + k] & 0xFF);
            }
            if (bps == 8) {
                v = v < 0 ? max : v; // values past 2^63: only for 64-bit data, where Bits Stored is 64
            }
            v = Math.min(Math.max(v, 0), max);
            out[i] = (byte) ((v * 255 + max / 2) / max);
        }
        return out;
    }

    /** YBR_FULL (interleaved, 8-bit) to RGB, in place, for {@code pixels} pixels. */
    public static void ybrFullToRgb(byte[] ybr, int pixels) {
        for (int i = 0, p = 0; i < pixels; i++, p += 3) {
            double y = ybr[p] & 0xFF;
            double cb = (ybr[p + 1] & 0xFF) - 128;
            double cr = (ybr[p + 2] & 0xFF) - 128;
            ybr[p] = clip(y + 1.402 * cr);
            ybr[p + 1] = clip(y - GB * cb - GR * cr);
            ybr[p + 2] = clip(y + 1.772 * cb);
        }
    }

    /** YBR_PARTIAL (interleaved, 8-bit, Y 16..235, Cb/Cr 16..240) to RGB, in place. */
    public static void ybrPartialToRgb(byte[] ybr, int pixels) {
        final double ky = 255.0 / 219;
        final double kc = 255.0 / 224;
        for (int i = 0, p = 0; i < pixels; i++, p += 3) {
            double y = ((ybr[p] & 0xFF) - 16) * ky;
            double cb = ((ybr[p + 1] & 0xFF) - 128) * kc;
            double cr = ((ybr[p + 2] & 0xFF) - 128) * kc;
            ybr[p] = clip(y + 1.402 * cr);
            ybr[p + 1] = clip(y - GB * cb - GR * cr);
            ybr[p + 2] = clip(y + 1.772 * cb);
        }
    }

    /** One RGB pixel from YBR_FULL values, for tests and single look-ups. */
    public static int[] ybrFullToRgb(int y, int cb, int cr) {
        byte[] b = {(byte) y, (byte) cb, (byte) cr};
        ybrFullToRgb(b, 1);
        return new int[] {b[0] & 0xFF, b[1] & 0xFF, b[2] & 0xFF};
    }

    private static byte clip(double v) {
        double r = Math.floor(v + 0.5);
        return (byte) (r <= 0 ? 0 : r >= 255 ? 255 : (int) r);
    }

    /**
     * Uncompressed YBR_FULL_422 (two Y, then Cb and Cr, for every pair of pixels; PS3.5 8.2.1)
     * expanded to full YBR, three samples per pixel, as pydicom's {@code expand_ybr422}.
     *
     * @param src             the subsampled frame
     * @param bytesPerSample  1 or 2
     * @return {@code src.length / 2 * 3} bytes
     */
    public static byte[] expandYbr422(byte[] src, int bytesPerSample) {
        int b = bytesPerSample;
        byte[] dst = new byte[src.length / 2 * 3];
        int groups = src.length / (4 * b);
        for (int g = 0; g < groups; g++) {
            int s = g * 4 * b;
            int d = g * 6 * b;
            for (int k = 0; k < b; k++) {
                byte y1 = src[s + k];
                byte y2 = src[s + b + k];
                byte cb = src[s + 2 * b + k];
                byte cr = src[s + 3 * b + k];
                dst[d + k] = y1;
                dst[d + b + k] = cb;
                dst[d + 2 * b + k] = cr;
                dst[d + 3 * b + k] = y2;
                dst[d + 4 * b + k] = cb;
                dst[d + 5 * b + k] = cr;
            }
        }
        return dst;
    }

    static String norm(String photometric) {
        return photometric == null ? "" : photometric.trim().toUpperCase(Locale.ROOT);
    }
}
