package org.hounsfield.codec.jpeg2000.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ForkJoinPool;

import org.hounsfield.codec.jpeg2000.Jpeg2000Decoder;
import org.hounsfield.codec.jpeg2000.Jpeg2000Image;
import org.junit.jupiter.api.Test;

/**
 * The wavelet passes split among threads (rows, then column strips) give exactly the
 * single-threaded result. The test streams are small, so the size threshold is lowered.
 */
class ParallelWaveletTest {
    private static final String[] STREAMS = {
        "gray12u_53.j2k", "gray16s_53.j2k", "gray8u_97.j2k", "rgb8_rct.j2k", "rgb8_ict.j2k",
        "tiles_prec_layers_rpcl.j2k", "offsets.j2k", "roi.j2k", "ht_gray12_97.j2c", "ht_rgb8_rct.j2c",
        "ht_gray12_cprl_tiles.j2c",
    };

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Jpeg2000Decoder.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void splitWaveletEqualsSingleThreaded() throws IOException {
        long saved = TileDecoder.parallelMinSamples;
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            TileDecoder.parallelMinSamples = 1;
            Jpeg2000Decoder par = new Jpeg2000Decoder(pool);
            Jpeg2000Decoder seq = new Jpeg2000Decoder();
            for (String s : STREAMS) {
                byte[] src = resource(s);
                for (int reduce = 0; reduce <= 1; reduce++) {
                    Jpeg2000Image a = par.decode(src, 0, src.length, reduce);
                    Jpeg2000Image b = seq.decode(src, 0, src.length, reduce);
                    assertThat(a.numComponents()).isEqualTo(b.numComponents());
                    for (int c = 0; c < a.numComponents(); c++) {
                        assertThat(a.samples(c)).as(s + " reduce " + reduce + " component " + c)
                                .isEqualTo(b.samples(c));
                    }
                }
            }
        } finally {
            TileDecoder.parallelMinSamples = saved;
            pool.shutdown();
        }
    }
}
