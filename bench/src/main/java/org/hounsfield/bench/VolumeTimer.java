package org.hounsfield.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.hounsfield.imaging.nifti.NiftiWriter;
import org.hounsfield.imaging.series.Scan;
import org.hounsfield.imaging.series.SeriesScanner;
import org.hounsfield.imaging.volume.VolumeOptions;

/**
 * Scan plus volume of a folder, written to a NIfTI file, repeated inside one JVM: what a
 * long-running process (a server, a notebook kernel) pays per series once the JIT has compiled
 * the code, for {@code bench/scripts/volume-vs-dcm2niix.sh}. Every round writes a new file (the
 * previous one is deleted first, outside the timing), as a fresh command run would.
 *
 * <p>Prints the wall time of the first (cold) round and the median and best of the later ones, in
 * seconds.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.hounsfield.bench.VolumeTimer --rounds 10 ct/ out.nii
 * </pre>
 */
public final class VolumeTimer {

    private VolumeTimer() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = 10;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[++i]);
            } else {
                rest.add(args[i]);
            }
        }
        if (rest.size() != 2 || rounds < 2) {
            throw new IllegalArgumentException("usage: VolumeTimer [--rounds N (at least 2)] FOLDER OUT.nii[.gz]");
        }
        Path folder = Path.of(rest.get(0));
        Path out = Path.of(rest.get(1));
        int threads = Runtime.getRuntime().availableProcessors();
        List<Double> times = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            Files.deleteIfExists(out);
            long t0 = System.nanoTime();
            Scan scan = SeriesScanner.scan(List.of(folder), threads);
            NiftiWriter.write(scan.stacks().get(0), out, VolumeOptions.stored().withThreads(threads), NiftiWriter.Options.defaults());
            times.add((System.nanoTime() - t0) / 1e9);
        }
        List<Double> warm = new ArrayList<>(times.subList(1, times.size()));
        Collections.sort(warm);
        System.out.printf(java.util.Locale.ROOT, "first %.3f s, then median %.3f s, best %.3f s (%d rounds)%n", times.get(0),
                warm.get(warm.size() / 2), warm.get(0), warm.size());
    }
}
