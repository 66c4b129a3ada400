package org.hounsfield.imaging.overlay;

import java.util.ArrayList;
import java.util.List;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.Element;
import org.hounsfield.core.Tag;

/**
 * One overlay plane (60xx group, PS3.3 C.9.2 and C.9.3): a 1-bit graphic or region of interest
 * drawn over the image, taken from Overlay Data (60xx,3000) or, in older files, from an unused
 * high bit of the stored pixel words (Overlay Bit Position; retired, but still found).
 *
 * <pre>{@code
 * for (Overlay ov : Overlay.of(ds)) {
 *     boolean[] on = ov.mask(0, rows, columns);   // image-sized, origin applied
 * }
 * }</pre>
 */
public final class Overlay {
    /** Where the bits are. */
    public enum Source { OVERLAY_DATA, PIXEL_DATA_HIGH_BITS }

    private final int group;
    private final int rows;
    private final int columns;
    private final int originRow;
    private final int originColumn;
    private final String type;
    private final String description;
    private final String label;
    private final int frames;
    private final boolean framesGiven;
    private final int imageFrameOrigin;
    private final int bitPosition;
    private final Source source;
    private final byte[] data;        // packed bits (OVERLAY_DATA) or little-endian pixel words
    private final int wordBytes;      // bytes per pixel word for PIXEL_DATA_HIGH_BITS

    private Overlay(int group, int rows, int columns, int originRow, int originColumn, String type, String description,
            String label, int frames, boolean framesGiven, int imageFrameOrigin, int bitPosition, Source source,
            byte[] data, int wordBytes) {
        this.group = group;
        this.rows = rows;
        this.columns = columns;
        this.originRow = originRow;
        this.originColumn = originColumn;
        this.type = type;
        this.description = description;
        this.label = label;
        this.frames = frames;
        this.framesGiven = framesGiven;
        this.imageFrameOrigin = imageFrameOrigin;
        this.bitPosition = bitPosition;
        this.source = source;
        this.data = data;
        this.wordBytes = wordBytes;
    }

    /**
     * The overlays of a data set, groups 6000 to 601E in order. Groups without rows, columns or
     * data (empty elements, as some writers leave them) are skipped; overlays in high bits need
     * native (uncompressed) pixel data and are skipped otherwise.
     */
    public static List<Overlay> of(Dataset ds) {
        List<Overlay> out = new ArrayList<>();
        for (int g = 0x6000; g <= 0x601E; g += 2) {
            int base = g << 16;
            int rows = intValue(ds, base | 0x0010);
            int cols = intValue(ds, base | 0x0011);
            if (rows <= 0 || cols <= 0) {
                continue;
            }
            int[] origin = ints(ds, base | 0x0050);
            int oRow = origin.length > 0 ? origin[0] : 1;
            int oCol = origin.length > 1 ? origin[1] : 1;
            String type = string(ds, base | 0x0040).toUpperCase(java.util.Locale.ROOT);
            int nf = intValue(ds, base | 0x0015);
            int frameOrigin = intValue(ds, base | 0x0051);
            int bitsAllocated = intValue(ds, base | 0x0100);
            int bitPos = intValue(ds, base | 0x0102);
            Element od = ds.get(base | 0x3000);
            if (od != null && !od.isEmpty() && !od.isEncapsulated()) {
                byte[] bits = od.littleEndianBytes();
                int n = nf > 0 ? nf : 1;
                long needed = ((long) rows * cols * n + 7) / 8;
                if (bits.length < needed) {
                    // fewer bits than declared frames: keep the whole frames present
                    n = (int) Math.min(n, (long) bits.length * 8 / ((long) rows * cols));
                    if (n == 0) {
                        continue;
                    }
                }
                out.add(new Overlay(g, rows, cols, oRow, oCol, type, string(ds, base | 0x0022), string(ds, base | 0x1500),
                        n, nf > 0, frameOrigin > 0 ? frameOrigin : 1, bitPos, Source.OVERLAY_DATA, bits, 0));
            } else if (bitsAllocated > 1 && bitPos >= 0 && bitPos < bitsAllocated) {
                Element px = ds.get(Tag.PixelData);
                int imgRows = ds.getInt(Tag.Rows, 0);
                int imgCols = ds.getInt(Tag.Columns, 0);
                int pixelBits = ds.getInt(Tag.BitsAllocated, 0);
                if (px == null || px.isEncapsulated() || pixelBits != bitsAllocated || pixelBits % 8 != 0
                        || rows != imgRows || cols != imgCols || ds.getInt(Tag.SamplesPerPixel, 1) != 1) {
                    continue;
                }
                byte[] words = px.littleEndianBytes();
                int wb = pixelBits / 8;
                int imageFrames = Math.max(1, (int) Math.min(Integer.MAX_VALUE, (long) words.length / ((long) rows * cols * wb)));
                int n = nf > 0 ? Math.min(nf, imageFrames) : imageFrames;
                out.add(new Overlay(g, rows, cols, oRow, oCol, type, string(ds, base | 0x0022), string(ds, base | 0x1500),
                        n, true, frameOrigin > 0 ? frameOrigin : 1, bitPos, Source.PIXEL_DATA_HIGH_BITS, words, wb));
            }
        }
        return out;
    }

