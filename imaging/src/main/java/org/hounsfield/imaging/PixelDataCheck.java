package org.hounsfield.imaging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hounsfield.codec.jpeg.JpegDecoder;
import org.hounsfield.core.DicomException;

/**
 * Checks that pixel data decodes, frame by frame, and recognises streams from known-broken
 * encoders that decode without error into wrong pictures.
 *
 * <p>Known so far: JPEG lossless streams that use predictor 6 and were written by encoders that
 * computed {@code Ra - Rc} in 16-bit arithmetic (see {@link JpegDecoder#withPredictor6Overflow16()}).
 * Standard decoders turn them into noise with wrapped values; the repaired decode is recognised by
 * being much smoother (mean absolute difference between horizontal neighbours).
 *
 * <pre>{@code
 * List<String> problems = PixelDataCheck.problems(PixelData.of(ds));
 * }</pre>
 */
public final class PixelDataCheck {
    /** How much smoother the repaired picture must be before the stream is called broken. */
    static final double SMOOTHER_BY = 4.0;

    private static final String JPEG_LOSSLESS = "1.2.840.10008.1.2.4.57";
    private static final String JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";

    private PixelDataCheck() {
    }

    /** Problems found in {@code px}: frames that fail to decode, and streams from known-broken encoders. */
    public static List<String> problems(PixelData px) {
        List<String> out = new ArrayList<>();
        boolean jpegLossless16 = px.isEncapsulated() && px.info().bitsAllocated() == 16
                && px.dataset().transferSyntax() != null
                && (JPEG_LOSSLESS.equals(px.dataset().transferSyntax().uid())
                    || JPEG_LOSSLESS_SV1.equals(px.dataset().transferSyntax().uid()));
        PixelData repairedPx = jpegLossless16 ? px.withDecoder(JpegDecoder.withPredictor6Overflow16()) : null;
        for (int f = 0; f < px.frameCount(); f++) {
            byte[] frame;
            try {
                frame = px.frame(f);
            } catch (DicomException e) {
                out.add(e.getMessage());
                return out;
            }
            if (repairedPx != null) {
                byte[] repaired = repairedPx.frame(f);
                if (!Arrays.equals(frame, repaired)) {
                    double standard = roughness(frame, px);
                    double fixed = roughness(repaired, px);
                    if (standard > SMOOTHER_BY * fixed) {
                        out.add(String.format(java.util.Locale.ROOT,
                                "frame %d: JPEG lossless stream with predictor 6 written by an encoder that overflows 16 bits;"
                                        + " decoded as the standard says it is noise (mean neighbour difference %.0f, %.0f when"
                                        + " decoded the way the encoder worked: 'hounsfield pixels --jpeg-pred6-overflow',"
                                        + " dcmdjpeg +w6)", f, standard, fixed));
                    }
                }
            }
        }
        return out;
    }

    /** Mean absolute difference between horizontal neighbours of 16-bit samples. */
    static double roughness(byte[] frame, PixelData px) {
        int cols = px.info().columns() * px.info().samplesPerPixel();
        boolean signed = px.info().signed();
        long sum = 0;
        long n = 0;
        for (int i = 2; i < frame.length; i += 2) {
            if ((i / 2) % cols == 0) {
                continue;
            }
            int a = (frame[i] & 0xFF) | (frame[i + 1] & 0xFF) << 8;
            int b = (frame[i - 2] & 0xFF) | (frame[i - 1] & 0xFF) << 8;
            if (signed) {
                a = (short) a;
                b = (short) b;
            }
            sum += Math.abs(a - b);
            n++;
        }
        return n == 0 ? 0 : (double) sum / n;
    }
}
