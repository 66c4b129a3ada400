package org.hounsfield.cli;

import org.hounsfield.core.json.DicomJsonWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.hounsfield.imaging.series.Patient;
import org.hounsfield.imaging.series.Scan;
import org.hounsfield.imaging.series.Series;
import org.hounsfield.imaging.series.SeriesScanner;
import org.hounsfield.imaging.series.SliceHeader;
import org.hounsfield.imaging.series.Stack;
import org.hounsfield.imaging.series.Study;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hounsfield series}: the patients, studies, series and stacks under a folder. */
@Command(name = "series", mixinStandardHelpOptions = true,
        description = {"Scan files and folders (headers only, in parallel; DICOMDIR followed) and list the",
                "series: one line per stack (images of one size, orientation and echo) with its size,",
                "voxel spacing and orientation, then what is wrong with it: missing slices, duplicate",
                "positions, variable spacing, gantry tilt, mixed orientations."},
        footer = {"", "Examples:", "  hounsfield series /data/study", "  hounsfield series --json DICOMDIR"})
final class SeriesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--threads", paramLabel = "N", description = "Header reading threads (default: all cores).")
    Integer threads;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "DICOM files, folders (walked recursively) or DICOMDIR files.")
    List<Path> paths;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scan scan = SeriesScanner.scan(paths, threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        if (json) {
            out.print(toJson(scan));
        } else {
            table(scan, out);
        }
        out.flush();
        for (Scan.Problem p : scan.problems()) {
            err.println("ERROR  " + p.file() + ": " + p.message());
        }
        err.flush();
        return scan.problems().isEmpty() ? 0 : 1;
    }

    static String fmt(double d) {
        if (!Double.isFinite(d)) {
            return "?";
        }
        // "%.4f" without trailing zeros; BigDecimal rather than String.format and a regex, which
        // cost a cold JVM several ms (Formatter and Pattern set-up) for one line of output
        java.math.BigDecimal b = new java.math.BigDecimal(Double.toString(d)).setScale(4, java.math.RoundingMode.HALF_UP);
        return b.signum() == 0 ? "0" : b.stripTrailingZeros().toPlainString(); // never "-0"
    }

    private static void table(Scan scan, PrintWriter out) {
        out.printf(Locale.ROOT, "%d DICOM file(s), %d without image, %d unreadable%n", scan.files(), scan.nonImage(), scan.problems().size());
        for (Patient p : scan.patients()) {
            out.println();
            out.println("Patient " + (p.id().isEmpty() ? "(no ID)" : p.id()) + (p.name().isEmpty() ? "" : "  " + p.name()));
            for (Study st : p.studies()) {
                out.println("  Study " + st.date() + "  " + st.description() + "  " + st.uid());
                out.printf(Locale.ROOT, "    %-6s %-5s %6s  %-16s %-22s %-18s %s%n", "SERIES", "MOD", "IMAGES", "SIZE", "VOXEL (mm)", "ORIENTATION", "DESCRIPTION");
                for (Series s : st.series()) {
                    for (int i = 0; i < s.stacks().size(); i++) {
                        Stack k = s.stacks().get(i);
                        SliceHeader h = k.first();
                        double[] ps = h.pixelSpacing();
                        String size = k.columns() + "x" + k.rows() + "x" + k.positions() + (k.timePoints() > 1 ? "x" + k.timePoints() : "");
                        String vox = ps == null ? "?" : fmt(ps[1]) + "x" + fmt(ps[0]) + "x" + fmt(k.spacing());
                        String num = i == 0 ? Integer.toString(s.number()) : "";
                        String desc = i == 0 ? s.description() : "";
                        out.printf(Locale.ROOT, "    %-6s %-5s %6d  %-16s %-22s %-18s %s%s%n", num, i == 0 ? s.modality() : "", k.images().size(),
                                size, vox, k.orientationName(), desc, k.label().isEmpty() ? "" : (desc.isEmpty() ? "" : "  ") + "[" + k.label() + "]");
                    }
                    for (String w : s.warnings()) {
                        out.println("           ! " + w);
                    }
                    out.println("           uid " + s.uid());
                }
            }
        }
    }

    static String toJson(Scan scan) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"files\": ").append(scan.files()).append(",\n  \"nonImage\": ").append(scan.nonImage()).append(",\n  \"problems\": [");
        for (int i = 0; i < scan.problems().size(); i++) {
            Scan.Problem p = scan.problems().get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"file\": ").append(q(p.file().toString())).append(", \"message\": ").append(q(p.message())).append('}');
        }
        sb.append(scan.problems().isEmpty() ? "]" : "\n  ]").append(",\n  \"patients\": [");
        int pi = 0;
        for (Patient p : scan.patients()) {
            sb.append(pi++ == 0 ? "\n" : ",\n").append("    {\"id\": ").append(q(p.id())).append(", \"name\": ").append(q(p.name())).append(", \"studies\": [");
            int si = 0;
            for (Study st : p.studies()) {
                sb.append(si++ == 0 ? "\n" : ",\n").append("      {\"uid\": ").append(q(st.uid())).append(", \"date\": ").append(q(st.date()))
                        .append(", \"description\": ").append(q(st.description())).append(", \"series\": [");
                int ri = 0;
                for (Series s : st.series()) {
                    sb.append(ri++ == 0 ? "\n" : ",\n").append("        {\"uid\": ").append(q(s.uid())).append(", \"number\": ").append(s.number())
                            .append(", \"modality\": ").append(q(s.modality())).append(", \"description\": ").append(q(s.description()))
                            .append(", \"images\": ").append(s.imageCount()).append(", \"mixedOrientation\": ").append(s.mixedOrientation())
                            .append(", \"warnings\": ").append(strings(s.warnings())).append(", \"stacks\": [");
                    int ki = 0;
                    for (Stack k : s.stacks()) {
                        SliceHeader h = k.first();
                        sb.append(ki++ == 0 ? "\n" : ",\n").append("          {\"label\": ").append(q(k.label()))
                                .append(", \"columns\": ").append(k.columns()).append(", \"rows\": ").append(k.rows())
                                .append(", \"slices\": ").append(k.positions()).append(", \"timePoints\": ").append(k.timePoints())
                                .append(", \"images\": ").append(k.images().size())
                                .append(", \"pixelSpacing\": ").append(numbers(h.pixelSpacing()))
                                .append(", \"sliceSpacing\": ").append(num(k.spacing()))
                                .append(", \"orientation\": ").append(numbers(h.orientation()))
                                .append(", \"orientationName\": ").append(q(k.orientationName()))
                                .append(", \"missingSlices\": ").append(k.missingSlices())
                                .append(", \"duplicates\": ").append(k.duplicates())
                                .append(", \"variableSpacing\": ").append(k.variableSpacing())
                                .append(", \"minSpacing\": ").append(num(k.minSpacing()))
                                .append(", \"maxSpacing\": ").append(num(k.maxSpacing()))
                                .append(", \"tilt\": ").append(num(k.tilt()))
                                .append(", \"firstFile\": ").append(q(h.file().toString()))
                                .append(", \"warnings\": ").append(strings(k.warnings())).append('}');
                    }
                    sb.append("\n        ]}");
                }
                sb.append("\n      ]}");
            }
            sb.append("\n    ]}");
        }
        sb.append(scan.patients().isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return sb.toString();
    }

    private static String num(double d) {
        return Double.isFinite(d) ? (d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d)) : "null";
    }

    private static String numbers(double[] a) {
        if (a == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(num(a[i]));
        }
        return sb.append(']').toString();
    }

    private static String strings(List<String> l) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < l.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(q(l.get(i)));
        }
        return sb.append(']').toString();
    }

    static String q(String s) {
        return DicomJsonWriter.quote(s);
    }
}
