package org.hounsfield.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

import org.hounsfield.codec.jpeg2000.Jpeg2000Decoder;
import org.hounsfield.codec.jpeg2000.Jpeg2000Image;

/**
 * Times our JPEG 2000 / HTJ2K decoder on bare codestream files (.j2k, .j2c, .jph or .jp2) inside
 * one JVM after a warm-up, for {@code bench/scripts/j2k-vs-openjpeg.sh}.
 *
 * <p>Single-threaded ({@code --threads 1}, the default) the figure is the median thread CPU time
 * of one decode, so that waiting for a core on a busy machine does not count. With
 * {@code --threads N} (N at least 2) code-blocks are decoded in a {@link ForkJoinPool} of N
 * threads and the figure is the median wall time of one decode.
 *
 * <p>Prints one tab-separated line per file: path, pixels (width x height x components), median
 * milliseconds per decode, megapixels per second (pixels counted as width x height) and the
 * fastest time in milliseconds.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.hounsfield.bench.J2kTimer --threads 2 a.j2k b.j2c
 * </pre>
 */
public final class J2kTimer {

    private J2kTimer() {
    }

    public static void main(String[] args) throws IOException {
        int threads = 1;
        double warmupSeconds = 5;
        double minMs = 400;
        int minReps = 5;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(args[++i]);
                case "--min-ms" -> minMs = Double.parseDouble(args[++i]);
                case "--min-reps" -> minReps = Integer.parseInt(args[++i]);
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + args[i]);
                    }
                    files.add(Path.of(args[i]));
                }
            }
        }
        ForkJoinPool pool = threads > 1 ? new ForkJoinPool(threads) : null;
        Jpeg2000Decoder dec = new Jpeg2000Decoder(pool);
        List<byte[]> data = new ArrayList<>();
        long[] pixels = new long[files.size()];
        for (int n = 0; n < files.size(); n++) {
            byte[] b = Files.readAllBytes(files.get(n));
            data.add(b);
            Jpeg2000Image img = dec.decode(b, 0, b.length, 0);
            pixels[n] = (long) img.width() * img.height();
        }
        long until = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (!data.isEmpty() && System.nanoTime() < until) {
            for (byte[] b : data) {
                dec.decode(b, 0, b.length, 0);
            }
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int n = 0; n < files.size(); n++) {
            byte[] b = data.get(n);
            List<Long> times = new ArrayList<>();
            long total = 0;
            while (times.size() < minReps || total < minMs * 1e6) {
                long c0 = pool == null ? mx.getCurrentThreadCpuTime() : System.nanoTime();
                dec.decode(b, 0, b.length, 0);
                long t = (pool == null ? mx.getCurrentThreadCpuTime() : System.nanoTime()) - c0;
                times.add(t);
                total += t;
            }
            long[] s = times.stream().mapToLong(Long::longValue).sorted().toArray();
            double ms = s[s.length / 2] / 1e6;
            System.out.printf("%s\t%d\t%.3f\t%.2f\t%.3f%n", files.get(n), pixels[n], ms, pixels[n] / 1e3 / ms,
                    s[0] / 1e6);
        }
        if (pool != null) {
            pool.shutdown();
        }
    }
}
