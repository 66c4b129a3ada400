package org.hounsfield.imaging.lut;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomValueException;
import org.hounsfield.core.Element;
import org.hounsfield.core.Tag;

/**
 * A window: Window Center and Width with a VOI LUT Function (PS3.3 C.11.2.1.2 and C.11.2.1.3).
 *
 * <ul>
 *   <li>LINEAR (C.11.2.1.2.1): {@code x <= c - 0.5 - (w-1)/2} gives 0, {@code x > c - 0.5 + (w-1)/2}
 *       gives 1, otherwise {@code (x - (c - 0.5)) / (w - 1) + 0.5}; width at least 1.</li>
 *   <li>LINEAR_EXACT (C.11.2.1.3.2): {@code x <= c - w/2} gives 0, {@code x > c + w/2} gives 1,
 *       otherwise {@code (x - c) / w + 0.5}; width above 0.</li>
 *   <li>SIGMOID (C.11.2.1.3.1): {@code 1 / (1 + exp(-4 (x - c) / w))}; width above 0.</li>
 * </ul>
 *
 * <pre>{@code
 * Window brain = new Window(40, 80);                       // LINEAR
 * List<Window> fromFile = Window.of(ds, 0);                // every window of frame 0, with explanations
 * double y = brain.apply(40);                              // 0.506...
 * }</pre>
 *
 * @param center      Window Center
 * @param width       Window Width
 * @param function    VOI LUT Function
 * @param explanation Window Center &amp; Width Explanation, or where the window came from; may be empty
 */
public record Window(double center, double width, Function function, String explanation) implements VoiTransform {

    /** VOI LUT Function (0028,1056). */
    public enum Function {
        LINEAR, LINEAR_EXACT, SIGMOID;

        /** Parses a VOI LUT Function value; empty means LINEAR; unknown values are an error. */
        public static Function parse(String s) {
            String t = s == null ? "" : s.trim().toUpperCase(Locale.ROOT);
            if (t.isEmpty()) {
                return LINEAR;
            }
            try {
                return valueOf(t);
            } catch (IllegalArgumentException e) {
                throw new DicomValueException("unknown VOI LUT Function '" + s + "' (LINEAR, LINEAR_EXACT or SIGMOID)");
            }
        }
    }

    public Window {
        if (function == null) {
            function = Function.LINEAR;
        }
        if (explanation == null) {
            explanation = "";
        }
        if (!Double.isFinite(center) || !Double.isFinite(width)) {
            throw new DicomValueException("window centre and width must be finite numbers, not " + center + "/" + width);
        }
        if (function == Function.LINEAR ? width < 1 : width <= 0) {
            throw new DicomValueException("Window Width " + fmt(width) + " is invalid for " + function
                    + (function == Function.LINEAR ? " (at least 1)" : " (above 0)"));
        }
    }

    /** A LINEAR window without explanation. */
    public Window(double center, double width) {
        this(center, width, Function.LINEAR, "");
    }

    /** Whether {@code center}/{@code width} make a valid window for {@code function}. */
    public static boolean isValid(double center, double width, Function function) {
        return Double.isFinite(center) && Double.isFinite(width) && (function == Function.LINEAR ? width >= 1 : width > 0);
    }

    /**
     * The windows a data set gives for frame {@code frame} (0-based): the Frame VOI LUT functional
     * group (per-frame, else shared) of enhanced images, else Window Center/Width at the top level.
     * Each centre/width pair is one window, with its explanation; invalid pairs (empty, width below
     * the function's minimum) are left out.
     */
    public static List<Window> of(Dataset ds, int frame) {
        Dataset fg = ModalityLut.functionalGroup(ds, frame, Tag.FrameVOILUTSequence);
        List<Window> out = fg != null ? read(fg, ds) : new ArrayList<>();
        return out.isEmpty() ? read(ds, ds) : out;
    }

    private static List<Window> read(Dataset d, Dataset root) {
        List<Window> out = new ArrayList<>();
        Element c = d.get(Tag.WindowCenter);
        Element w = d.get(Tag.WindowWidth);
        if (c == null || w == null || c.isEmpty() || w.isEmpty()) {
            return out;
        }
        double[] cs;
        double[] ws;
        try {
            cs = c.doubles();
            ws = w.doubles();
        } catch (DicomValueException e) {
            return out; // unreadable numbers: as if absent
        }
        String f = d.getString(Tag.VOILUTFunction, root.getString(Tag.VOILUTFunction, ""));
        Function fn;
        try {
            fn = Function.parse(f);
        } catch (DicomValueException e) {
            fn = Function.LINEAR; // DCMTK also falls back to LINEAR
        }
        Element ex = d.get(Tag.WindowCenterWidthExplanation);
        List<String> exps = ex == null ? List.of() : ex.strings();
        int n = Math.min(cs.length, ws.length);
        for (int i = 0; i < n; i++) {
            if (isValid(cs[i], ws[i], fn)) {
                out.add(new Window(cs[i], ws[i], fn, i < exps.size() ? exps.get(i).trim() : ""));
            }
        }
        return out;
    }

    @Override
    public double apply(double x) {
        switch (function) {
            case LINEAR: {
                double c = center - 0.5;
                double w = width - 1;
                if (x <= c - w / 2) {
                    return 0;
                }
                if (x > c + w / 2) {
                    return 1;
                }
                return (x - c) / w + 0.5;
            }
            case LINEAR_EXACT: {
                if (x <= center - width / 2) {
                    return 0;
                }
                if (x > center + width / 2) {
                    return 1;
                }
                return (x - center) / width + 0.5;
            }
            default:
                return 1 / (1 + Math.exp(-4 * (x - center) / width));
        }
    }

    /** The same window with another explanation. */
    public Window withExplanation(String text) {
        return new Window(center, width, function, text);
    }

    @Override
    public String describe() {
        return "window C " + fmt(center) + " W " + fmt(width) + " " + function + (explanation.isEmpty() ? "" : " (" + explanation + ")");
    }

    static String fmt(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = String.format(Locale.ROOT, "%.4f", d);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
