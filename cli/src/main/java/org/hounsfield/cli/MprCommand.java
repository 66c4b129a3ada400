package org.hounsfield.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.Tag;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.io.ReadOptions;
import org.hounsfield.imaging.series.Scan;
import org.hounsfield.imaging.series.Series;
import org.hounsfield.imaging.series.SeriesScanner;
import org.hounsfield.imaging.series.Stack;
import org.hounsfield.imaging.volume.Reslicer;
import org.hounsfield.imaging.volume.Volume;
import org.hounsfield.imaging.volume.VolumeLoader;
import org.hounsfield.imaging.volume.VolumeOptions;
import org.hounsfield.imaging.volume.WindowedPng;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hounsfield mpr}: a plane or slab projection through a series, as PNG. */
@Command(name = "mpr", mixinStandardHelpOptions = true,
        description = {"Reslice the volume of a series: an axial, coronal or sagittal plane at an index (exact voxels),",
                "or an oblique plane through the centre, optionally a maximum/minimum/mean intensity projection",
                "over a slab, windowed to an 8-bit PNG with square pixels. Axial planes are seen from the feet,",
                "coronal from the front, sagittal from the left."},
        footer = {"", "Examples:", "  hounsfield mpr /data/ct --plane coronal --index 256 -o cor.png",
                "  hounsfield mpr /data/ct --plane axial --index 40 --mip 20 --window 300,1500 -o mip.png",
                "  hounsfield mpr /data/ct --plane oblique --normal 0,0.5,1 -o obl.png"})
