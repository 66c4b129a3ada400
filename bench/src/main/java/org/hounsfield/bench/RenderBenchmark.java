package org.hounsfield.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.Tag;
import org.hounsfield.core.VR;
import org.hounsfield.core.example.HeadPhantom;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.io.DicomWriter;
import org.hounsfield.imaging.render.ImageFiles;
import org.hounsfield.imaging.render.RenderOptions;
import org.hounsfield.imaging.render.Renderer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One 512 x 512 CT slice to PNG bytes, single-threaded, milliseconds per slice:
 * {@code renderToPng} from a data set in memory (Modality LUT, window, PNG encoding) and
 * {@code readRenderToPng} from the file's bytes (parse included, as a command line run does it).
 * The slice is {@link #file} (default: an uncompressed 512 x 512 CT of the shared corpus with a
 * soft-tissue window), or, when that file is missing, the built-in phantom with noise added so
 * that the PNG encoder sees CT-like texture. {@code bench/scripts/render-vs-dcmtk.sh} times the
 * same work against DCMTK's dcmj2pnm.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RenderBenchmark {

    @Param("../shared/corpus/transfer-syntax/explicit-vr-le/CT1_UNC.explicit_little_endian.dcm")
    public String file;

    private byte[] bytes;
    private Dataset ds;
    private final RenderOptions options = RenderOptions.defaults().withWindow(40, 400);

    @Setup
    public void setup() throws IOException {
        Path p = Path.of(file);
        if (Files.isRegularFile(p)) {
            bytes = Files.readAllBytes(p);
        } else {
            bytes = DicomWriter.toBytes(noisyPhantom(), org.hounsfield.core.io.WriteOptions.defaults());
        }
        ds = DicomReader.read(bytes);
        if (ds.getInt(Tag.Rows, 0) != 512 || ds.getInt(Tag.Columns, 0) != 512) {
            throw new IllegalStateException(file + " is not a 512 x 512 image");
        }
    }

    /** The phantom slice with Gaussian noise (sigma 15 HU), deterministic. */
    static Dataset noisyPhantom() {
        Dataset d = HeadPhantom.slice(512, 0);
        byte[] px = d.get(Tag.PixelData).bytes().clone();
        Random rnd = new Random(42);
        for (int i = 0; i < px.length; i += 2) {
            int v = (px[i] & 0xFF) | (px[i + 1] & 0xFF) << 8;
            v = Math.max(0, Math.min(4095, v + (int) Math.round(rnd.nextGaussian() * 15)));
            px[i] = (byte) v;
            px[i + 1] = (byte) (v >>> 8);
        }
        d.setBytes(Tag.PixelData, VR.OW, px);
        return d;
    }

    @Benchmark
    public byte[] renderToPng() {
        return ImageFiles.png(Renderer.of(ds).render(0, options).image());
    }

    @Benchmark
    public byte[] readRenderToPng() {
        return ImageFiles.png(Renderer.of(DicomReader.read(bytes)).render(0, options).image());
    }
}
