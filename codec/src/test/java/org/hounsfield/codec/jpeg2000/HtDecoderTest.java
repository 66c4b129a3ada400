package org.hounsfield.codec.jpeg2000;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;

import org.hounsfield.codec.FrameDecoder;
import org.hounsfield.codec.FrameInfo;
import org.hounsfield.core.DicomCodecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * High-Throughput JPEG 2000 (Part 15) streams made with OpenJPH's ojph_compress and synthetic
 * streams with HT refinement passes (see README_HT.txt next to the resources): lossless streams
 * must decode to the source image, the others exactly as OpenJPEG 2.5 decodes them.
 */
class HtDecoderTest {
    private static final String[] STREAMS = {
        "ht_gray8_53.j2c",           // lossless 8-bit, 2 levels, 16x16 code-blocks
        "ht_gray12_cprl_tiles.j2c",  // lossless 12-bit, tiles, precincts, CPRL, 8x8 code-blocks
        "ht_rgb8_rct.j2c",           // lossless RGB with RCT
        "ht_gray12_97.j2c",          // irreversible 9/7 (expected: opj_decompress)
        "ht_refine.j2c",             // cleanup + SigProp + MagRef passes
        "ht_refine_causal.j2c",      // the same, vertically causal context
    };

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = HtDecoderTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

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
    void decodesEveryStreamExactly() throws IOException {
        Jpeg2000Decoder dec = new Jpeg2000Decoder();
        for (String s : STREAMS) {
            byte[] src = resource(s);
            Jpeg2000Image img = dec.decode(src, 0, src.length, 0);
            assertThat(planar(img)).as(s).isEqualTo(resource(base(s) + ".raw"));
        }
    }

    @Test
    void parallelDecodingGivesTheSameSamples() throws IOException {
        Jpeg2000Decoder dec = new Jpeg2000Decoder(ForkJoinPool.commonPool());
        for (String s : STREAMS) {
            byte[] src = resource(s);
            assertThat(planar(dec.decode(src, 0, src.length, 0))).as(s).isEqualTo(resource(base(s) + ".raw"));
        }
    }

    @Test
    void reducedResolution() throws IOException {
        byte[] src = resource("ht_gray12_97.j2c");
        Jpeg2000Image img = new Jpeg2000Decoder().decode(src, 0, src.length, 1);
        assertThat(img.width()).isEqualTo(20);
        assertThat(img.height()).isEqualTo(16);
        assertThat(planar(img)).isEqualTo(resource("ht_gray12_97.r1.raw"));
    }

    @Test
    void imageProperties() throws IOException {
        byte[] src = resource("ht_gray12_cprl_tiles.j2c");
        Jpeg2000Image img = new Jpeg2000Decoder().decode(src, 0, src.length, 0);
        assertThat(img.numComponents()).isEqualTo(1);
        assertThat(img.width()).isEqualTo(45);
        assertThat(img.height()).isEqualTo(33);
        assertThat(img.precision(0)).isEqualTo(12);
        assertThat(img.signed(0)).isFalse();
        assertThat(new Jpeg2000Decoder().decompositionLevels(src, 0, src.length)).isEqualTo(2);
    }

