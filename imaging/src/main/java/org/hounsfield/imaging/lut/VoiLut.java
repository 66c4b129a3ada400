package org.hounsfield.imaging.lut;

import java.util.ArrayList;
import java.util.List;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.Element;
import org.hounsfield.core.Sequence;
import org.hounsfield.core.Tag;

/**
 * A VOI LUT Sequence table (PS3.3 C.11.2.1.1): the input is the physical value truncated to an
 * integer (as DCMTK does), the output is the table entry divided by 2^bits - 1.
 *
 * <pre>{@code
 * List<VoiLut> luts = VoiLut.of(ds);
 * double y = luts.get(0).apply(1200);
 * }</pre>
 *
 * @param table the table
 */
public record VoiLut(LookupTable table) implements VoiTransform {

    /**
     * The VOI LUT Sequence items of a data set (top level), in order; empty when absent. Items
     * without LUT Descriptor or LUT Data (empty elements, as some writers leave) are skipped.
     */
    public static List<VoiLut> of(Dataset ds) {
        List<VoiLut> out = new ArrayList<>();
        Sequence s = ds.getSequence(Tag.VOILUTSequence);
        if (s == null) {
            return out;
        }
        // input of the VOI LUT is the Modality LUT output: signed only when there is no Modality LUT table
        boolean signed = ds.getInt(Tag.PixelRepresentation, 0) == 1 && ds.getSequence(Tag.ModalityLUTSequence) == null;
        for (Dataset item : s) {
            Element d = item.get(Tag.LUTDescriptor);
            Element data = item.get(Tag.LUTData);
            if (d != null && data != null && !d.isEmpty() && !data.isEmpty()) {
                out.add(new VoiLut(LookupTable.of(item, signed)));
            }
        }
        return out;
    }

    @Override
    public double apply(double x) {
        return table.lookup((long) x) / (double) table.maxValue();
    }

    @Override
    public String describe() {
        return "VOI LUT Sequence " + table;
    }
}
