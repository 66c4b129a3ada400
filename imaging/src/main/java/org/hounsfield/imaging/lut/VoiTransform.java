package org.hounsfield.imaging.lut;

/**
 * The VOI LUT stage (PS3.3 C.11.2): a physical value to a display value, normalised to
 * {@code [0, 1]} (0 the darkest, 1 the brightest before any Presentation LUT inversion).
 * Implemented by {@link Window} (Window Center/Width with a VOI LUT Function) and {@link VoiLut}
 * (a VOI LUT Sequence table).
 *
 * <pre>{@code
 * VoiTransform voi = new Window(40, 80);   // brain window
 * double y = voi.apply(60);                // 0.75...
 * }</pre>
 */
public sealed interface VoiTransform permits Window, VoiLut {

    /** The normalised output, in [0, 1], for physical value {@code x}. */
    double apply(double x);

    /** A one-line description for messages, e.g. "window C 40 W 80 LINEAR (BRAIN)". */
    String describe();
}
