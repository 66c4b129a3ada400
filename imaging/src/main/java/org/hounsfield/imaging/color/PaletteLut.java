package org.hounsfield.imaging.color;

import java.util.ArrayList;
import java.util.List;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomValueException;
import org.hounsfield.core.Element;
import org.hounsfield.core.Tag;

/**
 * The Palette Color Lookup Table (PS3.3 C.7.6.3.1.5/6 and C.7.9): stored values to red, green,
 * blue (and alpha) as pydicom's {@code apply_color_lut}: values below the first mapped value give
 * the first entry, values past the end the last; 8- or 16-bit entries (the depth is that of the
 * data: two bytes per entry mean 16 bits, one byte 8 bits); segmented tables (discrete, linear
 * and indirect segments) are expanded first.
 *
 * <pre>{@code
 * PaletteLut pal = PaletteLut.of(ds);
 * int[] rgb = pal.lookup(17);          // entries at their own depth (0..255 or 0..65535)
 * byte[] rgb8 = pal.toRgb8(stored);    // for display
 * }</pre>
 */
public final class PaletteLut {
    private final int firstMapped;
    private final int bits;
    private final int[][] channels;

    /**
     * @param firstMapped first stored value mapped
     * @param bits        bits per entry, 8 or 16
     * @param channels    red, green, blue and optionally alpha, all the same length
     */
    public PaletteLut(int firstMapped, int bits, int[]... channels) {
        if (bits != 8 && bits != 16) {
            throw new DicomValueException("palette entries of " + bits + " bits (8 or 16 allowed)");
        }
        if (channels.length < 3 || channels.length > 4) {
            throw new DicomValueException("a palette needs red, green, blue (and optionally alpha) tables");
        }
        int n = channels[0].length;
        for (int[] c : channels) {
            if (c.length != n || n == 0) {
                throw new DicomValueException("palette tables must be non-empty and of the same length");
            }
        }
        this.firstMapped = firstMapped;
        this.bits = bits;
        this.channels = new int[channels.length][];
        for (int i = 0; i < channels.length; i++) {
            this.channels[i] = channels[i].clone();
        }
    }

    /** Reads the palette of a PALETTE COLOR image (normal or segmented tables). */
    public static PaletteLut of(Dataset ds) {
        Element desc = ds.get(Tag.RedPaletteColorLookupTableDescriptor);
        if (desc == null || desc.isEmpty()) {
            throw new DicomValueException("PALETTE COLOR image without Red Palette Color Lookup Table Descriptor (0028,1101)");
        }
        int[] d = desc.ints();
        if (d.length < 3) {
            throw new DicomValueException("Red Palette Color Lookup Table Descriptor has " + d.length + " values, 3 expected");
        }
        int entries = (d[0] & 0xFFFF) == 0 ? 65536 : d[0] & 0xFFFF;
        int first = d[1];
        if (ds.getInt(Tag.PixelRepresentation, 0) == 1 && first > 32767) {
            first -= 65536;
        }
        int nominal = d[2];
        List<int[]> tables = new ArrayList<>();
        int depth;
        if (ds.contains(Tag.RedPaletteColorLookupTableData)) {
            int[] tags = {Tag.RedPaletteColorLookupTableData, Tag.GreenPaletteColorLookupTableData,
                Tag.BluePaletteColorLookupTableData, Tag.AlphaPaletteColorLookupTableData};
            byte[] red = bytes(ds, tags[0]);
            // the depth is what the data holds: 2 bytes an entry = 16 bits (8-bit values in 16-bit words included)
            depth = red.length >= 2 * entries ? 16 : red.length >= entries ? 8 : -1;
            if (depth < 0) {
                throw new DicomValueException("Red Palette Color Lookup Table Data holds " + red.length + " bytes, too few for " + entries + " entries");
            }
            for (int k = 0; k < 4; k++) {
                if (k == 3 && !ds.contains(tags[3])) {
                    break;
                }
                byte[] b = k == 0 ? red : bytes(ds, tags[k]);
                if (b.length < entries * depth / 8) {
                    throw new DicomValueException("palette table " + Tag.toString(tags[k]) + " holds " + b.length + " bytes, " + entries * depth / 8 + " expected");
                }
                tables.add(unpack(b, entries, depth));
            }
            if (depth == 16 && nominal == 8 && tables.stream().allMatch(t -> java.util.Arrays.stream(t).allMatch(v -> v <= 255))) {
                depth = 8; // 8-bit values written one per 16-bit word (not packed as C.7.6.3.1.6 asks): keep them 8-bit
            }
        } else if (ds.contains(Tag.SegmentedRedPaletteColorLookupTableData)) {
            if (nominal != 8 && nominal != 16) {
                throw new DicomValueException("segmented palette with " + nominal + " bits per entry (8 or 16 allowed)");
            }
            depth = nominal;
            int[] tags = {Tag.SegmentedRedPaletteColorLookupTableData, Tag.SegmentedGreenPaletteColorLookupTableData,
                Tag.SegmentedBluePaletteColorLookupTableData, Tag.SegmentedAlphaPaletteColorLookupTableData};
            for (int k = 0; k < 4; k++) {
                if (!ds.contains(tags[k])) {
                    if (k < 3) {
                        throw new DicomValueException("segmented palette without " + Tag.toString(tags[k]));
                    }
                    break;
                }
                byte[] b = bytes(ds, tags[k]);
                int[] words = unpack(b, b.length * 8 / depth, depth);
                tables.add(expandSegmented(words, depth));
            }
        } else {
            throw new DicomValueException("PALETTE COLOR image without palette data (0028,1201) or segmented data (0028,1221)");
        }
        return new PaletteLut(first, depth, tables.toArray(new int[0][]));
    }

