package org.hounsfield.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.hounsfield.codec.FrameInfo;
import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomValueException;
import org.hounsfield.core.Tag;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.imaging.PixelData;
import org.hounsfield.imaging.lut.ModalityLut;
import org.hounsfield.imaging.lut.StoredValues;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hounsfield hu}: the physical value at a pixel. */
@Command(name = "hu", mixinStandardHelpOptions = true,
        description = {"Print the physical value (Hounsfield units for CT) at pixel X,Y: the",
                "stored value through the Modality LUT (Rescale Slope/Intercept, per-frame",
                "functional groups, or the Modality LUT Sequence). One line per --at:",
                "'X,Y  <value> <unit>  (stored <v>)'; colour images print their samples."},
        footer = {"", "Examples:", "  hounsfield hu ct.dcm --at 256,256", "  hounsfield hu ct.dcm --at 10,10 --at 256,300 --frame 0"})
final class HuCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A DICOM image.")
    Path file;

    @Option(names = "--at", paramLabel = "X,Y", required = true, description = "Column X and row Y, 0-based from the top left (repeatable).")
    List<String> at;

    @Option(names = "--frame", paramLabel = "N", description = "Frame N (0-based; default 0).")
    int frame;

    @Override
    public Integer call() {
        int[][] points = new int[at.size()][];
        for (int i = 0; i < at.size(); i++) {
            String[] xy = at.get(i).split(",");
            try {
                if (xy.length != 2) {
                    throw new NumberFormatException();
                }
                points[i] = new int[] {Integer.parseInt(xy[0].trim()), Integer.parseInt(xy[1].trim())};
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--at takes X,Y (two integers), not '" + at.get(i) + "'");
            }
        }
        Dataset ds = DicomReader.read(file);
        if (!ds.contains(Tag.PixelData) && !ds.contains(Tag.FloatPixelData) && !ds.contains(Tag.DoubleFloatPixelData)) {
            throw new DicomValueException("no pixel data");
        }
        PixelData px = PixelData.of(ds);
        FrameInfo info = px.info();
        if (frame < 0 || frame >= px.frameCount()) {
            throw new DicomValueException("frame " + frame + " out of range (" + px.frameCount() + " frame(s), 0-based)");
        }
        StoredValues sv = StoredValues.read(ds, px, frame);
        boolean floating = !sv.isInteger() && !ds.contains(Tag.PixelData);
        ModalityLut m = floating ? ModalityLut.identity() : ModalityLut.of(ds, frame);
        PrintWriter o = spec.commandLine().getOut();
        int spp = info.samplesPerPixel();
        StringBuilder sb = new StringBuilder();
        for (int[] p : points) {
            int x = p[0];
            int y = p[1];
            if (x < 0 || y < 0 || x >= info.columns() || y >= info.rows()) {
                throw new DicomValueException("(" + x + "," + y + ") is outside the " + info.columns() + "x" + info.rows() + " image");
            }
            int idx = (y * info.columns() + x) * spp;
            sb.append(x).append(',').append(y).append("  ");
            if (spp == 1) {
                double stored = sv.get(idx);
                double v = m.apply(stored);
                String unit = m.unit();
                sb.append(number(v));
                if (!unit.isEmpty() && !"US".equals(unit)) { // Rescale Type US = unspecified
                    sb.append(' ').append(unit);
                }
                if (!floating) {
                    sb.append("  (stored ").append(number(stored)).append(")");
                }
            } else {
                sb.append(info.photometric().trim());
                for (int s = 0; s < spp; s++) {
                    sb.append(' ').append(number(sv.get(idx + s)));
                }
            }
            sb.append('\n');
        }
        o.print(sb);
        o.flush();
        return 0;
    }

    /** Integers without a fraction; others with up to 6 decimals, trailing zeros dropped. */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
