package org.hounsfield.codec.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hounsfield.codec.Codecs;
import org.hounsfield.codec.FrameInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Decodes streams written by DCMTK and libjpeg-turbo and compares with DCMTK's output, sample for sample. */
class JpegDecoderReferenceTest {

    static List<JpegTestSupport.Case> cases() {
        return JpegTestSupport.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesLibjpegExactly(JpegTestSupport.Case c) {
        byte[] out = JpegTestSupport.decode(c.stream(), c.info());
        assertThat(out).isEqualTo(c.expected());
    }

    @Test
    void coversTheProcessesAndLayouts() {
        assertThat(cases()).extracting(JpegTestSupport.Case::name)
                .contains("c8_ep", "m12_ee", "m12_ep", "m16_el_sv_7", "m12_el_sv_6_pt_2",
                        "c8_sample_3x1_1x1_1x1", "c8_restart_wrong_rst");
    }

    @Test
    void decodesIntoAnOffsetOfTheDestinationAndFromAnOffsetOfTheSource() {
        JpegTestSupport.Case c = JpegTestSupport.find("c8_eb_n1");
        byte[] s = c.stream();
        byte[] src = new byte[s.length + 13];
        System.arraycopy(s, 0, src, 5, s.length);
        byte[] dst = new byte[(int) c.info().decodedFrameBytes() + 7];
        new JpegDecoder().decode(src, 5, s.length, c.info(), dst, 7);
        byte[] expected = c.expected();
        for (int i = 0; i < expected.length; i++) {
            assertThat(dst[7 + i]).isEqualTo(expected[i]);
        }
    }

    @Test
    void toleratesTrailingGarbageAndFillBytes() {
        JpegTestSupport.Case c = JpegTestSupport.find("m8_eb");
        byte[] s = c.stream();
        byte[] t = new byte[s.length + 10];
        System.arraycopy(s, 0, t, 0, s.length);
        t[s.length] = 0x00;
        t[s.length + 1] = 0x12;
        t[s.length + 2] = (byte) 0xFF;
        t[s.length + 3] = (byte) 0xD8;
        assertThat(JpegTestSupport.decode(t, c.info())).isEqualTo(c.expected());

        int sos = JpegTestSupport.indexOfMarker(s, 0xDA, 2);
        byte[] f = new byte[s.length + 3];
        System.arraycopy(s, 0, f, 0, sos);
        f[sos] = (byte) 0xFF;
        f[sos + 1] = (byte) 0xFF;
        f[sos + 2] = (byte) 0xFF;
        System.arraycopy(s, sos, f, sos + 3, s.length - sos);
        assertThat(JpegTestSupport.decode(f, c.info())).isEqualTo(c.expected());
    }

    @Test
    void heightZeroInTheFrameHeaderMeansHeightFromTheDataset() {
        JpegTestSupport.Case c = JpegTestSupport.find("m16_el_sv_1");
        byte[] s = c.stream().clone();
        int sof = JpegTestSupport.indexOfMarker(s, 0xC3, 2);
        s[sof + 5] = 0;
        s[sof + 6] = 0;
        assertThat(JpegTestSupport.decode(s, c.info())).isEqualTo(c.expected());
    }

    @Test
    void sixteenBitOutputIsLittleEndianWithinBitsStored() {
        JpegTestSupport.Case c = JpegTestSupport.find("m12_ee");
        byte[] out = JpegTestSupport.decode(c.stream(), c.info());
        for (int i = 0; i < out.length; i += 2) {
            int v = (out[i] & 0xFF) | ((out[i + 1] & 0xFF) << 8);
            assertThat(v).isLessThan(4096);
        }
    }

    @Test
    void providerIsRegisteredForTheFourTransferSyntaxes() {
        for (String uid : new String[] {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51",
                "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70"}) {
            assertThat(Codecs.decoder(uid)).isPresent();
            assertThat(new JpegCodecProvider().decoder(uid)).isInstanceOf(JpegDecoder.class);
        }
        assertThat(new JpegCodecProvider().transferSyntaxUids()).hasSize(4);
    }

    @Test
    void lossySyntaxCanCarryALosslessStreamAndViceVersa() {
        // the decoder follows the SOF marker, not the transfer syntax
        JpegTestSupport.Case c = JpegTestSupport.find("m8_eb");
        FrameInfo info = c.info();
        byte[] viaLossless = new byte[(int) info.decodedFrameBytes()];
        Codecs.decoder("1.2.840.10008.1.2.4.70").orElseThrow()
                .decode(c.stream(), 0, c.stream().length, info, viaLossless, 0);
        assertThat(viaLossless).isEqualTo(c.expected());
    }
}
