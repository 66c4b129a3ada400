package org.hounsfield.imaging.lut;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomValueException;
import org.hounsfield.imaging.PixelData;

/**
 * One frame in physical values (the output of the Modality LUT), for example Hounsfield units of a
 * CT slice, row by row.
 *
 * <pre>{@code
 * PhysicalFrame hu = PhysicalFrame.of(ds, 0);
 * float v = hu.valueAt(256, 256);      // column 256, row 256
 * String unit = hu.unit();             // "HU"
 * }</pre>
 *
 * @param values  rows x columns values, row by row
 * @param rows    Rows
 * @param columns Columns
 * @param unit    Rescale Type / Modality LUT Type ("HU" for CT when absent; may be empty)
 * @param lut     the Modality LUT applied
 */
public record PhysicalFrame(float[] values, int rows, int columns, String unit, ModalityLut lut) {

    /** Frame {@code frame} (0-based) of a grayscale image in physical values. */
    public static PhysicalFrame of(Dataset ds, int frame) {
        return of(ds, PixelData.of(ds), frame);
    }

    /** Like {@link #of(Dataset, int)}, reusing an opened {@link PixelData}. */
    public static PhysicalFrame of(Dataset ds, PixelData px, int frame) {
        if (px.info().samplesPerPixel() != 1) {
            throw new DicomValueException("physical values need a single-sample (grayscale) image; this one has "
                    + px.info().samplesPerPixel() + " samples per pixel (" + px.info().photometric() + ")");
        }
        StoredValues sv = StoredValues.read(ds, px, frame);
        ModalityLut m = sv.isInteger() ? ModalityLut.of(ds, frame) : ModalityLut.identity();
        float[] v;
        if (sv.isInteger()) {
            v = m.apply(sv.ints());
        } else {
            double[] d = sv.doubles();
            v = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                v[i] = (float) d[i];
            }
        }
        return new PhysicalFrame(v, px.info().rows(), px.info().columns(), m.unit(), m);
    }

    /** The value at column {@code x}, row {@code y} (0-based). */
    public float valueAt(int x, int y) {
        if (x < 0 || y < 0 || x >= columns || y >= rows) {
            throw new DicomValueException("(" + x + "," + y + ") is outside the " + columns + "x" + rows + " image");
        }
        return values[y * columns + x];
    }
}
