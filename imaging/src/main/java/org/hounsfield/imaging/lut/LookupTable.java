package org.hounsfield.imaging.lut;

import java.util.Arrays;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomValueException;
import org.hounsfield.core.Element;
import org.hounsfield.core.Tag;

/**
 * A DICOM lookup table as used by the Modality LUT Sequence and the VOI LUT Sequence (PS3.3
 * C.11.1 and C.11.2): LUT Descriptor (entries, first value mapped, bits per entry) and LUT Data.
 * Input values below the first mapped value give the first entry, values past the end the last.
 *
 * <pre>{@code
 * Dataset item = ds.getSequence(Tag.ModalityLUTSequence).get(0);
 * LookupTable lut = LookupTable.of(item, true);   // pixel values are signed
 * int out = lut.lookup(-2048);                     // first entry
 * }</pre>
 */
public final class LookupTable {
    private final int firstMapped;
    private final int bits;
    private final int[] data;
    private final String explanation;

    /**
     * @param firstMapped first input value mapped
     * @param bits        bits per entry (the 3rd descriptor value), 1..16
     * @param data        the entries (unsigned)
     * @param explanation LUT Explanation, may be empty
     */
    public LookupTable(int firstMapped, int bits, int[] data, String explanation) {
        if (data.length == 0) {
            throw new DicomValueException("lookup table without entries");
        }
        if (bits < 1 || bits > 16) {
            throw new DicomValueException("lookup table with " + bits + " bits per entry (1 to 16 allowed)");
        }
        this.firstMapped = firstMapped;
        this.bits = bits;
        this.data = data.clone();
        this.explanation = explanation == null ? "" : explanation;
    }

    /**
     * Reads an item holding (0028,3002) LUT Descriptor and (0028,3006) LUT Data.
     *
     * @param signedInput whether input values are signed (Pixel Representation 1): the first
     *                    mapped value is then read as signed even when encoded as US
     */
    public static LookupTable of(Dataset item, boolean signedInput) {
        Element desc = item.get(Tag.LUTDescriptor);
        Element lutData = item.get(Tag.LUTData);
        if (desc == null || lutData == null || desc.isEmpty() || lutData.isEmpty()) {
            throw new DicomValueException("lookup table item without LUT Descriptor or LUT Data");
        }
        int[] d = desc.ints();
        if (d.length < 3) {
            throw new DicomValueException("LUT Descriptor has " + d.length + " values, 3 expected");
        }
        int entries = (d[0] & 0xFFFF) == 0 ? 65536 : d[0] & 0xFFFF;
        int first = d[1];
        if (signedInput && first > 32767) {
            first -= 65536; // encoded as US, meant as SS (PS3.3 C.11.1.1.1)
        }
        int bits = d[2];
        byte[] raw = lutData.littleEndianBytes();
        int[] values;
        if (raw.length >= 2 * entries) {
            values = new int[entries];
            for (int i = 0; i < entries; i++) {
                values[i] = (raw[2 * i] & 0xFF) | (raw[2 * i + 1] & 0xFF) << 8;
            }
        } else if (raw.length >= entries && bits <= 8) {
            // 8-bit entries packed two per 16-bit word
            values = new int[entries];
            for (int i = 0; i < entries; i++) {
                values[i] = raw[i] & 0xFF;
            }
        } else {
            throw new DicomValueException("LUT Data holds " + raw.length + " bytes, too few for " + entries + " entries of " + bits + " bits");
        }
        if (bits < 1 || bits > 16) {
            throw new DicomValueException("LUT Descriptor says " + bits + " bits per entry (8 to 16 allowed)");
        }
        if (bits < 16) {
            int max = (1 << bits) - 1;
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.min(values[i], max);
            }
        }
        return new LookupTable(first, bits, values, item.getString(Tag.LUTExplanation, ""));
    }

    public int entries() {
        return data.length;
    }

    public int firstMapped() {
        return firstMapped;
    }

    public int bits() {
        return bits;
    }

    /** The largest value an entry may hold: 2^bits - 1. */
    public int maxValue() {
        return (1 << bits) - 1;
    }

    public String explanation() {
        return explanation;
    }

    public int[] data() {
        return data.clone();
    }

    /** The entry for input value {@code v} (clamped to the first and last entry). */
    public int lookup(long v) {
        long i = v - firstMapped;
        return data[i <= 0 ? 0 : i >= data.length ? data.length - 1 : (int) i];
    }

    /** Smallest and largest entry. */
    public int[] range() {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int v : data) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new int[] {min, max};
    }

    @Override
    public String toString() {
        return "LUT " + data.length + " entries from " + firstMapped + ", " + bits + " bits"
                + (explanation.isEmpty() ? "" : " (" + explanation + ")");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LookupTable t && t.firstMapped == firstMapped && t.bits == bits && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + firstMapped;
    }
}
