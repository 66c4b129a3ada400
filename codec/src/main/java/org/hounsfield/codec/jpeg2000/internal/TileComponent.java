package org.hounsfield.codec.jpeg2000.internal;

/** One component of one tile: coding parameters, resolution levels and the coefficient buffer. */
final class TileComponent {
    final int comp;
    final int x0, y0, x1, y1;
    final CodingStyle style;
    final Quantization quant;
    final int roiShift;
    final int levels;
    final Resolution[] res;
    /** Levels actually reconstructed (levels - discarded levels). */
    int decodedLevels;
    /** Coefficients/samples of the decoded resolution, stride {@link #bufW}. */
    int[] idata;
    float[] fdata;
    int bufW, bufH;

    TileComponent(int comp, int x0, int y0, int x1, int y1, CodingStyle style, Quantization quant, int roiShift,
                  Resolution[] res) {
        this.comp = comp;
        this.x0 = x0;
        this.y0 = y0;
        this.x1 = x1;
        this.y1 = y1;
        this.style = style;
        this.quant = quant;
        this.roiShift = roiShift;
        this.levels = style.levels;
        this.res = res;
    }
}
