package org.hounsfield.codec.jpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.hounsfield.codec.FrameInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JpegLosslessEncoderTest {

    private static FrameInfo info(int rows, int cols, int spp, int bits) {
        return new FrameInfo(rows, cols, spp, bits <= 8 ? 8 : 16, bits, false, 0, spp == 3 ? "RGB" : "MONOCHROME2");
    }

    /** Random samples within {@code bits}, with some smooth structure so that the table is skewed. */
    private static byte[] image(FrameInfo info, long seed, boolean noisy) {
        Random rnd = new Random(seed);
        int bps = info.bytesPerSample();
        int max = (1 << info.bitsStored()) - 1;
        byte[] b = new byte[(int) info.decodedFrameBytes()];
        int n = b.length / bps;
        for (int i = 0; i < n; i++) {
            int v = noisy ? rnd.nextInt(max + 1) : (int) ((i * 31L) % (max + 1)) ^ rnd.nextInt(4);
            v &= max;
            if (bps == 1) {
                b[i] = (byte) v;
            } else {
                b[2 * i] = (byte) v;
                b[2 * i + 1] = (byte) (v >> 8);
            }
        }
        return b;
    }

    private static void assertRoundTrip(FrameInfo info, byte[] samples, JpegLosslessEncoder enc) {
        byte[] stream = enc.encode(samples, info);
        assertThat(stream[0]).isEqualTo((byte) 0xFF);
        assertThat(stream[1]).isEqualTo((byte) 0xD8);
        assertThat(stream[2]).isEqualTo((byte) 0xFF);
        assertThat(stream[3]).isEqualTo((byte) 0xC3);
        assertThat(stream[4 + 2]).isEqualTo((byte) info.bitsStored());
        assertThat(stream[stream.length - 2]).isEqualTo((byte) 0xFF);
        assertThat(stream[stream.length - 1]).isEqualTo((byte) 0xD9);
        assertThat(JpegTestSupport.decode(stream, info)).isEqualTo(samples);
    }

    @ParameterizedTest(name = "{0} bits, {1} samples, {2}x{3}")
    @CsvSource({
        "8,1,64,48", "8,3,64,48", "12,1,64,48", "12,3,64,48", "16,1,64,48", "16,3,64,48",
        "8,1,1,1", "16,3,1,1", "12,1,7,5", "16,1,5,7", "8,3,33,17", "2,1,9,9", "10,1,31,3",
        "15,1,16,16", "16,4,11,13"})
    void roundTripsSeededRandomImages(int bits, int spp, int rows, int cols) {
        FrameInfo info = info(rows, cols, spp, bits);
        for (long seed = 1; seed <= 3; seed++) {
            assertRoundTrip(info, image(info, seed, true), new JpegLosslessEncoder());
            assertRoundTrip(info, image(info, seed, false), new JpegLosslessEncoder());
        }
    }

    @ParameterizedTest(name = "{0} bits, {1} samples, restart every {2} rows")
    @CsvSource({"8,1,1", "12,3,2", "16,1,5", "16,3,3"})
    void roundTripsWithRestartMarkers(int bits, int spp, int restartRows) {
        FrameInfo info = info(23, 19, spp, bits);
        byte[] samples = image(info, 99, true);
        byte[] stream = new JpegLosslessEncoder(restartRows).encode(samples, info);
        assertThat(JpegTestSupport.indexOfMarker(stream, 0xDD, 0)).isPositive();
        assertThat(JpegTestSupport.indexOfMarker(stream, 0xD0, 0)).isPositive();
        assertThat(JpegTestSupport.decode(stream, info)).isEqualTo(samples);
    }

    @ParameterizedTest(name = "predictor {0}, {1} bits, {2} samples, restart every {3} rows")
    @CsvSource({"1,16,1,0", "2,12,1,0", "3,8,3,0", "4,16,1,4", "5,16,3,0", "6,16,1,0", "6,12,1,3", "7,16,1,0", "7,8,3,2"})
    void everyPredictorRoundTrips(int predictor, int bits, int spp, int restartRows) {
        FrameInfo info = info(21, 17, spp, bits);
        for (long seed = 1; seed <= 2; seed++) {
            byte[] samples = image(info, seed, seed == 1);
            byte[] stream = new JpegLosslessEncoder(restartRows, predictor, false).encode(samples, info);
            assertThat(JpegTestSupport.decode(stream, info)).isEqualTo(samples);
        }
    }

    /** Regression for malformed/JPEGLossless_1s_1f_i_16_16_bad.dcm: predictor 6 from a 16-bit-overflowing encoder. */
    @Test
    void predictor6WithSixteenBitOverflowNeedsTheWorkaroundDecoder() {
        FrameInfo info = new FrameInfo(32, 32, 1, 16, 16, true, 0, "MONOCHROME2");
        byte[] samples = new byte[32 * 32 * 2];
        for (int i = 0; i < 32 * 32; i++) {
            // a CT-like signed image with large jumps (air -2000 next to bone 3000), so that Ra - Rc overflows 16 bits
            int v = ((i / 32) + (i % 32)) % 3 == 0 ? -2000 : (i % 7) * 4000 - 12000;
            samples[2 * i] = (byte) v;
            samples[2 * i + 1] = (byte) (v >> 8);
        }
        byte[] broken = new JpegLosslessEncoder(0, 6, true).encode(samples, info);
        byte[] standard = new JpegLosslessEncoder(0, 6, false).encode(samples, info);
        assertThat(JpegTestSupport.decode(standard, info)).isEqualTo(samples);
        assertThat(JpegTestSupport.decode(broken, info)).isNotEqualTo(samples);
        byte[] repaired = new byte[samples.length];
        JpegDecoder.withPredictor6Overflow16().decode(broken, 0, broken.length, info, repaired, 0);
        assertThat(repaired).isEqualTo(samples);
        // streams with other predictors decode the same with either decoder
        for (int predictor : new int[] {1, 5, 7}) {
            byte[] other = new JpegLosslessEncoder(0, predictor, false).encode(samples, info);
            JpegDecoder.withPredictor6Overflow16().decode(other, 0, other.length, info, repaired, 0);
            assertThat(repaired).isEqualTo(samples);
        }
    }

    @Test
    void sixteenBitDifferenceOfHalfTheRangeUsesCategory16() {
        FrameInfo info = info(8, 9, 1, 16);
        byte[] b = new byte[(int) info.decodedFrameBytes()];
        for (int i = 0; i < b.length / 2; i++) {
            int v = (i % 2 == 0) ? 0 : 32768;
            b[2 * i] = (byte) v;
            b[2 * i + 1] = (byte) (v >> 8);
        }
        byte[] stream = new JpegLosslessEncoder().encode(b, info);
        int dht = JpegTestSupport.indexOfMarker(stream, 0xC4, 0);
        int count = 0;
        for (int i = 0; i < 16; i++) {
            count += stream[dht + 5 + i] & 0xFF;
        }
        boolean has16 = false;
        for (int i = 0; i < count; i++) {
            has16 |= stream[dht + 21 + i] == 16;
        }
        assertThat(has16).isTrue();
        assertThat(JpegTestSupport.decode(stream, info)).isEqualTo(b);
    }

    @Test
    void constantImageGivesATinyStream() {
        FrameInfo info = info(100, 100, 1, 12);
        byte[] b = new byte[(int) info.decodedFrameBytes()];
        byte[] stream = new JpegLosslessEncoder().encode(b, info);
        assertThat(stream.length).isLessThan(100 * 100 / 8 + 100);
        assertThat(JpegTestSupport.decode(stream, info)).isEqualTo(b);
    }

    @Test
    void valuesAreTakenModuloBitsStored() {
        FrameInfo info = new FrameInfo(2, 2, 1, 16, 12, true, 0, "MONOCHROME2");
        byte[] b = {(byte) 0xFF, (byte) 0xFF, 0x00, 0x08, 0x34, 0x12, 0x01, 0x00}; // -1, 2048, 0x1234, 1
        byte[] out = JpegTestSupport.decode(new JpegLosslessEncoder().encode(b, info), info);
        assertThat(out).containsExactly(0xFF, 0x0F, 0x00, 0x08, 0x34, 0x02, 0x01, 0x00);
    }

    @Test
    void optimalTableHasNoCodeLongerThan16Bits() {
        long[] freq = new long[17];
        long f = 1;
        for (int i = 0; i < 17; i++) {
            freq[i] = f;
            f = f * 2 + 1; // very skewed: unlimited Huffman would give 17+ bit codes
        }
        int[] bits = new int[17];
        int[] vals = JpegLosslessEncoder.optimalTable(freq, bits);
        int total = 0;
        long kraft = 0;
        for (int l = 1; l <= 16; l++) {
            total += bits[l];
            kraft += (long) bits[l] << (16 - l);
        }
        assertThat(total).isEqualTo(17).isEqualTo(vals.length);
        assertThat(kraft).isLessThan(1L << 16); // the all-ones code is never used
    }

    @Test
    void rejectsWhatItCannotEncode() {
        JpegLosslessEncoder enc = new JpegLosslessEncoder();
        assertThatThrownBy(() -> enc.encode(new byte[3], info(2, 2, 1, 8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes");
        assertThatThrownBy(() -> enc.encode(new byte[4], new FrameInfo(2, 2, 1, 1, 1, false, 0, "MONOCHROME2")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> enc.encode(new byte[64], new FrameInfo(2, 2, 1, 32, 20, false, 0, "MONOCHROME2")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> enc.encode(new byte[0], info(0, 2, 1, 8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> enc.encode(new byte[100], info(2, 2, 5, 8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