    private static byte[] bytes(Dataset ds, int tag) {
        Element e = ds.get(tag);
        if (e == null) {
            throw new DicomValueException("missing palette data " + Tag.toString(tag));
        }
        return e.littleEndianBytes();
    }

    private static int[] unpack(byte[] b, int entries, int depth) {
        int[] v = new int[entries];
        if (depth == 8) {
            for (int i = 0; i < entries; i++) {
                v[i] = b[i] & 0xFF;
            }
        } else {
            for (int i = 0; i < entries; i++) {
                v[i] = (b[2 * i] & 0xFF) | (b[2 * i + 1] & 0xFF) << 8;
            }
        }
        return v;
    }

    /**
     * Expands segmented palette data (PS3.3 C.7.9.2) as pydicom does: discrete segments (opcode
     * 0) copy values; linear segments (1) run from the previous value to the given one, rounded
     * half to even; indirect segments (2) repeat earlier segments, addressed by a 32-bit offset
     * counted in entries (low word first for 16-bit data, bytes 3,2,1,0 for 8-bit data).
     *
     * @param data  the segment words (8- or 16-bit entries, little endian order already)
     * @param depth 8 or 16
     */
    public static int[] expandSegmented(int[] data, int depth) {
        IntList out = new IntList();
        expand(data, 0, depth, -1, -1, out, 0);
        return out.toArray();
    }

