package org.hounsfield.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.io.ReadOptions;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Header parsing (stop before pixel data) of every well-formed corpus file, one file per
 * operation, single-threaded: the score is files per second. The same set is timed with pydicom
 * by {@code bench/scripts/header-vs-pydicom.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HeaderParseBenchmark {

    @Param("../shared/corpus")
    public String corpus;

    private List<Path> files;
    private int next;
    private static final ReadOptions HEADER = ReadOptions.defaults().withStopBeforePixelData(true);

    @Setup
    public void setup() throws IOException {
        files = corpusFiles(Path.of(corpus));
        if (files.isEmpty()) {
            throw new IllegalStateException("no corpus files under " + corpus);
        }
    }

    /** Every file the corpus manifest lists outside malformed/ that we read. */
    public static List<Path> corpusFiles(Path corpus) throws IOException {
        List<String> lines = Files.readAllLines(corpus.resolve("MANIFEST.tsv"));
        try (Stream<String> s = lines.stream().skip(1)) {
            return s.map(l -> l.split("\t", 2)[0])
                    .filter(p -> !p.startsWith("malformed/"))
                    .map(corpus::resolve)
                    .filter(p -> {
                        try {
                            DicomReader.read(p, HEADER);
                            return true;
                        } catch (DicomException e) {
                            return false;
                        }
                    })
                    .toList();
        }
    }

    @Benchmark
    public void readHeader(Blackhole bh) {
        Path p = files.get(next);
        next = next + 1 == files.size() ? 0 : next + 1;
        Dataset ds = DicomReader.read(p, HEADER);
        bh.consume(ds.size());
    }
}
