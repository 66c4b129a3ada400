package org.hounsfield.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.hounsfield.core.DicomException;
import org.hounsfield.core.DicomIOException;
import org.hounsfield.imaging.nifti.BidsSidecar;
import org.hounsfield.imaging.nifti.NiftiHeader;
import org.hounsfield.imaging.nifti.NiftiWriter;
import org.hounsfield.imaging.series.Scan;
import org.hounsfield.imaging.series.Series;
import org.hounsfield.imaging.series.SeriesScanner;
import org.hounsfield.imaging.series.Stack;
import org.hounsfield.imaging.volume.VolumeOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hounsfield volume}: a series as a NIfTI-1 volume with a JSON sidecar, as dcm2niix writes it. */
@Command(name = "volume", mixinStandardHelpOptions = true,
        description = {"Build the volume of a series (slices sorted along the normal by Image Position (Patient),",
                "spacing from the positions; enhanced multi-frame files through their functional groups) and",
                "write it as NIfTI-1 (.nii, or .nii.gz) with dcm2niix's qform/sform (LPS to RAS, rows flipped),",
                "stored values with scl_slope/scl_inter (or --hu), and a BIDS-like JSON sidecar."},
        footer = {"", "Examples:", "  hounsfield volume /data/ct -o ct.nii.gz",
                "  hounsfield volume /data/study --series 3 --hu -o t1.nii",
                "  hounsfield volume /data/study --all -o out/   (every stack: out/<n>_<series number>_<stack>.nii.gz)"})
final class VolumeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--series", paramLabel = "UID", description = "Series Instance UID, Series Number or UID prefix (needed when PATH holds several series).")
    String series;

    @Option(names = "--stack", paramLabel = "N", description = "Stack of the series (1-based; default 1).")
    int stack = 1;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true, description = "Output .nii or .nii.gz file (a folder with --all).")
    Path output;

    @Option(names = "--hu", description = "Write physical values (HU for CT): int16 when exact, else float32.")
    boolean hu;

    @Option(names = "--fill-gaps", description = {"Put a series with missing slices on a regular grid, missing slices interpolated",
            "(default: the slices as found, as dcm2niix writes them; their positions then do not fit a grid)."})
    boolean fillGaps;

    @Option(names = "--no-json", description = "Do not write the JSON sidecar.")
    boolean noJson;

    @Option(names = "--all", description = "Write every stack of every series into the OUT folder.")
    boolean all;

    @Option(names = "--uncompressed", description = "With --all: write .nii files instead of .nii.gz.")
    boolean uncompressed;

    @Option(names = "--gzip-level", paramLabel = "N", description = "Deflate level 1-9 for .gz output (default 6, as dcm2niix).")
    int gzipLevel = 6;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for scanning and decoding (default: all cores).")
    Integer threads;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "DICOM files, folders or DICOMDIR files.")
    List<Path> paths;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
        Scan scan = SeriesScanner.scan(paths, n);
        for (Scan.Problem p : scan.problems()) {
            err.println("ERROR  " + p.file() + ": " + p.message());
        }
        VolumeOptions vo = (hu ? VolumeOptions.physical() : VolumeOptions.stored()).withThreads(n).withFillGaps(fillGaps);
        NiftiWriter.Options no = NiftiWriter.Options.defaults().withGzipLevel(gzipLevel);
        int failures = scan.problems().size();
        if (all) {
            try {
                Files.createDirectories(output);
            } catch (java.io.IOException e) {
                throw new DicomIOException("cannot create " + output, e);
            }
            int seq = 0;
            for (Series s : scan.series()) {
                seq++;
                for (int i = 0; i < s.stacks().size(); i++) {
                    Path f = output.resolve(String.format(Locale.ROOT, "%03d_%d_%d", seq, s.number(), i + 1) + (uncompressed ? ".nii" : ".nii.gz"));
                    try {
                        convert(s.stacks().get(i), f, vo, no, out);
                    } catch (DicomException e) {
                        failures++;
                        err.println("ERROR  series " + s.number() + " stack " + (i + 1) + " (" + s.uid() + "): " + e.getMessage());
                    }
                }
            }
        } else {
            Series s = scan.findSeries(series);
            if (stack < 1 || stack > s.stacks().size()) {
                throw new DicomException("series " + s.number() + " has " + s.stacks().size() + " stack(s); --stack " + stack + " does not exist");
            }
            if (s.stacks().size() > 1) {
                List<String> others = new ArrayList<>();
                for (int i = 0; i < s.stacks().size(); i++) {
                    others.add((i + 1) + ": " + s.stacks().get(i));
                }
                err.println("note  series " + s.number() + " has " + s.stacks().size() + " stacks, writing --stack " + stack + " (" + String.join("; ", others) + ")");
            }
            convert(s.stacks().get(stack - 1), output, vo, no, out);
        }
        out.flush();
        err.flush();
        return failures == 0 ? 0 : 1;
    }

    private void convert(Stack st, Path f, VolumeOptions vo, NiftiWriter.Options no, PrintWriter out) {
        NiftiHeader h = NiftiWriter.write(st, f, vo, no);
        String json = "";
        if (!noJson) {
            Path j = NiftiWriter.sidecarPath(f);
            BidsSidecar.write(st, j);
            json = " + " + j.getFileName();
        }
        short[] d = h.dim();
        float[] sp = h.pixdim();
        // concatenation, not printf: a Formatter costs a cold JVM several ms for this one line
        out.println("wrote " + f + json + ": " + d[1] + "x" + d[2] + "x" + d[3] + (d[4] > 1 ? "x" + d[4] : "") + " "
                + NiftiHeader.voxelType(h.datatype()).name().toLowerCase(Locale.ROOT) + ", " + SeriesCommand.fmt(sp[1]) + "x"
                + SeriesCommand.fmt(sp[2]) + "x" + SeriesCommand.fmt(sp[3]) + " mm");
        for (String w : st.warnings()) {
            out.println("  ! " + w);
        }
    }
}
