package org.hounsfield.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding speed of each codec over the corpus files of its transfer syntaxes, single-threaded.
 *
 * <p>One operation decodes every frame of every corpus file of the codec once (the compressed
 * frames are read and split in setup, so only {@code FrameDecoder.decode} is timed). The primary
 * score is passes per second; the {@code megapixels} counter reports megapixels decoded per
 * second (rows x columns x frames; a colour pixel counts once). Files smaller than
 * {@code minPixels} can be left out so that large images weigh as they would in practice.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar CodecDecodeBenchmark -p codec=jpeg-ls-lossless -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecDecodeBenchmark {

    @Param("../shared/corpus")
    public String corpus;

    @Param({"rle", "jpeg-baseline", "jpeg-extended", "jpeg-lossless", "jpeg-ls-lossless", "jpeg-ls-near",
            "deflate-frame", "jpeg2000-lossless", "jpeg2000-lossy"})
    public String codec;

    @Param("0")
    public long minPixels;

    private List<CodecCorpus.Item> items;
    private byte[] dst;
    private double megapixelsPerPass;

    /** Megapixels decoded, reported by JMH as a rate next to the primary score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Pixels {
        public double megapixels;

        @Setup(Level.Iteration)
        public void reset() {
            megapixels = 0;
        }
    }

    @Setup
    public void setup() throws IOException {
        items = CodecCorpus.load(Path.of(corpus), codec, minPixels);
        if (items.isEmpty()) {
            throw new IllegalStateException("no decodable " + codec + " files under " + corpus);
        }
        dst = new byte[CodecCorpus.maxFrameBytes(items)];
        megapixelsPerPass = CodecCorpus.pixels(items) / 1e6;
        System.out.printf("%n%s: %d files, %.2f megapixels per operation%n", codec, items.size(), megapixelsPerPass);
    }

    @Benchmark
    public void decode(Pixels counter, Blackhole bh) {
        byte[] out = dst;
        for (CodecCorpus.Item it : items) {
            it.decodeAll(out);
        }
        bh.consume(out[0]);
        counter.megapixels += megapixelsPerPass;
    }
}
