package org.hounsfield.imaging.lut;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomValueException;
import org.hounsfield.core.Element;
import org.hounsfield.core.Sequence;
import org.hounsfield.core.Tag;

/**
 * The Modality LUT stage (PS3.3 C.11.1): stored values to physical values, by Rescale Slope and
 * Intercept or by a Modality LUT Sequence table, with the unit (Rescale Type / Modality LUT Type;
 * "HU" for CT when the file does not say).
 *
 * <p>For enhanced multi-frame images the rescale comes from the Pixel Value Transformation
 * Sequence of the frame's Per-frame Functional Groups, else of the Shared Functional Groups.
 *
 * <pre>{@code
 * ModalityLut m = ModalityLut.of(ds, 0);
 * double hu = m.apply(1064);      // 40.0 with slope 1, intercept -1024
 * String unit = m.unit();         // "HU"
 * }</pre>
 */
public final class ModalityLut {
    private final double slope;
    private final double intercept;
    private final LookupTable table;
    private final String unit;
    private final String source;

    private ModalityLut(double slope, double intercept, LookupTable table, String unit, String source) {
        this.slope = slope;
        this.intercept = intercept;
        this.table = table;
        this.unit = unit == null ? "" : unit;
        this.source = source;
    }

    /** Linear rescale: {@code slope * stored + intercept}. */
    public static ModalityLut rescale(double slope, double intercept, String unit) {
        if (!Double.isFinite(slope) || !Double.isFinite(intercept)) {
            throw new DicomValueException("Rescale Slope/Intercept must be finite numbers, not " + slope + "/" + intercept);
        }
        return new ModalityLut(slope, intercept, null, unit, "Rescale Slope " + fmt(slope) + ", Intercept " + fmt(intercept));
    }

    /** A table (Modality LUT Sequence). */
    public static ModalityLut table(LookupTable table, String unit) {
        return new ModalityLut(1, 0, table, unit, "Modality LUT Sequence (" + table + ")");
    }

    /** No transformation: physical values are the stored values. */
    public static ModalityLut identity() {
        return new ModalityLut(1, 0, null, "", "none (stored values)");
    }

    /** The Modality LUT of frame 0. */
    public static ModalityLut of(Dataset ds) {
        return of(ds, 0);
    }

    /** The Modality LUT in force for frame {@code frame} (0-based). */
    public static ModalityLut of(Dataset ds, int frame) {
        String modality = ds.getString(Tag.Modality, "");
        Dataset fg = functionalGroup(ds, frame, Tag.PixelValueTransformationSequence);
        if (fg != null && (fg.contains(Tag.RescaleSlope) || fg.contains(Tag.RescaleIntercept))) {
            ModalityLut m = fromRescale(fg, modality);
            return new ModalityLut(m.slope, m.intercept, null, m.unit, m.source + " (Pixel Value Transformation, "
                    + (perFrame(ds, frame, Tag.PixelValueTransformationSequence) ? "per-frame" : "shared") + " functional groups)");
        }
        Sequence mlut = ds.getSequence(Tag.ModalityLUTSequence);
        if (mlut != null && !mlut.isEmpty() && hasValue(mlut.get(0), Tag.LUTDescriptor) && hasValue(mlut.get(0), Tag.LUTData)) {
            // an item with empty LUT Descriptor / LUT Data (some writers leave one) counts as absent
            Dataset item = mlut.get(0);
            LookupTable t = LookupTable.of(item, ds.getInt(Tag.PixelRepresentation, 0) == 1);
            String type = item.getString(Tag.ModalityLUTType, "");
            return table(t, type.isEmpty() && "CT".equals(modality) ? "HU" : type);
        }
        if (hasValue(ds, Tag.RescaleSlope) || hasValue(ds, Tag.RescaleIntercept)) {
            return fromRescale(ds, modality);
        }
        return new ModalityLut(1, 0, null, "CT".equals(modality) ? "HU" : "", "none (stored values)");
    }

    private static ModalityLut fromRescale(Dataset d, String modality) {
        double slope = hasValue(d, Tag.RescaleSlope) ? d.getDouble(Tag.RescaleSlope, 1) : 1;
        double intercept = hasValue(d, Tag.RescaleIntercept) ? d.getDouble(Tag.RescaleIntercept, 0) : 0;
        if (!Double.isFinite(slope) || slope == 0) {
            slope = 1; // an empty or zero slope would erase the image; treat as absent
        }
        if (!Double.isFinite(intercept)) {
            intercept = 0;
        }
        String type = d.getString(Tag.RescaleType, "");
        return rescale(slope, intercept, type.isEmpty() && "CT".equals(modality) ? "HU" : type);
    }

    private static boolean hasValue(Dataset d, int tag) {
        Element e = d.get(tag);
        return e != null && !e.isEmpty();
    }

    /**
     * The first item of {@code macroTag} in the per-frame functional group of {@code frame}, else
     * in the shared functional groups, else null.
     */
    static Dataset functionalGroup(Dataset ds, int frame, int macroTag) {
        Sequence per = ds.getSequence(Tag.PerFrameFunctionalGroupsSequence);
        if (per != null && frame >= 0 && frame < per.size()) {
            Sequence s = per.get(frame).getSequence(macroTag);
            if (s != null && !s.isEmpty()) {
                return s.get(0);
            }
        }
        Sequence shared = ds.getSequence(Tag.SharedFunctionalGroupsSequence);
        if (shared != null && !shared.isEmpty()) {
            Sequence s = shared.get(0).getSequence(macroTag);
            if (s != null && !s.isEmpty()) {
                return s.get(0);
            }
        }
        return null;
    }

    static boolean perFrame(Dataset ds, int frame, int macroTag) {
        Sequence per = ds.getSequence(Tag.PerFrameFunctionalGroupsSequence);
        if (per != null && frame >= 0 && frame < per.size()) {
            Sequence s = per.get(frame).getSequence(macroTag);
            return s != null && !s.isEmpty();
        }
        return false;
    }

    public double slope() {
        return slope;
    }

    public double intercept() {
        return intercept;
    }

    /** The Modality LUT Sequence table, or null for a linear rescale. */
    public LookupTable table() {
        return table;
    }

    /** Rescale Type / Modality LUT Type ("HU", "US" = unspecified, ...); "HU" for CT without one; may be empty. */
    public String unit() {
        return unit;
    }

    /** Where the transformation came from, for messages. */
    public String source() {
        return source;
    }

    /** Whether physical values equal stored values. */
    public boolean isIdentity() {
        return table == null && slope == 1 && intercept == 0;
    }

    /** Physical value of one stored value. */
    public double apply(double stored) {
        if (table != null) {
            return table.lookup((long) Math.floor(stored));
        }
        return stored * slope + intercept;
    }

    /** Physical values of stored integer values, as float (the usual HU image). */
    public float[] apply(int[] stored) {
        float[] out = new float[stored.length];
        if (table != null) {
            for (int i = 0; i < out.length; i++) {
                out[i] = table.lookup(stored[i]);
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (stored[i] * slope + intercept);
            }
        }
        return out;
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    @Override
    public String toString() {
        return source + (unit.isEmpty() ? "" : ", unit " + unit);
    }
}
