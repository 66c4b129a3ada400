package org.hounsfield.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hounsfield.codec.Codecs;
import org.hounsfield.codec.FrameInfo;

/**
 * Times our decoders per corpus file inside one JVM, after a warm-up, so that the figures can be
 * set against peer tools whose process start-up is measured and subtracted separately
 * ({@code bench/scripts/pixels-vs-peers.sh}). Single-threaded.
 *
 * <p>Prints one tab-separated line per file: codec, path, frames, pixels, median milliseconds to
 * decode every frame of the file (thread CPU time, so that waiting for a core on a busy machine
 * does not count), megapixels per second, and the fastest time in milliseconds.
 *
 * <p>With {@code --jpeg} the arguments are plain JPEG files (one frame each, decoded by the JPEG
 * Baseline decoder) instead of corpus paths. With {@code --dump-jpeg DIR} nothing is timed: each
 * frame's JPEG stream is written to {@code DIR/<n>.<frame>.jpg} and {@code n<TAB>path} printed.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.hounsfield.bench.DecodeTimer \
 *     --corpus ../shared/corpus --codecs rle,jpeg-lossless --min-pixels 60000
 * </pre>
 */
public final class DecodeTimer {

    private DecodeTimer() {
    }

    public static void main(String[] args) throws IOException {
        Path corpus = Path.of("../shared/corpus");
        List<String> codecs = new ArrayList<>(CodecCorpus.CODECS.keySet());
        long minPixels = 0;
        double warmupSeconds = 5;
        double minMs = 400;
        int minReps = 5;
        Path dump = null;
        boolean jpegFiles = false;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--corpus" -> corpus = Path.of(args[++i]);
                case "--codecs" -> codecs = Arrays.asList(args[++i].split(","));
                case "--min-pixels" -> minPixels = Long.parseLong(args[++i]);
                case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(args[++i]);
                case "--min-ms" -> minMs = Double.parseDouble(args[++i]);
                case "--min-reps" -> minReps = Integer.parseInt(args[++i]);
                case "--dump-jpeg" -> dump = Path.of(args[++i]);
                case "--jpeg" -> jpegFiles = true;
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + args[i]);
                    }
                    files.add(args[i]);
                }
            }
        }
        List<CodecCorpus.Item> items = new ArrayList<>();
        if (jpegFiles) {
            for (String f : files) {
                items.add(jpegItem(Path.of(f)));
            }
        } else if (files.isEmpty()) {
            for (String c : codecs) {
                items.addAll(CodecCorpus.load(corpus, c, minPixels));
            }
        } else {
            for (String f : files) {
                CodecCorpus.Item it = CodecCorpus.item(corpus, f, null);
                if (it != null) {
                    items.add(it);
                }
            }
        }
        if (dump != null) {
            Files.createDirectories(dump);
            for (int n = 0; n < items.size(); n++) {
                byte[][] fr = items.get(n).frames();
                for (int k = 0; k < fr.length; k++) {
                    Files.write(dump.resolve(n + "." + k + ".jpg"), fr[k]);
                }
                System.out.println(n + "\t" + items.get(n).path());
            }
            return;
        }
        byte[] dst = new byte[Math.max(1, CodecCorpus.maxFrameBytes(items))];
        // warm-up: every file in turn until the time is up, so each decoder's hot loops are compiled
        long until = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (!items.isEmpty() && System.nanoTime() < until) {
            for (CodecCorpus.Item it : items) {
                it.decodeAll(dst);
            }
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (CodecCorpus.Item it : items) {
            List<Long> times = new ArrayList<>();
            long total = 0;
            while (times.size() < minReps || total < minMs * 1e6) {
                long c0 = mx.getCurrentThreadCpuTime();
                it.decodeAll(dst);
                long t = mx.getCurrentThreadCpuTime() - c0;
                times.add(t);
                total += t;
            }
            long[] s = times.stream().mapToLong(Long::longValue).sorted().toArray();
            double ms = s[s.length / 2] / 1e6;
            System.out.printf("%s\t%s\t%d\t%d\t%.3f\t%.1f\t%.3f%n", it.codec(), it.path(), it.frames().length,
                    it.pixels(), ms, it.pixels() / 1e3 / ms, s[0] / 1e6);
        }
    }

    /** A plain JPEG file (e.g. written by cjpeg) as one frame for the JPEG Baseline decoder. */
    static CodecCorpus.Item jpegItem(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        for (int p = 2; p + 9 < b.length; ) {
            if ((b[p] & 0xFF) != 0xFF) {
                throw new IllegalArgumentException(file + ": no SOF marker");
            }
            int m = b[p + 1] & 0xFF;
            if (m == 0xC0 || m == 0xC1 || m == 0xC2) {
                int precision = b[p + 4] & 0xFF;
                int rows = (b[p + 5] & 0xFF) << 8 | (b[p + 6] & 0xFF);
                int cols = (b[p + 7] & 0xFF) << 8 | (b[p + 8] & 0xFF);
                int nc = b[p + 9] & 0xFF;
                int bits = precision > 8 ? 16 : 8;
                FrameInfo info = new FrameInfo(rows, cols, nc, bits, precision, false, 0,
                        nc == 3 ? "YBR_FULL" : "MONOCHROME2");
                CodecCorpus.Item it = new CodecCorpus.Item(file.toString(), "jpeg-file",
                        Codecs.decoder("1.2.840.10008.1.2.4.50").orElseThrow(), info, new byte[][] {b});
                it.decodeAll(new byte[(int) info.decodedFrameBytes()]);
                return it;
            }
            p += 2 + ((b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF));
        }
        throw new IllegalArgumentException(file + ": no SOF marker");
    }
}
