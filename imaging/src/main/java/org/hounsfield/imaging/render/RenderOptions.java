package org.hounsfield.imaging.render;

import org.hounsfield.core.DicomValueException;
import org.hounsfield.imaging.lut.AutoWindow;
import org.hounsfield.imaging.lut.Window;
import org.hounsfield.imaging.lut.WindowPreset;

/**
 * How to render: which window (explicit, preset, automatic, or the file's n-th), overlays, output
 * size and bit depth. Immutable; start from {@link #defaults()}.
 *
 * <p>Window choice, first match wins: {@link #window()}, {@link #preset()}, {@link #auto()}, the
 * file's window number {@link #voiIndex()} (windows first, then VOI LUT Sequence items), and when
 * the file has none, the min-max window ({@link AutoWindow.Method#MIN_MAX}).
 *
 * <pre>{@code
 * RenderOptions o = RenderOptions.defaults().withPreset(WindowPreset.LUNG).withSize(256, 256);
 * }</pre>
 *
 * @param window    an explicit window, or null
 * @param preset    a named window, or null
 * @param auto      compute the window from the pixels with this method, or null
 * @param voiIndex  which of the file's windows / VOI LUTs (0-based)
 * @param overlays  draw overlays (60xx)
 * @param maxWidth  fit the picture into this width (0: natural size)
 * @param maxHeight fit the picture into this height (0: natural size)
 * @param bits      8 (gray or RGB) or 16 (gray only)
 */
public record RenderOptions(Window window, WindowPreset preset, AutoWindow.Method auto, int voiIndex, boolean overlays,
                            int maxWidth, int maxHeight, int bits) {

    public RenderOptions {
        if (voiIndex < 0) {
            throw new DicomValueException("window number must be at least 0, not " + voiIndex);
        }
        if (maxWidth < 0 || maxHeight < 0 || maxWidth > 65535 || maxHeight > 65535) {
            throw new DicomValueException("size " + maxWidth + "x" + maxHeight + " out of range (0 to 65535)");
        }
        if (bits != 8 && bits != 16) {
            throw new DicomValueException("output bits must be 8 or 16, not " + bits);
        }
    }

    /** The file's first window, no overlays, natural size, 8 bits. */
    public static RenderOptions defaults() {
        return new RenderOptions(null, null, null, 0, false, 0, 0, 8);
    }

    public RenderOptions withWindow(Window w) {
        return new RenderOptions(w, null, null, voiIndex, overlays, maxWidth, maxHeight, bits);
    }

    public RenderOptions withWindow(double center, double width) {
        return withWindow(new Window(center, width, Window.Function.LINEAR, "given"));
    }

    public RenderOptions withPreset(WindowPreset p) {
        return new RenderOptions(null, p, null, voiIndex, overlays, maxWidth, maxHeight, bits);
    }

    public RenderOptions withAuto(AutoWindow.Method m) {
        return new RenderOptions(null, null, m, voiIndex, overlays, maxWidth, maxHeight, bits);
    }

    /** Use the file's window / VOI LUT number {@code i} (0-based). */
    public RenderOptions withVoiIndex(int i) {
        return new RenderOptions(window, preset, auto, i, overlays, maxWidth, maxHeight, bits);
    }

    public RenderOptions withOverlays(boolean on) {
        return new RenderOptions(window, preset, auto, voiIndex, on, maxWidth, maxHeight, bits);
    }

    /** Fit into {@code w} x {@code h} keeping the aspect ratio (0 x 0: natural size). */
    public RenderOptions withSize(int w, int h) {
        return new RenderOptions(window, preset, auto, voiIndex, overlays, w, h, bits);
    }

    public RenderOptions withBits(int b) {
        return new RenderOptions(window, preset, auto, voiIndex, overlays, maxWidth, maxHeight, b);
    }
}
