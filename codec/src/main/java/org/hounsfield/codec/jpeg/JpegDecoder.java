package org.hounsfield.codec.jpeg;

import org.hounsfield.codec.FrameDecoder;
import org.hounsfield.codec.FrameInfo;
import org.hounsfield.core.DicomCodecException;

/**
 * Pure Java decoder for the DICOM JPEG transfer syntaxes: baseline (1.2.840.10008.1.2.4.50),
 * extended 12-bit (.51), lossless process 14 (.57) and lossless selection value 1 (.70).
 *
 * <p>The decoder follows the markers rather than the transfer syntax, so a lossless file holding a
 * baseline stream (seen in the wild) decodes as well. Supported:
 * <ul>
 *   <li>Huffman sequential DCT (SOF0, SOF1), 8 and 12 bits, and progressive DCT (SOF2);</li>
 *   <li>lossless (SOF3), 2 to 16 bits, predictors 1 to 7, point transform;</li>
 *   <li>1 to 4 components, any sampling factors (1 to 4), interleaved and non-interleaved scans;</li>
 *   <li>restart intervals, recovering from missing or damaged restart markers with the same
 *       results as libjpeg based decoders;</li>
 *   <li>DNL (height taken from the dataset), fill bytes, garbage between markers and after EOI.</li>
 * </ul>
 * Not supported: arithmetic coding (SOF9-SOF15) and hierarchical frames (SOF5-SOF7).
 *
 * <p>Output follows {@link FrameDecoder}: no colour conversion (YCbCr stays YCbCr), chroma
 * upsampled to full resolution with the results libjpeg gives by default (triangle filter for 2:1
 * horizontal and 2:1 both ways, replication otherwise), and an inverse DCT that gives the same
 * integers as libjpeg's accurate integer method, so output matches GDCM and DCMTK.
 *
 * <p>Instances are stateless and may be shared between threads.
 */
public final class JpegDecoder implements FrameDecoder {

    private final boolean predictor6Overflow16;

    /** Creates a decoder that follows ITU-T T.81 exactly. */
    public JpegDecoder() {
        this(false);
    }

    private JpegDecoder(boolean predictor6Overflow16) {
        this.predictor6Overflow16 = predictor6Overflow16;
    }

    /**
     * A decoder for lossless streams written by encoders that computed predictor 6,
     * {@code Rb + ((Ra - Rc) >> 1)}, with {@code Ra - Rc} in 16-bit signed arithmetic. T.81 wants
     * the exact difference, and standard decoders (GDCM, pydicom, ours by default) turn such
     * 16-bit images into noise with wrapped values; DCMTK offers the same repair as
     * {@code dcmdjpeg +w6}. Streams that do not use predictor 6 decode as with {@link #JpegDecoder()}.
     *
     * <pre>{@code
     * byte[] repaired = PixelData.of(ds).withDecoder(JpegDecoder.withPredictor6Overflow16()).frame(0);
     * }</pre>
     */
    public static JpegDecoder withPredictor6Overflow16() {
        return new JpegDecoder(true);
    }

    @Override
    public void decode(byte[] src, int srcOff, int srcLen, FrameInfo info, byte[] dst, int dstOff) {
        if (srcOff < 0 || srcLen < 0 || srcOff > src.length - srcLen) {
            throw new DicomCodecException("JPEG: source range outside the buffer", 0);
        }
        long need = info.decodedFrameBytes();
        if (dstOff < 0 || need > dst.length - (long) dstOff) {
            throw new DicomCodecException("JPEG: destination too small for " + need + " bytes", 0);
        }
        // a frame with a single sequential scan is written as it is decoded; one that turns out to
        // have more scans is decoded again with whole component planes
        JpegFrameDecoder streaming = new JpegFrameDecoder(src, srcOff, srcLen, info, true);
        streaming.predictor6Overflow16 = predictor6Overflow16;
        if (!streaming.decode(dst, dstOff)) {
            JpegFrameDecoder planes = new JpegFrameDecoder(src, srcOff, srcLen, info, false);
            planes.predictor6Overflow16 = predictor6Overflow16;
            planes.decode(dst, dstOff);
        }
    }
}