    @Test
    void providerServesTheThreeHtSyntaxes() throws IOException {
        Jpeg2000CodecProvider p = new Jpeg2000CodecProvider();
        assertThat(p.transferSyntaxUids()).contains("1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202",
                "1.2.840.10008.1.2.4.203", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91");
        byte[] src = resource("ht_rgb8_rct.j2c");
        byte[] planar = resource("ht_rgb8_rct.raw");
        FrameInfo info = new FrameInfo(20, 24, 3, 8, 8, false, 0, "RGB");
        int n = 20 * 24;
        for (String uid : new String[] {Jpeg2000CodecProvider.HTJ2K_LOSSLESS, Jpeg2000CodecProvider.HTJ2K_LOSSLESS_RPCL,
            Jpeg2000CodecProvider.HTJ2K}) {
            FrameDecoder d = p.decoder(uid);
            byte[] dst = new byte[(int) info.decodedFrameBytes() + 3];
            d.decode(src, 0, src.length, info, dst, 3);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(dst[3 + 3 * i + c]).as("%s sample %d/%d", uid, i, c).isEqualTo(planar[c * n + i]);
                }
            }
        }
    }

    @Test
    void frameDecoderTwelveBitsLittleEndian() throws IOException {
        byte[] src = resource("ht_gray12_cprl_tiles.j2c");
        FrameInfo info = new FrameInfo(33, 45, 1, 16, 12, false, 0, "MONOCHROME2");
        byte[] dst = new byte[(int) info.decodedFrameBytes()];
        new Jpeg2000Decoder().decode(src, 0, src.length, info, dst, 0);
        assertThat(dst).isEqualTo(resource("ht_gray12_cprl_tiles.raw"));
    }

    @Test
    void refinementPassesChangeTheResult() throws IOException {
        // the causal flag only matters for SigProp: decoding the causal stream as non-causal differs
        byte[] src = resource("ht_refine_causal.j2c").clone();
        int cod = indexOf(src, (byte) 0xFF, (byte) 0x52);
        assertThat(src[cod + 12]).isEqualTo((byte) 0x48);
        src[cod + 12] = 0x40;
        byte[] nonCausal = planar(new Jpeg2000Decoder().decode(src, 0, src.length, 0));
        assertThat(nonCausal).isNotEqualTo(resource("ht_refine_causal.raw"));
    }

    private static int indexOf(byte[] b, byte x, byte y) {
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == x && b[i + 1] == y) {
                return i;
            }
        }
        throw new AssertionError("marker not found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ht_gray8_53.j2c", "ht_gray12_cprl_tiles.j2c", "ht_rgb8_rct.j2c", "ht_gray12_97.j2c",
        "ht_refine.j2c"})
    void truncatedStreamsThrow(String name) throws IOException {
        byte[] src = resource(name);
        Jpeg2000Decoder dec = new Jpeg2000Decoder();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int len = 0; len < src.length - 2; len++) {
                final int l = len;
                assertThatThrownBy(() -> dec.decode(src, 0, l, 0)).as("%s cut at %d", name, len)
                        .isInstanceOf(DicomCodecException.class);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ht_gray8_53.j2c", "ht_gray12_cprl_tiles.j2c", "ht_rgb8_rct.j2c", "ht_gray12_97.j2c",
        "ht_refine.j2c", "ht_refine_causal.j2c"})
    void corruptedStreamsFailCleanly(String name) throws IOException {
        byte[] src = resource(name);
        Jpeg2000Decoder dec = new Jpeg2000Decoder();
        Random rnd = new Random(name.hashCode());
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int iter = 0; iter < 400; iter++) {
                byte[] bad = src.clone();
                int flips = 1 + rnd.nextInt(4);
                for (int k = 0; k < flips; k++) {
                    // mostly in the code-block data, where the HT decoder reads
                    int at = rnd.nextInt(4) == 0 ? rnd.nextInt(bad.length) : bad.length / 3 + rnd.nextInt(bad.length * 2 / 3);
                    bad[Math.min(bad.length - 1, at)] = (byte) rnd.nextInt(256);
                }
                try {
                    dec.decode(bad, 0, bad.length, 0);
                    outcomes[0]++;
                } catch (DicomCodecException expected) {
                    outcomes[1]++;
                }
            }
        });
        assertThat(outcomes[0] + outcomes[1]).isEqualTo(400);
    }

    @Test
    void invalidCleanupLengthIsReported() throws IOException {
        // the last tile of ht_refine.j2c has a cleanup pass only: the byte before EOC is the high
        // byte of Scup (length of MEL + VLC); 0xFF makes it larger than the segment
        byte[] src = resource("ht_refine.j2c").clone();
        assertThat(src[src.length - 2]).isEqualTo((byte) 0xFF);
        assertThat(src[src.length - 1]).isEqualTo((byte) 0xD9);
        src[src.length - 3] = (byte) 0xFF;
        assertThatThrownBy(() -> new Jpeg2000Decoder().decode(src, 0, src.length, 0))
                .isInstanceOf(DicomCodecException.class).hasMessageContaining("MEL/VLC length");
    }
}
