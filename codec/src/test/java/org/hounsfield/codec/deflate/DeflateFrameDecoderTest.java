package org.hounsfield.codec.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import org.hounsfield.codec.Codecs;
import org.hounsfield.codec.FrameInfo;
import org.hounsfield.core.DicomCodecException;
import org.junit.jupiter.api.Test;

class DeflateFrameDecoderTest {

    private static byte[] deflate(byte[] data, boolean raw) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[data.length * 2 + 64];
        int n = d.deflate(buf);
        d.end();
        return Arrays.copyOf(buf, n);
    }

    private static byte[] decode(byte[] src, FrameInfo fi) {
        byte[] out = new byte[(int) fi.decodedFrameBytes()];
        new DeflateFrameDecoder().decode(src, 0, src.length, fi, out, 0);
        return out;
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void inflatesNativeInterleavedFrame() {
        FrameInfo fi = new FrameInfo(13, 17, 3, 16, 12, false, 0, "RGB");
        byte[] img = random((int) fi.decodedFrameBytes(), 1);
        assertThat(decode(deflate(img, true), fi)).isEqualTo(img);
        byte[] padded = Arrays.copyOf(deflate(img, true), deflate(img, true).length + 1);
        assertThat(decode(padded, fi)).isEqualTo(img);
    }

    @Test
    void convertsPlanarConfigurationOneToSamplesLast() {
        FrameInfo fi = new FrameInfo(2, 3, 3, 8, 8, false, 1, "RGB");
        byte[] planar = {1, 2, 3, 4, 5, 6, 11, 12, 13, 14, 15, 16, 21, 22, 23, 24, 25, 26};
        assertThat(decode(deflate(planar, true), fi))
                .containsExactly(1, 11, 21, 2, 12, 22, 3, 13, 23, 4, 14, 24, 5, 15, 25, 6, 16, 26);
        FrameInfo fi16 = new FrameInfo(1, 2, 3, 16, 16, false, 1, "RGB");
        byte[] planar16 = {1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0};
        assertThat(decode(deflate(planar16, true), fi16)).containsExactly(1, 0, 3, 0, 5, 0, 2, 0, 4, 0, 6, 0);
    }

    @Test
    void unpacksSingleBitFramesLsbFirst() {
        FrameInfo fi = new FrameInfo(3, 3, 1, 1, 1, false, 0, "MONOCHROME2");
        byte[] packed = {(byte) 0b1010_0101, 0b1};
        assertThat(decode(deflate(packed, true), fi)).containsExactly(1, 0, 1, 0, 0, 1, 0, 1, 1);
        FrameInfo big = new FrameInfo(510, 510, 1, 1, 1, false, 0, "MONOCHROME2");
        byte[] bits = random((510 * 510 + 7) / 8, 3);
        byte[] out = decode(deflate(bits, true), big);
        for (int i = 0; i < out.length; i++) {
            assertThat(out[i]).isEqualTo((byte) ((bits[i >>> 3] >>> (i & 7)) & 1));
        }
    }

    @Test
    void toleratesZlibWrapper() {
        FrameInfo fi = new FrameInfo(4, 4, 1, 8, 8, false, 0, "MONOCHROME2");
        byte[] img = random(16, 4);
        assertThat(decode(deflate(img, false), fi)).isEqualTo(img);
    }

    @Test
    void ignoresBytesBeyondTheFrame() {
        FrameInfo fi = new FrameInfo(4, 4, 1, 8, 8, false, 0, "MONOCHROME2");
        byte[] img = random(40, 5);
        assertThat(decode(deflate(img, true), fi)).isEqualTo(Arrays.copyOf(img, 16));
    }

    @Test
    void rejectsShortTruncatedAndCorruptStreams() {
        FrameInfo fi = new FrameInfo(8, 8, 1, 16, 16, false, 0, "MONOCHROME2");
        byte[] img = random(128, 6);
        byte[] z = deflate(img, true);
        assertThatThrownBy(() -> decode(deflate(Arrays.copyOf(img, 100), true), fi))
                .isInstanceOf(DicomCodecException.class).hasMessageContaining("expected 128");
        for (int len = 0; len < z.length; len++) {
            byte[] cut = Arrays.copyOf(z, len);
            assertThatThrownBy(() -> decode(cut, fi)).as("length %d", len).isInstanceOf(DicomCodecException.class);
        }
        byte[] garbage = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x12};
        assertThatThrownBy(() -> decode(garbage, fi)).isInstanceOf(DicomCodecException.class);
    }

    @Test
    void providerIsRegistered() {
        assertThat(Codecs.decoder(DeflateCodecProvider.DEFLATED_IMAGE_FRAME)).isPresent();
    }
}
