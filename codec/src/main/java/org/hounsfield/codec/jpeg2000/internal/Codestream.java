package org.hounsfield.codec.jpeg2000.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed JPEG 2000 codestream: image and tile size (SIZ), main header defaults and the tile-parts
 * of every tile. Built by {@link CodestreamParser}; the compressed data stays in the source array.
 */
public final class Codestream {
    byte[] src;
    /** Offset of the SOC marker in {@link #src}; error offsets are relative to {@link #errorBase}. */
    int start;
    int errorBase;

    // SIZ
    int rsiz;
    int xsiz, ysiz, xosiz, yosiz, xtsiz, ytsiz, xtosiz, ytosiz;
    int numComps;
    int[] precision;
    boolean[] signed;
    int[] xr;
    int[] yr;
    int numXTiles, numYTiles;
    /** A CAP marker was present (Part 15 / HTJ2K or other Part 2 capabilities). */
    boolean hasCap;
    /** An EOC marker ended the codestream. */
    boolean hasEoc;

    // main header defaults
    CodingStyle cod;
    CodingStyle[] coc;
    Quantization qcd;
    Quantization[] qcc;
    int[] roiShift;
    List<ProgressionChange> poc;
    /** Concatenated PPM packet headers, or null. */
    byte[] ppm;

    Tile[] tiles;

    /** Parameters and tile-parts of one tile. */
    static final class Tile {
        final int index;
        CodingStyle cod;
        CodingStyle[] coc;
        Quantization qcd;
        Quantization[] qcc;
        int[] roiShift;
        List<ProgressionChange> poc;
        /** Packet headers from PPT or PPM, or null when they are in the bit stream. */
        ByteBuffer headers;
        final List<int[]> parts = new ArrayList<>(1);

        Tile(int index) {
            this.index = index;
        }

        boolean present() {
            return !parts.isEmpty();
        }
    }

    /** A minimal growable byte array. */
    static final class ByteBuffer {
        byte[] data = new byte[256];
        int length;

        void append(byte[] b, int off, int len) {
            if (length + len > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, length + len));
            }
            System.arraycopy(b, off, data, length, len);
            length += len;
        }
    }

    /** Width of the image on the reference grid. */
    public int width() {
        return xsiz - xosiz;
    }

    public int height() {
        return ysiz - yosiz;
    }

    public int numComponents() {
        return numComps;
    }

    public int precision(int c) {
        return precision[c];
    }

    public boolean signed(int c) {
        return signed[c];
    }

    public int subsamplingX(int c) {
        return xr[c];
    }

    public int subsamplingY(int c) {
        return yr[c];
    }

    /** Smallest number of decomposition levels over all components and tiles (COD/COC). */
    public int minLevels() {
        int m = Integer.MAX_VALUE;
        for (int c = 0; c < numComps; c++) {
            m = Math.min(m, styleOf(null, c).levels);
        }
        for (Tile t : tiles) {
            if (t != null && t.present()) {
                for (int c = 0; c < numComps; c++) {
                    m = Math.min(m, styleOf(t, c).levels);
                }
            }
        }
        return m;
    }

    /** Resolves the coding style of component {@code c} in tile {@code t}: tile COC, tile COD, main COC, main COD. */
    CodingStyle styleOf(Tile t, int c) {
        CodingStyle base = t != null && t.cod != null ? t.cod : cod;
        CodingStyle comp;
        if (t != null && t.coc != null && t.coc[c] != null) {
            comp = t.coc[c];
        } else if (t != null && t.cod != null) {
            comp = t.cod;
        } else if (coc != null && coc[c] != null) {
            comp = coc[c];
        } else {
            comp = cod;
        }
        if (comp == base) {
            return base;
        }
        CodingStyle r = base.copy();
        r.setComponentPart(comp);
        return r;
    }

    Quantization quantOf(Tile t, int c) {
        if (t != null && t.qcc != null && t.qcc[c] != null) {
            return t.qcc[c];
        }
        if (t != null && t.qcd != null) {
            return t.qcd;
        }
        if (qcc != null && qcc[c] != null) {
            return qcc[c];
        }
        return qcd;
    }

    int roiShiftOf(Tile t, int c) {
        if (t != null && t.roiShift != null && t.roiShift[c] >= 0) {
            return t.roiShift[c];
        }
        return roiShift != null && roiShift[c] >= 0 ? roiShift[c] : 0;
    }
}
