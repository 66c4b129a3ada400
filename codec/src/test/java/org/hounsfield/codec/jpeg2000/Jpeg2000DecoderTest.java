package org.hounsfield.codec.jpeg2000;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;

import org.hounsfield.codec.FrameDecoder;
import org.hounsfield.codec.FrameInfo;
import org.hounsfield.core.DicomCodecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decodes small streams made with OpenJPEG's opj_compress (see the README next to the resources)
 * and compares with opj_decompress's output, which equals the source image for lossless streams.
 */
class Jpeg2000DecoderTest {
    private static final String[] STREAMS = {
        "gray12u_53.j2k",              // -n 3
        "gray16s_53.j2k",              // signed 16-bit, -n 4
        "gray8u_97.j2k",               // -I -r 4 (9/7 lossy)
        "rgb8_rct.j2k",                // -mct 1
        "rgb8_ict.j2k",                // -mct 1 -I
        "tiles_prec_layers_rpcl.j2k",  // -t 16,16 -c [16,16],[8,8] -r 4,2,1 -p RPCL
        "styles_m63_sop_eph.j2k",      // -M 63 -SOP -EPH -r 3,1
        "bypass_termall.j2k",          // -M 5 (bypass + termination on each pass), 16-bit
        "poc_cprl.j2k",                // -POC T0=0,0,2,4,3,CPRL, 3 components
        "roi.j2k",                     // -ROI c=0,U=4
        "offsets.j2k",                 // -d 3,5 -t 16,8 -T 1,2 (image and tile offsets)
        "gray12u_jp2.jp2",             // JP2 file format wrapper
    };

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Jpeg2000DecoderTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** Planar little-endian samples, as opj_decompress writes .rawl files. */
    private static byte[] planar(Jpeg2000Image img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int c = 0; c < img.numComponents(); c++) {
            boolean wide = img.precision(c) > 8;
            for (int v : img.samples(c)) {
                out.write(v);
                if (wide) {
                    out.write(v >> 8);
                }
            }
        }
        return out.toByteArray();
    }

    private static String base(String name) {
        return name.substring(0, name.lastIndexOf('.'));
    }

    @Test
    void decodesEveryStreamLikeOpenJpeg() throws IOException {
        Jpeg2000Decoder dec = new Jpeg2000Decoder();
        for (String s : STREAMS) {
            byte[] src = resource(s);
            Jpeg2000Image img = dec.decode(src, 0, src.length, 0);
            assertThat(planar(img)).as(s).isEqualTo(resource(base(s) + ".opj.raw"));
        }
    }

    @Test
    void reducedResolution() throws IOException {
        Jpeg2000Decoder dec = new Jpeg2000Decoder();
        for (String s : new String[] {"gray16s_53.j2k", "tiles_prec_layers_rpcl.j2k"}) {
            byte[] src = resource(s);
            Jpeg2000Image img = dec.decode(src, 0, src.length, 1);
            assertThat(planar(img)).as(s).isEqualTo(resource(base(s) + ".r1.opj.raw"));
        }
        byte[] src = resource("gray16s_53.j2k");
        Jpeg2000Image img = dec.decode(src, 0, src.length, 1);
        assertThat(img.width()).isEqualTo(17);
        assertThat(img.height()).isEqualTo(11);
        assertThat(dec.decompositionLevels(src, 0, src.length)).isEqualTo(3);
        Jpeg2000Image lowest = dec.decode(src, 0, src.length, 3);
        assertThat(lowest.width()).isEqualTo(5);
        assertThat(lowest.height()).isEqualTo(3);
        assertThatThrownBy(() -> dec.decode(src, 0, src.length, 4)).isInstanceOf(DicomCodecException.class);
    }

    @Test
    void imageProperties() throws IOException {
        byte[] src = resource("gray16s_53.j2k");
        Jpeg2000Image img = new Jpeg2000Decoder().decode(src, 0, src.length, 0);
        assertThat(img.numComponents()).isEqualTo(1);
        assertThat(img.width()).isEqualTo(33);
        assertThat(img.height()).isEqualTo(21);
        assertThat(img.precision(0)).isEqualTo(16);
        assertThat(img.signed(0)).isTrue();
        assertThat(java.util.Arrays.stream(img.samples(0)).anyMatch(v -> v < 0)).isTrue();
    }

    @Test
    void frameDecoderInterleavesSamples() throws IOException {
        byte[] src = resource("rgb8_rct.j2k");
        byte[] planar = resource("rgb8_rct.opj.raw");
        FrameInfo info = new FrameInfo(13, 19, 3, 8, 8, false, 1, "YBR_RCT");
        byte[] dst = new byte[(int) info.decodedFrameBytes() + 5];
        new Jpeg2000CodecProvider().decoder(Jpeg2000CodecProvider.LOSSLESS).decode(src, 0, src.length, info, dst, 5);
        int n = 13 * 19;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                assertThat(dst[5 + 3 * i + c]).isEqualTo(planar[c * n + i]);
            }
        }
    }

    @Test
    void frameDecoderWritesTwosComplementForSignedData() throws IOException {
        byte[] src = resource("gray16s_53.j2k");
        // with a leading offset in the source array
        byte[] shifted = new byte[src.length + 7];
        System.arraycopy(src, 0, shifted, 7, src.length);
        FrameInfo info = new FrameInfo(21, 33, 1, 16, 16, true, 0, "MONOCHROME2");
        byte[] dst = new byte[(int) info.decodedFrameBytes()];
        new Jpeg2000Decoder().decode(shifted, 7, src.length, info, dst, 0);
        assertThat(dst).isEqualTo(resource("gray16s_53.opj.raw"));
        // Pixel Representation 0 with a signed codestream: same bit pattern
        FrameInfo unsigned = new FrameInfo(21, 33, 1, 16, 16, false, 0, "MONOCHROME2");
        byte[] dst2 = new byte[dst.length];
        new Jpeg2000Decoder().decode(src, 0, src.length, unsigned, dst2, 0);
        assertThat(dst2).isEqualTo(dst);
    }

    @Test
    void frameDecoderTwelveBitsInSixteen() throws IOException {
        byte[] src = resource("gray12u_jp2.jp2");
        FrameInfo info = new FrameInfo(17, 23, 1, 16, 12, false, 0, "MONOCHROME2");
        byte[] dst = new byte[(int) info.decodedFrameBytes()];
        new Jpeg2000Decoder().decode(src, 0, src.length, info, dst, 0);
        assertThat(dst).isEqualTo(resource("gray12u_jp2.opj.raw"));
    }

    @Test
    void parallelDecodingGivesTheSameResult() throws IOException {
        ForkJoinPool pool = new ForkJoinPool(4);
        try {
            Jpeg2000Decoder par = new Jpeg2000Decoder(pool);
            Jpeg2000Decoder seq = new Jpeg2000Decoder();
            for (String s : STREAMS) {
                byte[] src = resource(s);
                assertThat(planar(par.decode(src, 0, src.length, 0))).as(s)
                        .isEqualTo(planar(seq.decode(src, 0, src.length, 0)));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void rejectsFrameOfOtherSize() throws IOException {
        byte[] src = resource("gray12u_53.j2k");
        FrameInfo info = new FrameInfo(18, 23, 1, 16, 12, false, 0, "MONOCHROME2");
        byte[] dst = new byte[(int) info.decodedFrameBytes()];
        assertThatThrownBy(() -> new Jpeg2000Decoder().decode(src, 0, src.length, info, dst, 0))
                .isInstanceOf(DicomCodecException.class).hasMessageContaining("23x17");
        FrameInfo rgb = new FrameInfo(17, 23, 3, 8, 8, false, 0, "RGB");
        assertThatThrownBy(() -> new Jpeg2000Decoder().decode(src, 0, src.length, rgb, new byte[2000], 0))
                .isInstanceOf(DicomCodecException.class).hasMessageContaining("components");
    }

    @Test
    void rejectsNonJpeg2000Input() {
        byte[] junk = "this is not a JPEG 2000 codestream".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new Jpeg2000Decoder().decode(junk, 0, junk.length, 0))
                .isInstanceOf(DicomCodecException.class);
        assertThatThrownBy(() -> new Jpeg2000Decoder().decode(new byte[0], 0, 0, 0))
                .isInstanceOf(DicomCodecException.class);
        byte[] socOnly = {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51};
        assertThatThrownBy(() -> new Jpeg2000Decoder().decode(socOnly, 0, socOnly.length, 0))
                .isInstanceOf(DicomCodecException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gray12u_53.j2k", "rgb8_ict.j2k", "styles_m63_sop_eph.j2k", "bypass_termall.j2k",
        "poc_cprl.j2k", "gray12u_jp2.jp2", "tiles_prec_layers_rpcl.j2k"})
    void truncatedStreamsThrow(String name) throws IOException {
        byte[] src = resource(name);
        Jpeg2000Decoder dec = new Jpeg2000Decoder();
        // everything shorter than "all but the EOC marker" is missing data
        for (int len = 0; len < src.length - 2; len++) {
            final int l = len;
            assertThatThrownBy(() -> dec.decode(src, 0, l, 0)).as("%s cut at %d", name, len)
                    .isInstanceOf(DicomCodecException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gray12u_53.j2k", "gray16s_53.j2k", "rgb8_ict.j2k", "styles_m63_sop_eph.j2k",
        "bypass_termall.j2k", "poc_cprl.j2k", "roi.j2k", "offsets.j2k", "tiles_prec_layers_rpcl.j2k"})
    void corruptedStreamsFailCleanly(String name) throws IOException {
        byte[] src = resource(name);
        Jpeg2000Decoder dec = new Jpeg2000Decoder();
        Random rnd = new Random(name.hashCode());
        for (int iter = 0; iter < 300; iter++) {
            byte[] bad = src.clone();
            int flips = 1 + rnd.nextInt(4);
            for (int k = 0; k < flips; k++) {
                bad[rnd.nextInt(bad.length)] = (byte) rnd.nextInt(256);
            }
            try {
                dec.decode(bad, 0, bad.length, 0);
            } catch (DicomCodecException expected) {
                // fine: reported as a codec error
            }
        }
    }

    @Test
    void providerIsRegistered() throws IOException {
        Jpeg2000CodecProvider p = new Jpeg2000CodecProvider();
        assertThat(p.transferSyntaxUids()).containsExactlyInAnyOrder("1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91",
                "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203");
        FrameDecoder d = p.decoder("1.2.840.10008.1.2.4.91");
        assertThat(d).isInstanceOf(Jpeg2000Decoder.class);
        assertThat(p.name()).contains("JPEG 2000");
        assertThatThrownBy(() -> p.decoder("1.2.840.10008.1.2.4.50")).isInstanceOf(IllegalArgumentException.class);
        try (InputStream in = Jpeg2000DecoderTest.class.getResourceAsStream(
                "/META-INF/services/org.hounsfield.codec.CodecProvider")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contains(Jpeg2000CodecProvider.class.getName());
        }
    }
}