final class MprCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--series", paramLabel = "UID", description = "Series Instance UID, Series Number or UID prefix.")
    String series;

    @Option(names = "--stack", paramLabel = "N", description = "Stack of the series (1-based; default 1).")
    int stack = 1;

    @Option(names = "--plane", paramLabel = "PLANE", required = true, description = "axial, coronal, sagittal or oblique.")
    String plane;

    @Option(names = "--index", paramLabel = "N", description = "Plane index along the voxel axis nearest the plane normal (default: middle).")
    Integer index;

    @Option(names = "--normal", paramLabel = "X,Y,Z", description = "Oblique plane normal (LPS); the plane passes through the volume centre.")
    String normal;

    @Option(names = "--offset", paramLabel = "MM", description = "Oblique plane: distance from the centre along the normal.")
    double offset;

    @Option(names = "--mip", paramLabel = "SLAB", description = "Maximum intensity projection over a slab of SLAB mm.")
    Double mip;

    @Option(names = "--minip", paramLabel = "SLAB", description = "Minimum intensity projection over a slab of SLAB mm.")
    Double minip;

    @Option(names = "--mean", paramLabel = "SLAB", description = "Mean over a slab of SLAB mm.")
    Double mean;

    @Option(names = "--window", paramLabel = "C,W", description = "Window center,width (default: the file's first window for CT, else 1st-99th percentile).")
    String window;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.png", required = true, description = "PNG file to write.")
    Path output;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for scanning and decoding (default: all cores).")
    Integer threads;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "DICOM files, folders or DICOMDIR files.")
    List<Path> paths;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
        int projections = (mip != null ? 1 : 0) + (minip != null ? 1 : 0) + (mean != null ? 1 : 0);
        if (projections > 1) {
            throw new DicomException("choose one of --mip, --minip, --mean");
        }
        Scan scan = SeriesScanner.scan(paths, n);
        Series s = scan.findSeries(series);
        if (stack < 1 || stack > s.stacks().size()) {
            throw new DicomException("series " + s.number() + " has " + s.stacks().size() + " stack(s)");
        }
        Stack st = s.stacks().get(stack - 1);
        Volume v = VolumeLoader.load(st, VolumeOptions.physical().withThreads(n).withFillGaps(true));
        Reslicer.Projection proj = mip != null ? Reslicer.Projection.MAX : minip != null ? Reslicer.Projection.MIN
                : mean != null ? Reslicer.Projection.MEAN : Reslicer.Projection.MAX;
        double slab = mip != null ? mip : minip != null ? minip : mean != null ? mean : 0;
        Reslicer.Image2D img;
        String what;
        String p = plane.toLowerCase(Locale.ROOT);
        if (p.equals("oblique")) {
            if (normal == null) {
                throw new DicomException("--plane oblique needs --normal X,Y,Z");
            }
            double[] nv = parse(normal, 3, "--normal");
            double len = Math.sqrt(nv[0] * nv[0] + nv[1] * nv[1] + nv[2] * nv[2]);
            if (len == 0) {
                throw new DicomException("--normal must not be 0,0,0");
            }
            for (int i = 0; i < 3; i++) {
                nv[i] /= len;
            }
            // right: patient left projected into the plane (or posterior when the normal is along x)
            double[] right = Math.abs(nv[0]) > 0.9 ? new double[] {0, 1, 0} : new double[] {1, 0, 0};
            double d = right[0] * nv[0] + right[1] * nv[1] + right[2] * nv[2];
            for (int i = 0; i < 3; i++) {
                right[i] -= d * nv[i];
            }
            double[] down = {nv[1] * right[2] - nv[2] * right[1], nv[2] * right[0] - nv[0] * right[2], nv[0] * right[1] - nv[1] * right[0]};
            double[] c = Reslicer.centre(v);
            for (int i = 0; i < 3; i++) {
                c[i] += offset * nv[i];
            }
            double[] sp = v.spacing();
            double px = Math.min(sp[0], Math.min(sp[1], sp[2]));
            double diag = Math.sqrt(Math.pow(v.nx() * sp[0], 2) + Math.pow(v.ny() * sp[1], 2) + Math.pow(v.nz() * sp[2], 2));
            int size = (int) Math.min(2048, Math.ceil(diag / px));
            img = Reslicer.oblique(v, c, right, down, size, size, px, slab, proj);
            what = "oblique plane, normal " + normal;
        } else {
            Reslicer.Plane pl;
            try {
                pl = Reslicer.Plane.valueOf(p.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new DicomException("--plane must be axial, coronal, sagittal or oblique, not '" + plane + "'");
            }
            int count = Reslicer.planeCount(v, pl);
            int idx = index == null ? count / 2 : index;
            if (idx < 0 || idx >= count) {
                throw new DicomException(p + " index " + idx + " outside 0.." + (count - 1));
            }
            int planes = 1;
            if (slab > 0) {
                double step = stepAlong(v, pl);
                planes = Math.max(1, (int) Math.round(slab / step));
            }
            img = Reslicer.slab(v, pl, idx, planes, proj);
            what = p + " plane " + idx + " of " + count + (planes > 1 ? ", " + proj.name().toLowerCase(Locale.ROOT) + " over " + planes + " planes" : "");
        }
        double[] w;
        if (window != null) {
            w = parse(window, 2, "--window");
        } else {
            w = defaultWindow(st, img);
        }
        WindowedPng.write(img, w[0], w[1], output);
        out.printf(Locale.ROOT, "wrote %s: %s, %dx%d, window %s/%s%n", output, what, img.width(), img.height(),
                SeriesCommand.fmt(w[0]), SeriesCommand.fmt(w[1]));
        out.flush();
        return 0;
    }

    /** mm between neighbouring planes of this orientation. */
    private static double stepAlong(Volume v, Reslicer.Plane pl) {
        double[] sp = v.spacing();
        double[][] dirs = {v.rowDirection(), v.columnDirection(), v.normal()};
        int axis = pl == Reslicer.Plane.AXIAL ? 2 : pl == Reslicer.Plane.CORONAL ? 1 : 0;
        int best = 0;
        for (int i = 1; i < 3; i++) {
            if (Math.abs(dirs[i][axis]) > Math.abs(dirs[best][axis])) {
                best = i;
            }
        }
        return sp[best];
    }

    private static double[] defaultWindow(Stack st, Reslicer.Image2D img) {
        if ("CT".equalsIgnoreCase(st.first().modality())) {
            try {
                Dataset ds = DicomReader.read(st.first().file(), ReadOptions.defaults().withStopBeforePixelData(true));
                double[] c = ds.getDoubles(Tag.WindowCenter);
                double[] w = ds.getDoubles(Tag.WindowWidth);
                if (c != null && w != null && c.length > 0 && w.length > 0 && w[0] >= 1) {
                    return new double[] {c[0], w[0]};
                }
            } catch (DicomException | NumberFormatException e) {
                // fall back to the image's own range
            }
            return new double[] {40, 400};
        }
        return WindowedPng.autoWindow(img);
    }

    private static double[] parse(String s, int n, String option) {
        String[] parts = s.split(",");
        if (parts.length != n) {
            throw new DicomException(option + " needs " + n + " comma-separated numbers, not '" + s + "'");
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            try {
                d[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new DicomException(option + ": '" + parts[i] + "' is not a number");
            }
            if (!Double.isFinite(d[i])) {
                throw new DicomException(option + ": '" + parts[i] + "' is not a finite number");
            }
        }
        return d;
    }
}
