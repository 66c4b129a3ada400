package org.hounsfield.codec.jpegls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.hounsfield.codec.Codecs;
import org.hounsfield.codec.FrameInfo;
import org.hounsfield.core.DicomCodecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JpegLsDecoderTest {

    static FrameInfo info(int rows, int cols, int spp, int bits) {
        return new FrameInfo(rows, cols, spp, bits > 8 ? 16 : 8, bits, false, 0, spp == 1 ? "MONOCHROME2" : "RGB");
    }

    /** Seeded test image: random noise or a smooth gradient with flat areas (run mode). */
    static byte[] image(long seed, FrameInfo fi, boolean smooth) {
        Random r = new Random(seed);
        int bps = fi.bytesPerSample();
        int w = fi.columns();
        int h = fi.rows();
        int spp = fi.samplesPerPixel();
        int max = (1 << fi.bitsStored()) - 1;
        byte[] b = new byte[(int) fi.decodedFrameBytes()];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < spp; c++) {
                    int v;
                    if (smooth) {
                        double t = (Math.sin(x * 0.05 + c) + Math.cos(y * 0.07)) * 0.25 + 0.5;
                        v = (int) (t * max) + r.nextInt(5) - 2;
                        if (x > w / 2 && y < h / 3) {
                            v = max / 3;
                        }
                        v = Math.max(0, Math.min(max, v));
                    } else {
                        v = r.nextInt(max + 1);
                    }
                    int o = ((y * w + x) * spp + c) * bps;
                    b[o] = (byte) v;
                    if (bps == 2) {
                        b[o + 1] = (byte) (v >>> 8);
                    }
                }
            }
        }
        return b;
    }

    static byte[] decode(byte[] jls, FrameInfo fi) {
        byte[] out = new byte[(int) fi.decodedFrameBytes()];
        new JpegLsDecoder().decode(jls, 0, jls.length, fi, out, 0);
        return out;
    }

    static int maxAbsDiff(byte[] a, byte[] b, int bps) {
        int m = 0;
        for (int i = 0; i < a.length; i += bps) {
            int va = bps == 1 ? a[i] & 0xFF : (a[i] & 0xFF) | (a[i + 1] & 0xFF) << 8;
            int vb = bps == 1 ? b[i] & 0xFF : (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
            m = Math.max(m, Math.abs(va - vb));
        }
        return m;
    }

    static Stream<Arguments> losslessCases() {
        Stream.Builder<Arguments> s = Stream.builder();
        for (int bits = 2; bits <= 16; bits++) {
            for (int spp : new int[] {1, 3}) {
                for (boolean smooth : new boolean[] {false, true}) {
                    s.add(Arguments.of(bits, spp, smooth));
                }
            }
        }
        return s.build();
    }

    @ParameterizedTest(name = "{0} bits, {1} samples, smooth={2}")
    @MethodSource("losslessCases")
    void losslessRoundTripIsExact(int bits, int spp, boolean smooth) {
        FrameInfo fi = info(37, 53, spp, bits);
        byte[] img = image(bits * 31L + spp + (smooth ? 7 : 0), fi, smooth);
        for (int ilv = 0; ilv <= (spp == 1 ? 0 : 2); ilv++) {
            byte[] jls = new JpegLsEncoder(new JpegLsEncoder.Options(0, ilv, 0, 0, 0, 0, 0, 0)).encode(img, fi);
            assertThat(decode(jls, fi)).as("ilv %d", ilv).isEqualTo(img);
        }
        byte[] jls = new JpegLsEncoder().encode(img, fi);
        assertThat(decode(jls, fi)).isEqualTo(img);
    }

    @ParameterizedTest(name = "NEAR {0}, ilv {1}")
    @MethodSource("nearCases")
    void nearLosslessRoundTripStaysWithinNear(int near, int ilv, int bits) {
        FrameInfo fi = info(41, 29, ilv == 0 ? 1 : 3, bits);
        byte[] img = image(near * 100L + ilv, fi, near % 2 == 0);
        byte[] jls = new JpegLsEncoder(JpegLsEncoder.Options.nearLossless(near, ilv)).encode(img, fi);
        byte[] out = decode(jls, fi);
        assertThat(maxAbsDiff(img, out, fi.bytesPerSample())).isLessThanOrEqualTo(near);
    }

    static Stream<Arguments> nearCases() {
        return Stream.of(Arguments.of(1, 0, 8), Arguments.of(2, 1, 8), Arguments.of(3, 2, 8),
                Arguments.of(5, 0, 12), Arguments.of(4, 1, 16), Arguments.of(7, 2, 16), Arguments.of(1, 0, 4));
    }

    @Test
    void restartIntervalsAreHonoured() {
        for (int ilv = 0; ilv <= 2; ilv++) {
            FrameInfo fi = info(50, 31, 3, 12);
            byte[] img = image(99 + ilv, fi, true);
            byte[] jls = new JpegLsEncoder(new JpegLsEncoder.Options(0, ilv, 0, 0, 0, 0, 0, 0).withRestart(7))
                    .encode(img, fi);
            assertThat(countRst(jls)).isGreaterThan(0);
            assertThat(decode(jls, fi)).isEqualTo(img);
        }
    }

    private static int countRst(byte[] b) {
        int n = 0;
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == (byte) 0xFF && (b[i + 1] & 0xF8) == 0xD0) {
                n++;
            }
        }
        return n;
    }

    @Test
    void presetParametersWithCustomMaxValAndThresholds() {
        FrameInfo fi = info(33, 45, 1, 12);
        byte[] img = image(5, fi, true);
        for (int i = 0; i < img.length; i += 2) {
            int v = ((img[i] & 0xFF) | (img[i + 1] & 0xFF) << 8) % 1001;
            img[i] = (byte) v;
            img[i + 1] = (byte) (v >>> 8);
        }
        JpegLsEncoder.Options o = new JpegLsEncoder.Options(0, 0, 0, 1000, 5, 20, 70, 32);
        byte[] jls = new JpegLsEncoder(o).encode(img, fi);
        assertThat(jls[15] & 0xFF).isEqualTo(0xFF); // LSE right after SOI (2 bytes) and SOF55 (13 bytes)
        assertThat(jls[16] & 0xFF).isEqualTo(0xF8);
        assertThat(decode(jls, fi)).isEqualTo(img);
        JpegLsEncoder.Options near = new JpegLsEncoder.Options(3, 0, 0, 1000, 0, 0, 0, 100);
        assertThat(maxAbsDiff(img, decode(new JpegLsEncoder(near).encode(img, fi), fi), 2)).isLessThanOrEqualTo(3);
    }

    @Test
    void fourComponentsSampleAndLineInterleaved() {
        FrameInfo fi = info(19, 23, 4, 8);
        byte[] img = image(4, fi, true);
        for (int ilv = 0; ilv <= 2; ilv++) {
            byte[] jls = new JpegLsEncoder(new JpegLsEncoder.Options(0, ilv, 0, 0, 0, 0, 0, 0)).encode(img, fi);
            assertThat(decode(jls, fi)).isEqualTo(img);
        }
    }

    @Test
    void signedInputCodesStoredBitsOnly() {
        FrameInfo fi = new FrameInfo(8, 8, 1, 16, 12, true, 0, "MONOCHROME2");
        byte[] img = new byte[128];
        for (int i = 0; i < 64; i++) {
            int v = (i * 37 % 200) - 100; // sign-extended 16-bit input
            img[2 * i] = (byte) v;
            img[2 * i + 1] = (byte) (v >>> 8);
        }
        byte[] out = decode(new JpegLsEncoder().encode(img, fi), fi);
        for (int i = 0; i < 64; i++) {
            int expected = ((img[2 * i] & 0xFF) | (img[2 * i + 1] & 0xFF) << 8) & 0xFFF;
            assertThat((out[2 * i] & 0xFF) | (out[2 * i + 1] & 0xFF) << 8).isEqualTo(expected);
        }
    }

    @Test
    void decodesRealNearLosslessStream() throws Exception {
        byte[] jls = resource("near_lossless_8bit_45x10.jls");
        FrameInfo fi = info(45, 10, 1, 8);
        assertThat(sha256(decode(jls, fi)))
                .isEqualTo("9eb46aa86c342094f826affc35703f71b425ba4ef229fe1711adcf1bb3ca458f");
    }

    @Test
    void decodesRealSpiffSampleInterleavedRgbStream() throws Exception {
        byte[] jls = resource("rgb_spiff_sample_interleaved_near2_100x100.jls");
        FrameInfo fi = info(100, 100, 3, 8);
        assertThat(sha256(decode(jls, fi)))
                .isEqualTo("bd5344c0a46bc6c0869921680aa72c1ee344be34079d9b9c5b421336f24d798f");
    }

    @Test
    void acceptsPaddingAfterEoiAndMissingEoi() {
        FrameInfo fi = info(20, 20, 1, 10);
        byte[] img = image(1, fi, true);
        byte[] jls = new JpegLsEncoder().encode(img, fi);
        byte[] padded = Arrays.copyOf(jls, jls.length + 3);
        assertThat(decode(padded, fi)).isEqualTo(img);
        byte[] noEoi = Arrays.copyOf(jls, jls.length - 2);
        assertThat(decode(noEoi, fi)).isEqualTo(img);
        // decoding from an offset inside a larger buffer
        byte[] big = new byte[jls.length + 10];
        System.arraycopy(jls, 0, big, 7, jls.length);
        byte[] out = new byte[(int) fi.decodedFrameBytes() + 5];
        new JpegLsDecoder().decode(big, 7, jls.length, fi, out, 5);
        assertThat(Arrays.copyOfRange(out, 5, out.length)).isEqualTo(img);
    }

    @Test
    void hpColourTransformIsInvertedOnlyWhenSignalled() {
        FrameInfo fi = info(16, 16, 3, 8);
        byte[] rgb = image(3, fi, true);
        for (int t = 1; t <= 3; t++) {
            byte[] coded = rgb.clone();
            for (int i = 0; i < coded.length; i += 3) {
                int r = rgb[i] & 0xFF;
                int g = rgb[i + 1] & 0xFF;
                int b = rgb[i + 2] & 0xFF;
                int[] v = switch (t) {
                    case 1 -> new int[] {r - g + 128, g, b - g + 128};
                    case 2 -> new int[] {r - g + 128, g, b - ((r + g) >> 1) + 128};
                    default -> {
                        int v2 = (b - g + 128) & 0xFF;
                        int v3 = (r - g + 128) & 0xFF;
                        yield new int[] {g + ((v2 + v3) >> 2) - 64, v2, v3};
                    }
                };
                coded[i] = (byte) v[0];
                coded[i + 1] = (byte) v[1];
                coded[i + 2] = (byte) v[2];
            }
            byte[] jls = new JpegLsEncoder().encode(coded, fi);
            assertThat(decode(jls, fi)).as("no mrfx: values as coded").isEqualTo(coded);
            byte[] app8 = {(byte) 0xFF, (byte) 0xE8, 0, 7, 'm', 'r', 'f', 'x', (byte) t};
            byte[] withApp8 = new byte[jls.length + app8.length];
            System.arraycopy(jls, 0, withApp8, 0, 2);
            System.arraycopy(app8, 0, withApp8, 2, app8.length);
            System.arraycopy(jls, 2, withApp8, 2 + app8.length, jls.length - 2);
            assertThat(decode(withApp8, fi)).as("HP%d", t).isEqualTo(rgb);
        }
    }

    @Test
    void everyTruncationThrowsDicomCodecException() {
        FrameInfo fi = info(24, 24, 3, 8);
        byte[] jls = new JpegLsEncoder(new JpegLsEncoder.Options(0, 2, 0, 0, 0, 0, 0, 0))
                .encode(image(8, fi, false), fi);
        for (int len = 0; len < jls.length - 2; len++) {
            byte[] cut = Arrays.copyOf(jls, len);
            assertThatThrownBy(() -> decode(cut, fi)).as("length %d", len)
                    .isInstanceOf(DicomCodecException.class);
        }
    }

    @Test
    void corruptedStreamsNeverFailWithAnythingButDicomCodecException() {
        FrameInfo fi = info(32, 32, 1, 16);
        byte[] jls = new JpegLsEncoder().encode(image(11, fi, true), fi);
        Random r = new Random(1);
        for (int i = 0; i < 2000; i++) {
            byte[] bad = jls.clone();
            int n = 1 + r.nextInt(4);
            for (int k = 0; k < n; k++) {
                bad[r.nextInt(bad.length)] = (byte) r.nextInt(256);
            }
            try {
                decode(bad, fi);
            } catch (DicomCodecException expected) {
                // fine
            }
        }
    }

    @Test
    void rejectsInconsistentOrUnsupportedStreams() {
        FrameInfo fi = info(10, 12, 1, 8);
        byte[] jls = new JpegLsEncoder().encode(image(2, fi, true), fi);
        assertThatThrownBy(() -> decode(jls, info(12, 10, 1, 8))).isInstanceOf(DicomCodecException.class)
                .hasMessageContaining("12x10");
        assertThatThrownBy(() -> decode(jls, info(10, 12, 3, 8))).isInstanceOf(DicomCodecException.class);
        FrameInfo eightBitsOfSixteen = info(10, 12, 1, 16);
        byte[] jls16 = new JpegLsEncoder().encode(image(2, eightBitsOfSixteen, true), eightBitsOfSixteen);
        assertThatThrownBy(() -> decode(jls16, fi)).isInstanceOf(DicomCodecException.class)
                .hasMessageContaining("precision");
        byte[] notJpeg = {1, 2, 3, 4};
        assertThatThrownBy(() -> decode(notJpeg, fi)).isInstanceOf(DicomCodecException.class)
                .hasMessageContaining("SOI");
        byte[] baseline = jls.clone();
        baseline[3] = (byte) 0xC0; // SOF0 instead of SOF55
        assertThatThrownBy(() -> decode(baseline, fi)).isInstanceOf(DicomCodecException.class)
                .hasMessageContaining("not JPEG-LS");
        byte[] mapping = jls.clone();
        int sos = indexOf(mapping, (byte) 0xDA);
        mapping[sos + 5] = 1; // Tm of the first scan component
        assertThatThrownBy(() -> decode(mapping, fi)).isInstanceOf(DicomCodecException.class)
                .hasMessageContaining("mapping table");
    }

    private static int indexOf(byte[] b, byte marker) {
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == (byte) 0xFF && b[i + 1] == marker) {
                return i + 1;
            }
        }
        throw new AssertionError("marker not found");
    }

    @Test
    void providerIsRegistered() {
        assertThat(Codecs.decoder(JpegLsCodecProvider.JPEG_LS_LOSSLESS)).isPresent();
        assertThat(Codecs.decoder(JpegLsCodecProvider.JPEG_LS_NEAR_LOSSLESS)).isPresent();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = JpegLsDecoderTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
