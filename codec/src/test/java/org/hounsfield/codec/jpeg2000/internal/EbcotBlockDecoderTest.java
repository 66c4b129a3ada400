package org.hounsfield.codec.jpeg2000.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Tier-1 decoding of seeded random code-blocks (MQ decoding of random bytes gives dense and
 * sparse bit-planes, run-length contexts whose MPS turns to 1, partial stripes): one decoder
 * reused across blocks of changing geometry must give what a fresh decoder gives, the
 * buffer-writing forms must agree with {@link EbcotBlockDecoder#decode}, and the coefficients must
 * stay those of the decoder before per-stripe column ranges and bulk run-length decoding.
 */
class EbcotBlockDecoderTest {
    private static final int[][] SIZES = {
        {64, 64}, {32, 32}, {64, 61}, {7, 13}, {1, 1}, {4, 4}, {16, 64}, {64, 2}, {33, 17}, {64, 8}, {3, 64},
    };
    private static final int[] STYLES = {
        0, 0, 0, CodingStyle.CB_CAUSAL, CodingStyle.CB_RESET, CodingStyle.CB_SEGSYM,
        CodingStyle.CB_BYPASS, CodingStyle.CB_BYPASS | CodingStyle.CB_CAUSAL | CodingStyle.CB_RESET,
    };
    /** SHA-256 of all blocks' coefficients, computed with the decoder before this optimisation. */
    private static final String EXPECTED = "52181024628df1b92372517fade698de76dfdcba1b6e82ea97abd8ef0b362cf8";

    /** One random block: returns numBitPlanes, orient, style in p. */
    static CodeBlock block(Random rnd, int n, int[] p) {
        int[] sz = SIZES[n % SIZES.length];
        CodeBlock cb = new CodeBlock(0, 0, sz[0], sz[1]);
        int nbp = 1 + rnd.nextInt(14);
        int len = rnd.nextInt(4) == 0 ? rnd.nextInt(16) : rnd.nextInt(sz[0] * sz[1] / 2 + 40);
        byte[] d = new byte[len];
        rnd.nextBytes(d);
        if (rnd.nextBoolean()) {
            // sparse data: mostly zero bytes decode to long runs of zero decisions
            for (int i = 0; i < len; i++) {
                if (rnd.nextInt(8) != 0) {
                    d[i] = 0;
                }
            }
        }
        cb.appendData(d, 0, len);
        int passes = 3 * nbp - 2;
        int off = 0;
        int done = 0;
        while (done < passes) {
            cb.addSegment();
            int np = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(passes - done) : passes - done;
            int l = off == len ? 0 : rnd.nextInt(len - off + 1);
            if (done + np == passes) {
                l = len - off;
            }
            cb.segPasses[cb.numSegments - 1] = np;
            cb.segLengths[cb.numSegments - 1] = l;
            done += np;
            off += l;
        }
        cb.passes = passes;
        p[0] = nbp;
        p[1] = rnd.nextInt(4);
        p[2] = STYLES[rnd.nextInt(STYLES.length)];
        return cb;
    }

    static String digest(int blocks) throws Exception {
        Random rnd = new Random(20261125L);
        EbcotBlockDecoder dec = new EbcotBlockDecoder();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        int[] p = new int[3];
        for (int n = 0; n < blocks; n++) {
            CodeBlock cb = block(rnd, n, p);
            int[] out = new int[cb.width() * cb.height()];
            dec.decode(cb, p[0], p[1], p[2], out);
            ByteBuffer bb = ByteBuffer.allocate(out.length * 4);
            bb.asIntBuffer().put(out);
            md.update(bb.array());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void coefficientsUnchanged() throws Exception {
        assertThat(digest(600)).isEqualTo(EXPECTED);
    }

    @Test
    void reusedDecoderMatchesFreshOneAndBufferForms() {
        Random rnd = new Random(7);
        EbcotBlockDecoder reused = new EbcotBlockDecoder();
        int[] p = new int[3];
        int nonZero = 0;
        for (int n = 0; n < 400; n++) {
            CodeBlock cb = block(rnd, n * 7 + rnd.nextInt(7), p);
            int w = cb.width();
            int h = cb.height();
            int[] fresh = new int[w * h];
            new EbcotBlockDecoder().decode(cb, p[0], p[1], p[2], fresh);
            int[] got = new int[w * h];
            reused.decode(cb, p[0], p[1], p[2], got);
            assertThat(got).as("block %d", n).isEqualTo(fresh);

            // into a larger buffer at an offset, as the tile decoder does
            int stride = w + 5;
            int[] idst = new int[stride * (h + 3)];
            reused.decodeInto(cb, p[0], p[1], p[2], idst, 2 * stride + 3, stride);
            float[] fdst = new float[stride * (h + 3)];
            reused.decodeInto(cb, p[0], p[1], p[2], fdst, 2 * stride + 3, stride, 0.5f);
            for (int y = 0; y < h + 3; y++) {
                for (int x = 0; x < stride; x++) {
                    boolean inside = y >= 2 && y < h + 2 && x >= 3 && x < w + 3;
                    int v = inside ? fresh[(y - 2) * w + x - 3] : 0;
                    assertThat(idst[y * stride + x]).isEqualTo(v / 2);
                    assertThat(fdst[y * stride + x]).isEqualTo(v * 0.5f);
                }
            }
            for (int v : fresh) {
                if (v != 0) {
                    nonZero++;
                }
            }
        }
        assertThat(nonZero).isGreaterThan(10_000);
    }
}