    private static void expand(int[] data, int start, int depth, int maxSegments, int lastValue, IntList lut, int nesting) {
        if (nesting > 8) {
            throw new DicomValueException("segmented palette: indirect segments nested too deeply");
        }
        int off = start;
        int segments = 0;
        while (off + 1 < data.length) {
            int opcode = data[off];
            int length = data[off + 1];
            off += 2;
            if (lut.size + (long) length > (1 << 20)) {
                throw new DicomValueException("segmented palette expands past 2^20 entries");
            }
            switch (opcode) {
                case 0:
                    if (off + length > data.length) {
                        throw new DicomValueException("segmented palette: discrete segment of " + length + " runs past the data");
                    }
                    for (int i = 0; i < length; i++) {
                        lut.add(data[off + i]);
                    }
                    off += length;
                    break;
                case 1: {
                    int y0;
                    if (lut.size > 0) {
                        y0 = lut.last();
                    } else if (lastValue > 0) {
                        y0 = lastValue;
                    } else {
                        throw new DicomValueException("segmented palette: the first segment cannot be a linear segment");
                    }
                    if (off >= data.length) {
                        throw new DicomValueException("segmented palette: linear segment without end value");
                    }
                    int y1 = data[off++];
                    if (y0 == y1 || length == 1) {
                        for (int i = 0; i < length; i++) {
                            lut.add(y1);
                        }
                    } else {
                        double step = (y1 - y0) / (double) length;
                        double a = y0 + step;
                        // numpy.linspace(a, y1, length), then numpy.around (half to even)
                        double delta = (y1 - a) / (length - 1);
                        for (int i = 0; i < length; i++) {
                            double v = i == length - 1 ? y1 : a + i * delta;
                            lut.add((int) Math.rint(v));
                        }
                    }
                    break;
                }
                case 2: {
                    if (lut.size == 0) {
                        throw new DicomValueException("segmented palette: the first segment cannot be an indirect segment");
                    }
                    long offset;
                    if (depth == 8) {
                        if (off + 4 > data.length) {
                            throw new DicomValueException("segmented palette: truncated indirect segment");
                        }
                        int[] ii = {data[off + 3], data[off + 2], data[off + 1], data[off]};
                        offset = ((long) (ii[0] << 8 | ii[1]) << 16) | (ii[2] << 8 | ii[3]);
                        off += 4;
                    } else {
                        if (off + 2 > data.length) {
                            throw new DicomValueException("segmented palette: truncated indirect segment");
                        }
                        offset = (long) data[off + 1] << 16 | data[off];
                        off += 2;
                    }
                    if (offset < 0 || offset >= data.length) {
                        throw new DicomValueException("segmented palette: indirect segment offset " + offset + " outside the data");
                    }
                    expand(data, (int) offset, depth, length, lut.last(), lut, nesting + 1);
                    break;
                }
                default:
                    throw new DicomValueException("segmented palette: unknown segment type " + opcode);
            }
            segments++;
            if (segments == maxSegments) {
                return;
            }
        }
    }

    /** Number of entries. */
    public int entries() {
        return channels[0].length;
    }

    public int firstMapped() {
        return firstMapped;
    }

    /** Bits per entry: 8 or 16. */
    public int bits() {
        return bits;
    }

    /** Whether an alpha table is present. */
    public boolean hasAlpha() {
        return channels.length == 4;
    }

    /** Table {@code c} (0 red, 1 green, 2 blue, 3 alpha), a copy. */
    public int[] table(int c) {
        return channels[c].clone();
    }

    private int index(long v) {
        long i = v - firstMapped;
        int n = channels[0].length;
        return i <= 0 ? 0 : i >= n ? n - 1 : (int) i;
    }

    /** Red, green, blue (and alpha) of stored value {@code v}, at the entries' own depth. */
    public int[] lookup(long v) {
        int i = index(v);
        int[] out = new int[channels.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = channels[c][i];
        }
        return out;
    }

    /** Stored values to interleaved 8-bit RGB (16-bit entries scaled, rounded: {@code (v * 255 + 32767) / 65535}). */
    public byte[] toRgb8(int[] stored) {
        byte[][] lut8 = new byte[3][];
        for (int c = 0; c < 3; c++) {
            int[] t = channels[c];
            lut8[c] = new byte[t.length];
            for (int i = 0; i < t.length; i++) {
                lut8[c][i] = (byte) (bits == 8 ? Math.min(t[i], 255) : (Math.min(t[i], 65535) * 255 + 32767) / 65535);
            }
        }
        byte[] out = new byte[stored.length * 3];
        byte[] r = lut8[0];
        byte[] g = lut8[1];
        byte[] b = lut8[2];
        for (int p = 0, q = 0; p < stored.length; p++, q += 3) {
            int i = index(stored[p]);
            out[q] = r[i];
            out[q + 1] = g[i];
            out[q + 2] = b[i];
        }
        return out;
    }

    @Override
    public String toString() {
        return "palette " + entries() + " entries from " + firstMapped + ", " + bits + " bits" + (hasAlpha() ? ", with alpha" : "");
    }

    /** A growable int array. */
    private static final class IntList {
        int[] a = new int[256];
        int size;

        void add(int v) {
            if (size == a.length) {
                a = java.util.Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        int last() {
            return a[size - 1];
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, size);
        }
    }
}
