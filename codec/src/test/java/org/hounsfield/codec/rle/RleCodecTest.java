package org.hounsfield.codec.rle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.hounsfield.codec.Codecs;
import org.hounsfield.codec.FrameInfo;
import org.hounsfield.core.DicomCodecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RleCodecTest {

    private static FrameInfo info(int rows, int cols, int spp, int ba) {
        return new FrameInfo(rows, cols, spp, ba, ba, false, 0, spp == 1 ? "MONOCHROME2" : "RGB");
    }

    private static byte[] decode(byte[] rle, FrameInfo fi) {
        byte[] out = new byte[(int) fi.decodedFrameBytes()];
        new RleDecoder().decode(rle, 0, rle.length, fi, out, 0);
        return out;
    }

    /** Half noise, half runs, so both literal and replicate runs occur. */
    private static byte[] image(long seed, FrameInfo fi) {
        Random r = new Random(seed);
        byte[] b = new byte[(int) fi.decodedFrameBytes()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (i / 97) % 2 == 0 ? (byte) r.nextInt(256) : (byte) (i / 300);
        }
        return b;
    }

    @ParameterizedTest(name = "{0}x{1}, {2} samples, {3} bits")
    @CsvSource({"1,1,1,8", "7,300,1,8", "20,33,3,8", "16,17,1,16", "9,260,3,16", "5,7,1,32", "6,11,3,32", "3,5,1,64"})
    void roundTrip(int rows, int cols, int spp, int ba) {
        FrameInfo fi = info(rows, cols, spp, ba);
        byte[] img = image(rows * 1000L + cols, fi);
        byte[] rle = new RleEncoder().encode(img, fi);
        assertThat(rle.length % 2).isZero();
        assertThat(rle[0]).isEqualTo((byte) (spp * ba / 8));
        assertThat(decode(rle, fi)).isEqualTo(img);
    }

    @Test
    void roundTripOfConstantAndLongRows() {
        FrameInfo fi = info(3, 1000, 1, 16);
        byte[] img = new byte[6000];
        Arrays.fill(img, (byte) 0x5A);
        assertThat(decode(new RleEncoder().encode(img, fi), fi)).isEqualTo(img);
    }

    @Test
    void oneBitFramesArePackedLsbFirstAndUnpackedToBytes() {
        for (int[] g : new int[][] {{512, 512}, {510, 510}, {3, 5}, {1, 1}}) {
            FrameInfo fi = new FrameInfo(g[0], g[1], 1, 1, 1, false, 0, "MONOCHROME2");
            Random r = new Random(g[0]);
            byte[] img = new byte[g[0] * g[1]];
            for (int i = 0; i < img.length; i++) {
                img[i] = (byte) ((i / 40) % 3 == 0 ? r.nextInt(2) : (i / 1000) & 1);
            }
            byte[] rle = new RleEncoder().encode(img, fi);
            assertThat(rle[0]).isEqualTo((byte) 1);
            assertThat(decode(rle, fi)).isEqualTo(img);
        }
        // a hand-made segment: literal 0b00000101 -> pixels 1,0,1,0,0,0,0,0 then 0b1 -> 1
        FrameInfo fi = new FrameInfo(1, 9, 1, 1, 1, false, 0, "MONOCHROME2");
        byte[] rle = frame(new byte[][] {{1, 0x05, 0x01}});
        assertThat(decode(rle, fi)).containsExactly(1, 0, 1, 0, 0, 0, 0, 0, 1);
    }

    /** Builds a frame from raw segment bytes. */
    static byte[] frame(byte[][] segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[64];
        header[0] = (byte) segments.length;
        int off = 64;
        for (int i = 0; i < segments.length; i++) {
            header[4 + 4 * i] = (byte) off;
            header[5 + 4 * i] = (byte) (off >>> 8);
            off += segments[i].length;
        }
        out.writeBytes(header);
        for (byte[] s : segments) {
            out.writeBytes(s);
        }
        return out.toByteArray();
    }

    @Test
    void decodesHandMadeSegmentsMostSignificantByteFirst() {
        FrameInfo fi = info(1, 6, 1, 16);
        byte[] msb = {(byte) -5, 0x12};                         // replicate 0x12 six times
        byte[] lsb = {(byte) 0x80, 2, 1, 2, 3, (byte) -2, 9};    // no-op, literal 1 2 3, replicate 9 x3 (odd length)
        assertThat(decode(frame(new byte[][] {msb, lsb}), fi))
                .containsExactly(1, 0x12, 2, 0x12, 3, 0x12, 9, 0x12, 9, 0x12, 9, 0x12);
    }

    @Test
    void isLenientAboutExtraBytesExtraSegmentsAndPadding() {
        FrameInfo fi = info(1, 4, 1, 8);
        byte[] seg = {3, 1, 2, 3, 4, (byte) -9, 7, 0};          // 4 bytes needed, 10 more decoded, pad byte
        byte[] extra = {(byte) -3, 1};
        assertThat(decode(frame(new byte[][] {seg, extra}), fi)).containsExactly(1, 2, 3, 4);
        byte[] padded = Arrays.copyOf(frame(new byte[][] {seg}), 80);
        assertThat(decode(padded, fi)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void rejectsTooFewBytesAndBrokenHeaders() {
        FrameInfo fi = info(2, 4, 1, 8);
        assertThatThrownBy(() -> decode(frame(new byte[][] {{(byte) -6, 1}}), fi))
                .isInstanceOf(DicomCodecException.class).hasMessageContaining("expected 8");
        assertThatThrownBy(() -> decode(frame(new byte[][] {{7, 1, 2}}), fi))
                .isInstanceOf(DicomCodecException.class).hasMessageContaining("overruns");
        assertThatThrownBy(() -> decode(frame(new byte[][] {{(byte) -8}}), fi))
                .isInstanceOf(DicomCodecException.class);
        FrameInfo rgb = info(2, 4, 3, 8);
        assertThatThrownBy(() -> decode(frame(new byte[][] {{(byte) -7, 1}}), rgb))
                .isInstanceOf(DicomCodecException.class).hasMessageContaining("segments");
        byte[] badOffset = frame(new byte[][] {{(byte) -7, 1}});
        badOffset[4] = (byte) 200;
        assertThatThrownBy(() -> decode(badOffset, fi)).isInstanceOf(DicomCodecException.class)
                .hasMessageContaining("offset");
        byte[] sixteen = frame(new byte[][] {{(byte) -7, 1}});
        sixteen[0] = 16;
        assertThatThrownBy(() -> decode(sixteen, fi)).isInstanceOf(DicomCodecException.class);
        assertThatThrownBy(() -> decode(new byte[10], fi)).isInstanceOf(DicomCodecException.class)
                .hasMessageContaining("header");
    }

    @Test
    void everyTruncationThrowsDicomCodecException() {
        FrameInfo fi = info(8, 13, 3, 16);
        byte[] rle = new RleEncoder().encode(image(3, fi), fi);
        for (int len = 0; len < rle.length - 1; len++) {
            byte[] cut = Arrays.copyOf(rle, len);
            assertThatThrownBy(() -> decode(cut, fi)).as("length %d", len).isInstanceOf(DicomCodecException.class);
        }
    }

    @Test
    void corruptedFramesFailOnlyWithDicomCodecException() {
        FrameInfo fi = info(8, 13, 3, 16);
        byte[] rle = new RleEncoder().encode(image(4, fi), fi);
        Random r = new Random(2);
        for (int i = 0; i < 2000; i++) {
            byte[] bad = rle.clone();
            bad[r.nextInt(bad.length)] = (byte) r.nextInt(256);
            bad[r.nextInt(bad.length)] = (byte) r.nextInt(256);
            try {
                decode(bad, fi);
            } catch (DicomCodecException expected) {
                // fine
            }
        }
    }

    @Test
    void encoderRejectsTooManySegments() {
        assertThatThrownBy(() -> new RleEncoder().encode(new byte[64], info(1, 1, 4, 64)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void providerIsRegistered() {
        assertThat(Codecs.decoder(RleCodecProvider.RLE_LOSSLESS)).isPresent();
    }
}
