package org.hounsfield.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.hounsfield.codec.deflate.DeflateFrameDecoder;
import org.hounsfield.codec.jpeg.JpegDecoder;
import org.hounsfield.codec.jpeg2000.Jpeg2000Decoder;
import org.hounsfield.codec.jpegls.JpegLsDecoder;
import org.hounsfield.codec.rle.RleDecoder;

/**
 * One fuzz target per decoder. Input: three bytes of geometry ({@link FuzzSupport#geometry}) and
 * the codestream. Seeds are streams of our own encoders (or opj_compress for JPEG 2000), see
 * {@code SeedWriter}.
 */
class DecoderFuzzTest {
    private static final JpegDecoder JPEG = new JpegDecoder();
    private static final JpegLsDecoder JPEG_LS = new JpegLsDecoder();
    private static final RleDecoder RLE = new RleDecoder();
    private static final DeflateFrameDecoder DEFLATE = new DeflateFrameDecoder();
    private static final Jpeg2000Decoder J2K = new Jpeg2000Decoder();

    @FuzzTest(maxDuration = "30m")
    void jpeg(byte[] data) {
        FuzzSupport.decode(JPEG, data);
    }

    @FuzzTest(maxDuration = "30m")
    void jpegLs(byte[] data) {
        FuzzSupport.decode(JPEG_LS, data);
    }

    @FuzzTest(maxDuration = "30m")
    void rle(byte[] data) {
        FuzzSupport.decode(RLE, data);
    }

    @FuzzTest(maxDuration = "30m")
    void deflate(byte[] data) {
        FuzzSupport.decode(DEFLATE, data);
    }

    @FuzzTest(maxDuration = "30m")
    void jpeg2000(byte[] data) {
        FuzzSupport.decode(J2K, data);
    }
}
