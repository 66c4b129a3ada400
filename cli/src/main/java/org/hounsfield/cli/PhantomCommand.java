package org.hounsfield.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.hounsfield.core.DicomException;
import org.hounsfield.imaging.phantom.PhantomSeries;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hounsfield phantom}: a synthetic 3D head CT series for tests, demos and benchmarks. */
@Command(name = "phantom", mixinStandardHelpOptions = true,
        description = {"Write a CT series of a synthetic 3D head (HU: air, fat, bone, CSF, grey and white matter,",
                "a small bleed, a marker bead on the patient's left-anterior-superior side) with exact geometry:",
                "one file per slice (IM00001.dcm ...) or one enhanced multi-frame file."},
        footer = {"", "Examples:", "  hounsfield phantom /tmp/head", "  hounsfield phantom /tmp/head --slices 300 --size 512",
                "  hounsfield phantom /tmp/hard --shuffle --oblique --gaps --transfer-syntax jpeg-ls",
                "  hounsfield phantom /tmp/tilt --tilt 15"})
final class PhantomCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--slices", paramLabel = "N", description = "Slices (default 64).")
    int slices = 64;

    @Option(names = "--size", paramLabel = "N", description = "Rows = columns (default 256).")
    int size = 256;

    @Option(names = "--spacing", paramLabel = "MM", description = "Slice spacing (default 200 mm / slices, at most 5).")
    Double spacing;

    @Option(names = "--transfer-syntax", paramLabel = "TS",
            description = "explicit-le (default), implicit-le, explicit-be, deflated, rle, jpeg-lossless, jpeg-ls, or a UID.")
    String transferSyntax = "explicit-le";

    @Option(names = "--shuffle", description = "File names and Instance Numbers in random order.")
    boolean shuffle;

    @Option(names = "--tilt", paramLabel = "DEG", description = "Gantry tilt in degrees.")
    double tilt;

    @Option(names = "--oblique", description = "Oblique orientation (20 deg about x, then 15 deg about z).")
    boolean oblique;

    @Option(names = "--gaps", description = "Leave out 3 slices (one single and one double gap).")
    boolean gaps;

    @Option(names = "--enhanced", description = "One Enhanced CT multi-frame file instead of one file per slice.")
    boolean enhanced;

    @Option(names = "--series-number", paramLabel = "N", description = "Series Number (also makes the Series Instance UID; default 1).")
    int seriesNumber = 1;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of --shuffle (default 42).")
    long seed = 42;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: all cores).")
    Integer threads;

    @Parameters(paramLabel = "OUT_DIR", arity = "1", description = "Folder to write into (created).")
    Path outDir;

    @Override
    public Integer call() {
        PhantomSeries.Options o;
        try {
            o = new PhantomSeries.Options(slices, size, spacing == null ? Double.NaN : spacing, transferSyntax, shuffle, tilt, oblique, gaps,
                    enhanced, seriesNumber, seed, threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        } catch (IllegalArgumentException e) {
            throw new DicomException(e.getMessage());
        }
        long t0 = System.nanoTime();
        List<Path> files = PhantomSeries.write(outDir, o);
        int kept = PhantomSeries.keptSlices(o).length;
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d file(s), %d slice(s) of %dx%d, %s mm apart, into %s (%.1f s)%n",
                files.size(), kept, size, size, SeriesCommand.fmt(o.effectiveSpacing()), outDir, (System.nanoTime() - t0) / 1e9);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
