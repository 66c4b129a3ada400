package org.hounsfield.imaging.lut;

import java.util.Locale;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.Tag;

/**
 * The Presentation LUT stage for images: whether the VOI output is shown inverted (minimum white).
 *
 * <p>MONOCHROME1 is inverted, whatever Presentation LUT Shape (2050,0020) says (PS3.3 requires
 * INVERSE with MONOCHROME1, so INVERSE there restates the inversion rather than undoing it);
 * MONOCHROME2 is inverted only with Presentation LUT Shape INVERSE. This equals DCMTK except for
 * the non-conformant MONOCHROME1 + IDENTITY, which DCMTK shows without inversion.
 *
 * <pre>{@code
 * PresentationLut p = PresentationLut.of(ds);
 * if (p.inverted()) gray = 255 - gray;
 * }</pre>
 *
 * @param inverted whether to invert
 * @param reason   why, for messages
 */
public record PresentationLut(boolean inverted, String reason) {

    public static PresentationLut of(Dataset ds) {
        String pi = ds.getString(Tag.PhotometricInterpretation, "").trim().toUpperCase(Locale.ROOT);
        String shape = ds.getString(Tag.PresentationLUTShape, "").trim().toUpperCase(Locale.ROOT);
        if ("MONOCHROME1".equals(pi)) {
            return new PresentationLut(true, "MONOCHROME1" + (shape.isEmpty() ? "" : ", Presentation LUT Shape " + shape));
        }
        if ("INVERSE".equals(shape)) {
            return new PresentationLut(true, "Presentation LUT Shape INVERSE");
        }
        return new PresentationLut(false, shape.isEmpty() ? pi : pi + ", Presentation LUT Shape " + shape);
    }
}