    private static int intValue(Dataset ds, int tag) {
        try {
            Element e = ds.get(tag);
            return e == null || e.isEmpty() ? -1 : e.intValue();
        } catch (DicomException e) {
            return -1;
        }
    }

    private static int[] ints(Dataset ds, int tag) {
        try {
            Element e = ds.get(tag);
            return e == null || e.isEmpty() ? new int[0] : e.ints();
        } catch (DicomException e) {
            return new int[0];
        }
    }

    private static String string(Dataset ds, int tag) {
        try {
            Element e = ds.get(tag);
            return e == null ? "" : e.string().trim();
        } catch (DicomException e) {
            return "";
        }
    }

    /** The repeating group, 0x6000 to 0x601E. */
    public int group() {
        return group;
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    /** Overlay Origin row, 1-based (1 = the image's first row). */
    public int originRow() {
        return originRow;
    }

    /** Overlay Origin column, 1-based. */
    public int originColumn() {
        return originColumn;
    }

    /** Overlay Type: "G" graphics, "R" region of interest (may be empty). */
    public String type() {
        return type;
    }

    public String description() {
        return description;
    }

    public String label() {
        return label;
    }

    /** Frames of overlay data. */
    public int frames() {
        return frames;
    }

    /** Image Frame Origin, 1-based. */
    public int imageFrameOrigin() {
        return imageFrameOrigin;
    }

    public int bitPosition() {
        return bitPosition;
    }

    public Source source() {
        return source;
    }

    /**
     * Whether the overlay is drawn on image frame {@code frame} (0-based): a multi-frame overlay
     * covers frames Image Frame Origin .. + Number of Frames in Overlay - 1; an overlay without
     * Number of Frames in Overlay covers every frame.
     */
    public boolean appliesTo(int frame) {
        if (!framesGiven) {
            return true;
        }
        int k = frame - (imageFrameOrigin - 1);
        return k >= 0 && k < frames;
    }

    /** The overlay bit at overlay row {@code r}, column {@code c} for image frame {@code frame}. */
    public boolean bit(int frame, int r, int c) {
        int k = framesGiven ? frame - (imageFrameOrigin - 1) : 0;
        if (k < 0 || k >= frames || r < 0 || c < 0 || r >= rows || c >= columns) {
            return false;
        }
        long i = (long) k * rows * columns + (long) r * columns + c;
        if (source == Source.OVERLAY_DATA) {
            return (data[(int) (i >>> 3)] >> (i & 7) & 1) != 0;
        }
        int p = (int) (i * wordBytes);
        int word = 0;
        for (int b = wordBytes - 1; b >= 0; b--) {
            word = word << 8 | (data[p + b] & 0xFF);
        }
        return (word >>> bitPosition & 1) != 0;
    }

    /**
     * An image-sized mask for image frame {@code frame} (0-based): true where the overlay is set,
     * Overlay Origin applied, parts outside the image cut off; all false when the overlay does not
     * apply to the frame.
     */
    public boolean[] mask(int frame, int imageRows, int imageColumns) {
        boolean[] m = new boolean[imageRows * imageColumns];
        if (!appliesTo(frame)) {
            return m;
        }
        for (int r = 0; r < rows; r++) {
            int y = originRow - 1 + r;
            if (y < 0 || y >= imageRows) {
                continue;
            }
            for (int c = 0; c < columns; c++) {
                int x = originColumn - 1 + c;
                if (x >= 0 && x < imageColumns && bit(frame, r, c)) {
                    m[y * imageColumns + x] = true;
                }
            }
        }
        return m;
    }

    @Override
    public String toString() {
        return String.format("overlay %04X: %dx%d at (%d,%d), type %s, %d frame(s), %s%s", group, rows, columns, originRow,
                originColumn, type.isEmpty() ? "?" : type, frames,
                source == Source.OVERLAY_DATA ? "Overlay Data" : "pixel data bit " + bitPosition,
                label.isEmpty() ? description.isEmpty() ? "" : " (" + description + ")" : " (" + label + ")");
    }
}
