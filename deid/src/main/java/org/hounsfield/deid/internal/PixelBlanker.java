package org.hounsfield.deid.internal;

import java.util.List;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.Element;
import org.hounsfield.core.Tag;
import org.hounsfield.deid.Rect;

/**
 * Sets the pixels inside user rectangles to stored value 0 in every frame of native (not
 * compressed) pixel data, and the bits of single-frame overlay planes under them to 0. Bits
 * Allocated 1, 8, 16, 32 and 64; any Samples per Pixel and Planar Configuration; either byte order
 * (0 is 0 in both).
 *
 * <pre>{@code
 * int n = PixelBlanker.blank(ds, List.of(new Rect(0, 0, 512, 40)));   // pixels set to 0 (all frames)
 * }</pre>
 */
public final class PixelBlanker {
    private PixelBlanker() {
    }

    /** Blanks the main pixel data; returns the number of pixels blanked per frame times frames. */
    public static long blank(Dataset ds, List<Rect> rects) {
        Element px = ds.get(Tag.PixelData);
        if (px == null || rects.isEmpty()) {
            return 0;
        }
        if (px.isEncapsulated()) {
            throw new DicomException("pixel data is compressed: convert it to a native transfer syntax before blanking rectangles");
        }
        int rows = ds.getInt(Tag.Rows, 0);
        int cols = ds.getInt(Tag.Columns, 0);
        int spp = Math.max(1, ds.getInt(Tag.SamplesPerPixel, 1));
        int bits = ds.getInt(Tag.BitsAllocated, 0);
        int planar = ds.getInt(Tag.PlanarConfiguration, 0);
        int frames = Math.max(1, ds.getInt(Tag.NumberOfFrames, 1));
        if (rows <= 0 || cols <= 0 || (bits != 1 && bits % 8 != 0) || bits > 64) {
            throw new DicomException("cannot blank: Rows/Columns/Bits Allocated " + rows + "/" + cols + "/" + bits);
        }
        byte[] b = px.bytes().clone();
        long pixels = (long) rows * cols;
        long blanked = 0;
        int bps = bits / 8;
        for (int f = 0; f < frames; f++) {
            for (Rect r : rects) {
                int y1 = Math.min(rows, r.y() + r.height());
                int x1 = Math.min(cols, r.x() + r.width());
                for (int y = r.y(); y < y1; y++) {
                    for (int x = r.x(); x < x1; x++) {
                        long p = (long) y * cols + x;
                        for (int s = 0; s < spp; s++) {
                            long sampleIndex = planar == 1 && spp > 1
                                    ? f * pixels * spp + s * pixels + p
                                    : (f * pixels + p) * spp + s;
                            if (bits == 1) {
                                int byteIndex = (int) (sampleIndex >>> 3);
                                if (byteIndex < b.length) {
                                    b[byteIndex] &= (byte) ~(1 << (sampleIndex & 7));
                                }
                            } else {
                                long off = sampleIndex * bps;
                                for (int k = 0; k < bps && off + k < b.length; k++) {
                                    b[(int) (off + k)] = 0;
                                }
                            }
                        }
                        blanked++;
                    }
                }
            }
        }
        ds.putRaw(Tag.PixelData, px.vr(), b, 0);
        blankOverlays(ds, rects);
        return blanked;
    }

    private static void blankOverlays(Dataset ds, List<Rect> rects) {
        for (int g = 0x6000; g <= 0x601E; g += 2) {
            int base = g << 16;
            Element data = ds.get(base | 0x3000);
            if (data == null || data.isEncapsulated() || !(data.rawValue() instanceof byte[])) {
                continue;
            }
            int rows = ds.getInt(base | 0x0010, 0);
            int cols = ds.getInt(base | 0x0011, 0);
            int[] origin = ds.getInts(base | 0x0050);
            int oy = origin != null && origin.length == 2 ? origin[0] - 1 : 0;
            int ox = origin != null && origin.length == 2 ? origin[1] - 1 : 0;
            if (rows <= 0 || cols <= 0) {
                continue;
            }
            byte[] b = data.bytes().clone();
            boolean bigEndianWords = ds.isBigEndian() && data.vr() == org.hounsfield.core.VR.OW;
            for (Rect r : rects) {
                for (int y = Math.max(0, r.y() - oy); y < Math.min(rows, r.y() + r.height() - oy); y++) {
                    for (int x = Math.max(0, r.x() - ox); x < Math.min(cols, r.x() + r.width() - ox); x++) {
                        long bit = (long) y * cols + x;
                        int byteIndex = (int) (bit >>> 3);
                        if (bigEndianWords) {
                            byteIndex ^= 1; // OW words are byte-swapped in big endian
                        }
                        if (byteIndex < b.length) {
                            b[byteIndex] &= (byte) ~(1 << (bit & 7));
                        }
                    }
                }
            }
            ds.putRaw(base | 0x3000, data.vr(), b, 0);
        }
    }
}
