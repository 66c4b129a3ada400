package org.hounsfield.imaging.lut;

import java.util.Arrays;
import java.util.Locale;

import org.hounsfield.core.DicomValueException;

/**
 * Windows computed from the pixel values when the file recommends none.
 *
 * <ul>
 *   <li>{@link Method#MIN_MAX}: the full range of the frame's physical values, smallest black and
 *       largest white: LINEAR, centre {@code (min + max + 1) / 2}, width {@code max - min + 1}
 *       (DCMTK's {@code dcmj2pnm +Wm}, so pictures compare one to one).</li>
 *   <li>{@link Method#PERCENTILE}: from the 1st to the 99th percentile of the values (LINEAR_EXACT),
 *       which ignores padding and a few extreme pixels; better for CT with -2000 padding.</li>
 * </ul>
 *
 * <pre>{@code
 * Window w = AutoWindow.compute(AutoWindow.Method.PERCENTILE, values, lut);
 * w.explanation();   // "auto: 1st-99th percentile"
 * }</pre>
 */
public final class AutoWindow {

    /** How to compute the window. */
    public enum Method {
        MIN_MAX("min-max"), PERCENTILE("percentile");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** "minmax", "min-max", "percentile", "histogram" (case-insensitive). */
        public static Method parse(String s) {
            String t = s.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
            switch (t) {
                case "minmax":
                case "":
                    return MIN_MAX;
                case "percentile":
                case "percentiles":
                case "histogram":
                    return PERCENTILE;
                default:
                    throw new DicomValueException("unknown automatic window method '" + s + "' (minmax or percentile)");
            }
        }
    }

    /** Percentiles of the PERCENTILE method. */
    public static final double LOW_PERCENTILE = 1;
    public static final double HIGH_PERCENTILE = 99;

    private AutoWindow() {
    }

    /** The min-max window of values from {@code min} to {@code max}. */
    public static Window minMax(double min, double max) {
        if (!(min <= max)) {
            min = 0;
            max = 0;
        }
        return new Window((min + max + 1) / 2, max - min + 1, Window.Function.LINEAR, "auto: min-max " + Window.fmt(min) + " to " + Window.fmt(max));
    }

    /** A window over the stored values of a frame after the Modality LUT. */
    public static Window compute(Method method, StoredValues stored, ModalityLut lut) {
        if (method == Method.MIN_MAX) {
            double[] r = physicalRange(stored, lut);
            return minMax(r[0], r[1]);
        }
        return percentile(stored, lut, LOW_PERCENTILE, HIGH_PERCENTILE);
    }

    /** Smallest and largest physical value of a frame. */
    public static double[] physicalRange(StoredValues stored, ModalityLut lut) {
        if (stored.length() == 0) {
            return new double[] {0, 0};
        }
        if (!stored.isInteger() || lut.table() == null) {
            double a = lut.apply(stored.min());
            double b = lut.apply(stored.max());
            if (Double.isNaN(a) || Double.isNaN(b)) {
                return new double[] {0, 0};
            }
            return new double[] {Math.min(a, b), Math.max(a, b)};
        }
        // table: the range of the entries actually used
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int smin = (int) stored.min();
        int smax = (int) stored.max();
        if ((long) smax - smin < 1 << 20) {
            boolean[] seen = new boolean[smax - smin + 1];
            for (int v : stored.ints()) {
                seen[v - smin] = true;
            }
            for (int i = 0; i < seen.length; i++) {
                if (seen[i]) {
                    double p = lut.apply(smin + i);
                    lo = Math.min(lo, p);
                    hi = Math.max(hi, p);
                }
            }
        } else {
            for (int v : stored.ints()) {
                double p = lut.apply(v);
                lo = Math.min(lo, p);
                hi = Math.max(hi, p);
            }
        }
        return new double[] {lo, hi};
    }

    /** From the {@code low}-th to the {@code high}-th percentile (0..100) of the physical values. */
    public static Window percentile(StoredValues stored, ModalityLut lut, double low, double high) {
        int n = stored.length();
        // at most about a million samples: sorting is then quick and the percentiles barely move
        int step = Math.max(1, n / (1 << 20));
        float[] v = new float[(n + step - 1) / step];
        int k = 0;
        for (int i = 0; i < n; i += step) {
            double p = lut.apply(stored.get(i));
            if (Double.isFinite(p)) {
                v[k++] = (float) p;
            }
        }
        if (k == 0) {
            return minMax(0, 0);
        }
        float[] s = Arrays.copyOf(v, k);
        Arrays.sort(s);
        double lo = s[(int) Math.min(k - 1, Math.floor(low / 100 * (k - 1)))];
        double hi = s[(int) Math.min(k - 1, Math.ceil(high / 100 * (k - 1)))];
        String text = "auto: " + ordinal(low) + "-" + ordinal(high) + " percentile " + Window.fmt(lo) + " to " + Window.fmt(hi);
        if (hi <= lo) {
            return new Window(lo, 1, Window.Function.LINEAR_EXACT, text);
        }
        return new Window((lo + hi) / 2, hi - lo, Window.Function.LINEAR_EXACT, text);
    }

    private static String ordinal(double p) {
        String n = Window.fmt(p);
        String suffix = n.endsWith("1") && !n.endsWith("11") ? "st" : n.endsWith("2") && !n.endsWith("12") ? "nd"
                : n.endsWith("3") && !n.endsWith("13") ? "rd" : "th";
        return n + suffix;
    }
}
