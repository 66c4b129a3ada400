package org.hounsfield.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.json.DicomJsonWriter;
import org.hounsfield.core.testing.SharedCorpus;
import org.hounsfield.imaging.PixelData;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation test over the corpus: bit flips, truncations, corrupted lengths, inserted and
 * deleted bytes. Each mutant is read, printed, converted to JSON and its first and last frames
 * decoded; the only exception allowed is {@link DicomException}, no OutOfMemoryError, no hang.
 *
 * <p>{@code hounsfield.mutants} mutants (1500 in the normal build; the {@code long} profile runs
 * 10,000 with {@code -Xmx256m}). The report (counts per kind, slowest mutant) goes to stdout and to
 * {@code target/mutation-report.txt}. The time limit per mutant is a hang detector (10 s), not a
 * performance assertion; the slowest time is reported.
 */
class MutationTest {
    static final long SEED = 20261125L;
    static final int MAX_FILE_BYTES = 4 << 20;
    static final Duration HANG = Duration.ofSeconds(10);

    enum Kind { BIT_FLIPS, TRUNCATION, LENGTH, INSERT, DELETE }

    @Test
    void mutantsFailOnlyWithTheTypedException() throws Exception {
        int mutants = Integer.getInteger("hounsfield.mutants", 1500);
        // paths only: the files are read per mutant so that the heap holds one file at a time
        List<Path> files = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (SharedCorpus.Entry e : SharedCorpus.manifest()) {
            long size = Files.size(e.file());
            if (size <= MAX_FILE_BYTES) {
                files.add(e.file());
                names.add(e.path());
            }
        }
        Random rnd = new Random(SEED);
        Map<Kind, int[]> counts = new TreeMap<>();   // kind -> {mutants, read ok, typed exception}
        long slowest = 0;
        String slowestName = "";
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mutant");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int m = 0; m < mutants; m++) {
                int fi = rnd.nextInt(files.size());
                Kind kind = Kind.values()[rnd.nextInt(Kind.values().length)];
                byte[] mutant = mutate(Files.readAllBytes(files.get(fi)), kind, rnd);
                String name = names.get(fi) + " #" + m + " " + kind;
                long t0 = System.nanoTime();
                Future<Boolean> run = worker.submit(() -> exercise(mutant, name));
                boolean ok;
                try {
                    ok = run.get(HANG.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    run.cancel(true);
                    throw new AssertionError("no result after " + HANG + ": " + name + " (" + save(mutant, m) + ")");
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new AssertionError(name + " threw " + e.getCause() + " (" + save(mutant, m) + ")", e.getCause());
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (ms > slowest) {
                    slowest = ms;
                    slowestName = name;
                }
                int[] c = counts.computeIfAbsent(kind, k -> new int[3]);
                c[0]++;
                c[ok ? 1 : 2]++;
            }
        } finally {
            worker.shutdownNow();
        }
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "mutation test: %d mutants of %d corpus files (seed %d, max heap %d MiB)%n",
                mutants, files.size(), SEED, Runtime.getRuntime().maxMemory() >> 20));
        counts.forEach((k, c) -> report.append(String.format(Locale.ROOT, "  %-10s %6d mutants: %6d read and decoded, %6d DicomException%n",
                k, c[0], c[1], c[2])));
        report.append(String.format(Locale.ROOT, "  slowest: %d ms (%s); other exceptions: 0%n", slowest, slowestName));
        System.out.print(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/mutation-report.txt"), report);
        assertThat(counts.values().stream().mapToInt(c -> c[0]).sum()).isEqualTo(mutants);
    }

    /** Reads and uses a mutant; true if it read and decoded, false on DicomException. */
    static boolean exercise(byte[] bytes, String name) {
        try {
            Dataset ds = DicomReader.read(bytes);
            ds.toString();
            DicomJsonWriter.toJson(ds);
            PixelData px = PixelData.of(ds);
            px.frame(0);
            if (px.frameCount() > 1) {
                px.frame(px.frameCount() - 1);
            }
            return true;
        } catch (DicomException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError(name + ": DicomException without a message", e);
            }
            return false;
        }
    }

    static byte[] mutate(byte[] in, Kind kind, Random rnd) {
        byte[] b;
        switch (kind) {
            case BIT_FLIPS -> {
                b = in.clone();
                int flips = 1 + rnd.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    int at = rnd.nextInt(b.length);
                    b[at] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case TRUNCATION -> b = Arrays.copyOf(in, rnd.nextInt(in.length));
            case LENGTH -> {
                // overwrite a 16- or 32-bit value at a spot where a length is likely: just after a
                // VR (two upper-case letters) or an item tag, or anywhere
                b = in.clone();
                int at = lengthSpot(b, rnd);
                int[] evil = {0xFFFFFFFF, 0x7FFFFFFF, 0xFFFFFFFE, 0, 1, 3, 0x10000, b.length, rnd.nextInt()};
                int v = evil[rnd.nextInt(evil.length)];
                ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                if (rnd.nextBoolean() && at + 4 <= b.length) {
                    bb.putInt(at, v);
                } else if (at + 2 <= b.length) {
                    bb.putShort(at, (short) v);
                }
            }
            case INSERT -> {
                int at = rnd.nextInt(in.length + 1);
                byte[] extra = new byte[1 + rnd.nextInt(16)];
                rnd.nextBytes(extra);
                b = new byte[in.length + extra.length];
                System.arraycopy(in, 0, b, 0, at);
                System.arraycopy(extra, 0, b, at, extra.length);
                System.arraycopy(in, at, b, at + extra.length, in.length - at);
            }
            default -> {
                int at = rnd.nextInt(in.length);
                int n = Math.min(in.length - at, 1 + rnd.nextInt(16));
                b = new byte[in.length - n];
                System.arraycopy(in, 0, b, 0, at);
                System.arraycopy(in, at + n, b, at, in.length - at - n);
            }
        }
        return b;
    }

    private static int lengthSpot(byte[] b, Random rnd) {
        for (int tries = 0; tries < 64; tries++) {
            int at = rnd.nextInt(Math.max(1, b.length - 8));
            boolean vr = Character.isUpperCase(b[at]) && Character.isUpperCase(b[at + 1]);
            boolean item = (b[at] & 0xFF) == 0xFE && (b[at + 1] & 0xFF) == 0xFF && (b[at + 2] & 0xFF) == 0x00 && (b[at + 3] & 0xFF) == 0xE0;
            if (vr) {
                return at + 2 + (rnd.nextBoolean() ? 0 : 2);
            }
            if (item) {
                return at + 4;
            }
        }
        return rnd.nextInt(b.length);
    }

    /** Keeps a failing mutant for a regression input. */
    private static String save(byte[] mutant, int m) {
        try {
            Path p = Path.of("target", "mutant-" + m + ".dcm");
            Files.createDirectories(p.getParent());
            Files.write(p, mutant);
            return "saved as " + p.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
