package org.hounsfield.codec.jpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.hounsfield.codec.FrameInfo;
import org.hounsfield.core.DicomCodecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Corrupt, truncated and inconsistent streams must give DicomCodecException, nothing else. */
class JpegDecoderErrorTest {

    private static void decode(byte[] s, FrameInfo info) {
        JpegTestSupport.decode(s, info);
    }

    @ParameterizedTest
    @ValueSource(strings = {"m8_eb", "c8_eb_n1", "m12_ee", "m16_el_sv_4", "c8_el_sv_7", "c8_restart_1_sample_2x2_1x1_1x1"})
    void everyTruncationBeforeTheEndOfTheScanIsReported(String name) {
        JpegTestSupport.Case c = JpegTestSupport.find(name);
        byte[] s = c.stream();
        int eoi = s.length - 2;
        assertThat(s[eoi + 1]).isEqualTo((byte) 0xD9);
        while (s[eoi - 1] == (byte) 0xFF) {
            eoi--; // fill bytes before EOI are not data
        }
        for (int cut = 0; cut < eoi; cut++) {
            byte[] t = Arrays.copyOf(s, cut);
            long len = cut;
            assertThatThrownBy(() -> decode(t, c.info()))
                    .as("cut at %d", cut)
                    .isInstanceOf(DicomCodecException.class)
                    .satisfies(e -> assertThat(((DicomCodecException) e).offset()).isBetween(0L, len));
        }
        // only the EOI missing: the image is complete
        assertThat(JpegTestSupport.decode(Arrays.copyOf(s, s.length - 2), c.info())).isEqualTo(c.expected());
    }

    @Test
    void missingSoi() {
        byte[] s = JpegTestSupport.find("m8_eb").stream();
        byte[] t = Arrays.copyOfRange(s, 2, s.length);
        assertThatThrownBy(() -> decode(t, JpegTestSupport.find("m8_eb").info()))
                .isInstanceOf(DicomCodecException.class).hasMessageContaining("SOI");
    }

    @Test
    void geometryMustMatchTheDataset() {
        JpegTestSupport.Case c = JpegTestSupport.find("c8_eb_s2");
        FrameInfo i = c.info();
        assertThatThrownBy(() -> decode(c.stream(), new FrameInfo(i.rows() + 1, i.columns(), 3, 8, 8, false, 0, "RGB")))
                .isInstanceOf(DicomCodecException.class).hasMessageContaining("Rows");
        assertThatThrownBy(() -> decode(c.stream(), new FrameInfo(i.rows(), i.columns() - 1, 3, 8, 8, false, 0, "RGB")))
                .isInstanceOf(DicomCodecException.class).hasMessageContaining("Columns");
        assertThatThrownBy(() -> decode(c.stream(), new FrameInfo(i.rows(), i.columns(), 1, 8, 8, false, 0, "MONOCHROME2")))
                .isInstanceOf(DicomCodecException.class).hasMessageContaining("Samples per Pixel");
        JpegTestSupport.Case t = JpegTestSupport.find("m12_ee");
        FrameInfo ti = t.info();
        assertThatThrownBy(() -> decode(t.stream(), new FrameInfo(ti.rows(), ti.columns(), 1, 8, 8, false, 0, "MONOCHROME2")))
                .isInstanceOf(DicomCodecException.class).hasMessageContaining("Bits Allocated");
    }

    @Test
    void arithmeticCodingIsRejected() {
        JpegTestSupport.Case c = JpegTestSupport.find("m8_eb");
        byte[] s = c.stream().clone();
        int sof = JpegTestSupport.indexOfMarker(s, 0xC0, 2);
        s[sof + 1] = (byte) 0xC9;
        assertThatThrownBy(() -> decode(s, c.info()))
                .isInstanceOf(DicomCodecException.class).hasMessageContaining("arithmetic");
    }

    @Test
    void invalidHuffmanTableIsRejected() {
        JpegTestSupport.Case c = JpegTestSupport.find("m8_eb");
        byte[] s = c.stream().clone();
        int dht = JpegTestSupport.indexOfMarker(s, 0xC4, 2);
        s[dht + 5] = 3; // three codes of length 1
        assertThatThrownBy(() -> decode(s, c.info()))
                .isInstanceOf(DicomCodecException.class).hasMessageContaining("Huffman");
    }

    @Test
    void invalidLosslessPredictorIsRejected() {
        JpegTestSupport.Case c = JpegTestSupport.find("m16_el_sv_1");
        byte[] s = c.stream().clone();
        int sos = JpegTestSupport.indexOfMarker(s, 0xDA, 2);
        s[sos + 7] = 8; // Ss after one component
        assertThatThrownBy(() -> decode(s, c.info()))
                .isInstanceOf(DicomCodecException.class).hasMessageContaining("predictor");
    }

    @Test
    void randomDamageNeverEscapesAsAnotherException() {
        List<JpegTestSupport.Case> cases = JpegTestSupport.cases();
        Random rnd = new Random(2024);
        for (int it = 0; it < 3000; it++) {
            JpegTestSupport.Case c = cases.get(rnd.nextInt(cases.size()));
            byte[] s = c.stream().clone();
            switch (rnd.nextInt(3)) {
                case 0 -> s = Arrays.copyOf(s, rnd.nextInt(s.length));
                case 1 -> {
                    for (int k = 1 + rnd.nextInt(8); k > 0; k--) {
                        s[rnd.nextInt(s.length)] = (byte) rnd.nextInt(256);
                    }
                }
                default -> {
                    int p = rnd.nextInt(s.length - 1);
                    s[p] = (byte) 0xFF;
                    s[p + 1] = (byte) (0xC0 + rnd.nextInt(64));
                }
            }
            try {
                decode(s, c.info());
            } catch (DicomCodecException expected) {
                assertThat(expected.offset()).isGreaterThanOrEqualTo(0);
            } catch (RuntimeException | Error e) {
                fail("iteration " + it + " on " + c.name() + ": " + e, e);
            }
        }
    }

    @Test
    void badArgumentsAreReported() {
        JpegTestSupport.Case c = JpegTestSupport.find("m8_eb");
        byte[] s = c.stream();
        assertThatThrownBy(() -> new JpegDecoder().decode(s, 0, s.length, c.info(), new byte[10], 0))
                .isInstanceOf(DicomCodecException.class);
        assertThatThrownBy(() -> new JpegDecoder().decode(s, 5, s.length, c.info(), new byte[10000], 0))
                .isInstanceOf(DicomCodecException.class);
    }
}
